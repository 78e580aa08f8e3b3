/* tracuu — search widget for other websites.
 *
 * Embed:
 *   <script src="https://tracuu.example.gov.vn/widget.js" defer></script>
 *   <div data-tracuu-search></div>            (or <tracuu-search></tracuu-search>)
 *
 * Options (data-* attributes on the element; on <tracuu-search> also without "data-"):
 *   data-server       base URL of the tracuu server (default: where this script was loaded from)
 *   data-size         results per page, 1–100 (default 10)
 *   data-type, data-issuer, data-year
 *                     fixed filters sent with every search (several values: separate with "|")
 *   data-placeholder  text shown in the empty search box
 *   data-label        label above the box (default "Tra cứu văn bản")
 *   data-target       target of result links, e.g. "_blank" (default: same tab)
 *
 * Everything is rendered inside a shadow root, so the host page's styles do not leak in and
 * ours do not leak out; styles are attached as a constructable stylesheet where supported (not
 * subject to the host's CSP style-src), else as a <style> element inside the shadow root. No
 * inline styles or handlers are added to the host document, no other file is loaded, and no
 * cookies are sent. The server must list the host page's origin with --cors-origin.
 * Children of the element are kept as a no-JavaScript fallback and are hidden once mounted.
 * Custom properties --tracuu-accent, --tracuu-font and --tracuu-font-size adjust the look.
 */
(function () {
  'use strict';

  if (window.TracuuWidget && window.TracuuWidget.mount) return; // loaded twice: the first copy serves

  var VERSION = '1';
  var MIN_SUGGEST_CHARS = 3;
  var SUGGEST_DELAY_MS = 150;
  var SUGGEST_SIZE = 8;
  var DEFAULT_SIZE = 10;
  var FILTERS = ['type', 'issuer', 'year'];
  var KIND_LABEL = { title: 'Văn bản', number: 'Số hiệu', reference: 'Số hiệu' };

  var CSS = [
    ':host{all:initial;display:block;',
    'font-family:var(--tracuu-font,system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif);',
    'font-size:var(--tracuu-font-size,16px);line-height:1.5;color:#1b1f24;text-align:left}',
    ':host([hidden]){display:none}',
    '*,*::before,*::after{box-sizing:border-box}',
    '[hidden]{display:none!important}',
    '.tc{--accent:var(--tracuu-accent,#1a4d8f)}',
    '.tc-label{display:block;margin:0 0 .4em;font-weight:700;font-size:1.05em;color:#0b2a4a}',
    '.tc-row{display:flex;gap:.5em}',
    '.tc-combo{position:relative;flex:1 1 auto;min-width:0}',
    '.tc-input{display:block;width:100%;margin:0;font:inherit;color:inherit;background:#fff;',
    'padding:.55em .75em;min-height:2.75em;border:1px solid #8d99a8;border-radius:6px}',
    '.tc-input::placeholder{color:#6b7583;opacity:1}',
    '.tc-input:focus{border-color:var(--accent)}',
    '.tc-btn{font:inherit;font-size:.95em;line-height:1.2;margin:0;padding:.55em 1.2em;min-height:2.75em;',
    'border:1px solid var(--accent);border-radius:6px;background:var(--accent);color:#fff;font-weight:600;cursor:pointer}',
    '.tc-btn:hover{filter:brightness(.9)}',
    '.tc-btn-plain{background:#fff;color:var(--accent);border-color:#c3ccd8;font-weight:400;min-height:2.4em;padding:.4em .85em}',
    '.tc-btn-plain:hover:not(:disabled){background:#eef4fb;filter:none}',
    '.tc-btn:disabled{color:#8a94a3;background:#f5f7fa;border-color:#d6dde6;cursor:not-allowed;filter:none}',
    ':focus-visible{outline:3px solid #f2a900;outline-offset:2px}',
    '.tc-input:focus-visible{outline-offset:1px}',
    '.tc-list{position:absolute;z-index:10;left:0;right:0;top:calc(100% + 2px);margin:0;padding:.25em 0;',
    'list-style:none;background:#fff;border:1px solid #c3ccd8;border-radius:6px;',
    'box-shadow:0 6px 18px rgba(11,42,74,.16);max-height:22em;overflow-y:auto}',
    '.tc-option{display:flex;align-items:baseline;gap:.6em;padding:.45em .75em;cursor:pointer;line-height:1.35}',
    '.tc-option:hover{background:#f5f7fa}',
    '.tc-option[aria-selected="true"]{background:#eef4fb;box-shadow:inset 3px 0 0 var(--accent)}',
    '.tc-option-text{flex:1 1 auto;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}',
    '.tc-kind{flex:none;font-size:.75em;color:#4a5563;border:1px solid #d6dde6;border-radius:999px;padding:0 .55em}',
    '.tc-status{margin:.75em 0 .25em;color:#4a5563;font-size:.92em}',
    '.tc-status:empty{display:none}',
    '.tc-alert{margin:.75em 0;padding:.5em .75em;border-left:4px solid #a4161a;border-radius:4px;background:#fdecec;color:#7a1014}',
    '.tc-notice{margin:.5em 0;padding:.5em .75em;border-radius:4px;background:#f5f7fa;font-size:.92em}',
    '.tc-notice p{margin:0}',
    '.tc-notice p+p{margin-top:.25em}',
    '.tc-link-btn{font:inherit;color:var(--accent);background:none;border:0;padding:0;cursor:pointer;text-decoration:underline;font-weight:700}',
    '.tc-results{list-style:none;margin:0;padding:0}',
    '.tc-result{padding:.75em 0;border-top:1px solid #d6dde6}',
    '.tc-result:first-child{border-top:0}',
    '.tc-title{margin:0;font-size:1.02em;font-weight:600;line-height:1.35}',
    '.tc-title a{color:var(--accent);text-decoration:underline;text-underline-offset:2px}',
    '.tc-title a:visited{color:#5a3e8c}',
    '.tc-meta{margin:.2em 0 0;color:#4a5563;font-size:.85em}',
    '.tc-snippet{margin:.3em 0 0;font-size:.92em;overflow-wrap:anywhere}',
    'mark{background:#fff0a8;color:inherit;padding:0 .1em;border-radius:2px}',
    '.tc-pager{display:flex;flex-wrap:wrap;align-items:center;gap:.75em;margin-top:.5em}',
    '.tc-page{color:#4a5563;font-size:.9em}',
    '.tc-more{margin:.75em 0 0;font-size:.9em}',
    '.tc-more a{color:var(--accent)}',
    '.tc[aria-busy="true"] .tc-results{opacity:.6}'
  ].join('\n');

  // ---- where the server is --------------------------------------------------------------

  /** The folder this script was loaded from ("https://host" or "https://host/tracuu"). */
  function scriptBase() {
    var s = document.currentScript;
    var src = s && s.src ? s.src : '';
    if (!src) {
      var all = document.querySelectorAll('script[src]');
      for (var i = all.length - 1; i >= 0; i--) {
        if (/\/widget\.js(?:[?#]|$)/.test(all[i].src)) { src = all[i].src; break; }
      }
    }
    try { return new URL('.', src || location.href).href.replace(/\/+$/, ''); } catch (e) { return ''; }
  }
  var DEFAULT_SERVER = scriptBase();

  function normaliseServer(value) {
    var v = String(value || '').trim();
    if (!v) return DEFAULT_SERVER;
    try {
      var u = new URL(v, location.href);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return '';
      return (u.origin + u.pathname).replace(/\/+$/, '');
    } catch (e) { return ''; }
  }

  // ---- small helpers --------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') node.textContent = String(v);
        else if (k === 'className') node.className = v;
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function present(v) {
    if (v === null || v === undefined) return false;
    if (typeof v === 'number') return isFinite(v);
    return String(v).trim() !== '';
  }

  function formatNumber(n) {
    var x = Number(n);
    if (!isFinite(x)) return '';
    try { return x.toLocaleString('vi-VN'); } catch (e) { return String(x); }
  }

  function formatDate(value) {
    var m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(String(value || ''));
    if (!m) return present(value) ? String(value) : '';
    return (m[3].length < 2 ? '0' : '') + m[3] + '/' + (m[2].length < 2 ? '0' : '') + m[2] + '/' + m[1];
  }

  /** Length in characters as a reader counts them ("ủy" is 2, however it was typed). */
  function charCount(s) {
    var t = String(s || '').trim();
    try { t = t.normalize('NFC'); } catch (e) { /* old engine */ }
    return Array.from(t).length;
  }

  var STATUS_TEXT = {
    0: 'Không kết nối được tới máy chủ tra cứu. Vui lòng thử lại sau.',
    400: 'Yêu cầu tìm kiếm không hợp lệ.',
    404: 'Không tìm thấy dịch vụ tra cứu trên máy chủ.',
    429: 'Quá nhiều yêu cầu, vui lòng thử lại sau giây lát.',
    503: 'Máy chủ tra cứu tạm thời không sẵn sàng, vui lòng thử lại sau.'
  };

  function ApiError(status, detail) {
    var e = new Error(STATUS_TEXT[status] || 'Máy chủ tra cứu gặp lỗi (HTTP ' + status + ').');
    e.name = 'ApiError';
    e.status = status;
    e.detail = detail || '';
    return e;
  }

  /** GET JSON from the tracuu server: no cookies, only CORS-safelisted headers (no pre-flight). */
  function getJSON(url, signal) {
    var opts = { method: 'GET', mode: 'cors', credentials: 'omit', headers: { Accept: 'application/json' } };
    if (signal) opts.signal = signal;
    return fetch(url, opts).then(function (res) {
      return res.text().then(function (body) {
        var data = null;
        try { data = body ? JSON.parse(body) : null; } catch (e) { data = null; }
        if (res.ok && data && typeof data === 'object') return data;
        var env = data && data.error && typeof data.error === 'object' ? data.error : null;
        throw ApiError(res.ok ? 502 : res.status, env && env.message ? String(env.message) : '');
      });
    }, function (err) {
      if (err && err.name === 'AbortError') throw err;
      throw ApiError(0);
    });
  }

  function splitValues(v) {
    return String(v || '').split('|').map(function (x) { return x.trim(); }).filter(Boolean);
  }

  // ---- styles ---------------------------------------------------------------------------

  var sharedSheet = null;
  function applyStyles(shadow) {
    try {
      if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' &&
          typeof CSSStyleSheet.prototype.replaceSync === 'function') {
        if (!sharedSheet) { sharedSheet = new CSSStyleSheet(); sharedSheet.replaceSync(CSS); }
        shadow.adoptedStyleSheets = [sharedSheet];
        return;
      }
    } catch (e) { /* fall back to a <style> element */ }
    var style = document.createElement('style');
    style.textContent = CSS;
    shadow.appendChild(style);
  }

  // ---- one widget -----------------------------------------------------------------------

  var counter = 0;

  function readOptions(host) {
    var plainToo = host.localName === 'tracuu-search';
    function opt(name) {
      var v = host.getAttribute('data-' + name);
      if (v === null && plainToo) v = host.getAttribute(name);
      return v === null ? '' : v.trim();
    }
    var size = parseInt(opt('size'), 10);
    var filters = {};
    FILTERS.forEach(function (f) { var vs = splitValues(opt(f)); if (vs.length) filters[f] = vs; });
    var target = opt('target');
    return {
      server: normaliseServer(opt('server')),
      size: size >= 1 && size <= 100 ? size : DEFAULT_SIZE,
      filters: filters,
      placeholder: opt('placeholder') || 'Nhập từ khóa hoặc số hiệu văn bản…',
      label: opt('label') || 'Tra cứu văn bản',
      target: /^_?[A-Za-z0-9-]+$/.test(target) ? target : ''
    };
  }

  function Widget(host) {
    var n = ++counter;
    this.host = host;
    this.opts = readOptions(host);
    this.ids = { input: 'tc-q-' + n, list: 'tc-list-' + n, option: 'tc-opt-' + n + '-' };
    this.suggestions = [];
    this.suggestedFor = null; // the text this.suggestions are for
    this.active = -1;
    this.suggestTimer = 0;
    this.suggestCtrl = null;
    this.suggestFailures = 0;
    this.suggestOff = false;
    this.searchCtrl = null;
    this.query = '';
    this.page = 1;
    this.build();
  }

  Widget.prototype.build = function () {
    var self = this, ids = this.ids;
    // Throws when the element cannot host a shadow root or already has one (mount() reports it).
    var shadow = this.host.attachShadow({ mode: 'open' });
    applyStyles(shadow);

    this.input = el('input', {
      id: ids.input, className: 'tc-input', part: 'input', type: 'search', name: 'q',
      role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': ids.list,
      autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', enterkeyhint: 'search',
      placeholder: this.opts.placeholder
    });
    this.list = el('ul', { id: ids.list, className: 'tc-list', role: 'listbox', 'aria-label': 'Gợi ý tìm kiếm', hidden: true });
    this.button = el('button', { type: 'submit', className: 'tc-btn', part: 'button', text: 'Tìm' });
    this.form = el('form', { className: 'tc-form', role: 'search', novalidate: true }, [
      el('label', { className: 'tc-label', part: 'label', 'for': ids.input, text: this.opts.label }),
      el('div', { className: 'tc-row' }, [el('div', { className: 'tc-combo' }, [this.input, this.list]), this.button])
    ]);
    this.status = el('p', { className: 'tc-status', role: 'status', 'aria-live': 'polite' });
    this.alert = el('div', { className: 'tc-alert', role: 'alert', hidden: true });
    this.notice = el('div', { className: 'tc-notice', hidden: true });
    this.results = el('ol', { className: 'tc-results', part: 'results', 'aria-label': 'Kết quả tìm kiếm' });
    this.prev = el('button', { type: 'button', className: 'tc-btn tc-btn-plain', 'aria-label': 'Trang trước', text: '‹ Trước' });
    this.next = el('button', { type: 'button', className: 'tc-btn tc-btn-plain', 'aria-label': 'Trang sau', text: 'Sau ›' });
    this.pageInfo = el('span', { className: 'tc-page' });
    this.pager = el('nav', { className: 'tc-pager', 'aria-label': 'Phân trang kết quả', hidden: true },
      [this.prev, this.pageInfo, this.next]);
    this.more = el('p', { className: 'tc-more', hidden: true });
    this.root = el('div', { className: 'tc', part: 'container', lang: 'vi' },
      [this.form, this.status, this.alert, this.notice, this.results, this.pager, this.more]);
    shadow.appendChild(this.root);

    this.form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      self.closeList();
      self.search(self.input.value, 1);
    });
    this.input.addEventListener('input', function () { self.onInput(); });
    this.input.addEventListener('keydown', function (ev) { self.onKey(ev); });
    this.input.addEventListener('blur', function () { self.closeList(); });
    // mousedown would move focus away from the box (and close the list) before the click lands.
    this.list.addEventListener('mousedown', function (ev) { ev.preventDefault(); });
    this.list.addEventListener('click', function (ev) {
      var li = ev.target && ev.target.closest ? ev.target.closest('[role="option"]') : null;
      if (li) self.choose(Number(li.getAttribute('data-index')));
    });
    this.prev.addEventListener('click', function () { self.search(self.query, self.page - 1, true); });
    this.next.addEventListener('click', function () { self.search(self.query, self.page + 1, true); });
  };

  // ---- suggestions (ARIA 1.2 combobox with a listbox popup) -----------------------------

  Widget.prototype.onInput = function () {
    var self = this;
    clearTimeout(this.suggestTimer);
    if (this.suggestCtrl) { this.suggestCtrl.abort(); this.suggestCtrl = null; }
    var q = this.input.value;
    if (this.suggestOff || !this.opts.server || charCount(q) < MIN_SUGGEST_CHARS) { this.closeList(); return; }
    this.suggestTimer = setTimeout(function () { self.fetchSuggestions(q); }, SUGGEST_DELAY_MS);
  };

  Widget.prototype.fetchSuggestions = function (q) {
    var self = this;
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    this.suggestCtrl = ctrl;
    var url = this.opts.server + '/api/suggest?q=' + encodeURIComponent(q.trim()) + '&size=' + SUGGEST_SIZE;
    getJSON(url, ctrl ? ctrl.signal : null).then(function (data) {
      if (self.suggestCtrl !== ctrl || self.input.value !== q) return;
      self.suggestCtrl = null;
      self.suggestFailures = 0;
      self.suggestedFor = q;
      var items = Array.isArray(data.suggestions) ? data.suggestions.filter(function (s) {
        return s && typeof s === 'object' && present(s.text);
      }) : [];
      self.showList(items);
    }, function (err) {
      if (err && err.name === 'AbortError') return;
      if (self.suggestCtrl === ctrl) self.suggestCtrl = null;
      // No suggest endpoint (404), or it keeps failing (e.g. not open to this origin): stop asking.
      if ((err && err.status === 404) || ++self.suggestFailures >= 3) self.suggestOff = true;
      self.closeList();
    });
  };

  Widget.prototype.showList = function (items) {
    var self = this;
    clear(this.list);
    this.suggestions = items;
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    if (!items.length || this.host.shadowRoot.activeElement !== this.input) { // typed, then left the box
      this.closeList();
      return;
    }
    items.forEach(function (s, i) {
      var kind = KIND_LABEL[s.kind];
      self.list.appendChild(el('li', {
        id: self.ids.option + i, className: 'tc-option', role: 'option', 'aria-selected': 'false', 'data-index': i
      }, [
        el('span', { className: 'tc-option-text', title: String(s.text), text: String(s.text) }),
        kind ? el('span', { className: 'tc-kind', 'aria-hidden': 'true', text: kind }) : null
      ]));
    });
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  };

  Widget.prototype.closeList = function () {
    this.list.hidden = true;
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  };

  Widget.prototype.isOpen = function () { return !this.list.hidden && this.suggestions.length > 0; };

  Widget.prototype.setActive = function (i) {
    var opts = this.list.children;
    if (this.active >= 0 && opts[this.active]) opts[this.active].setAttribute('aria-selected', 'false');
    this.active = i;
    if (i < 0 || !opts[i]) { this.input.removeAttribute('aria-activedescendant'); return; }
    opts[i].setAttribute('aria-selected', 'true');
    this.input.setAttribute('aria-activedescendant', opts[i].id);
    if (opts[i].scrollIntoView) opts[i].scrollIntoView({ block: 'nearest' });
  };

  Widget.prototype.choose = function (i) {
    var s = this.suggestions[i];
    if (!s) return;
    clearTimeout(this.suggestTimer);
    this.input.value = String(s.text);
    this.closeList();
    this.input.focus();
    this.search(this.input.value, 1);
  };

  Widget.prototype.onKey = function (ev) {
    if (ev.isComposing || ev.keyCode === 229) return; // an input method (Telex, VNI) is composing
    var n = this.suggestions.length;
    switch (ev.key) {
      case 'ArrowDown':
      case 'Down':
        if (!this.isOpen()) {
          if (n && this.suggestedFor === this.input.value) { this.showList(this.suggestions); }
          else { this.onInput(); return; }
        }
        ev.preventDefault();
        if (this.suggestions.length) this.setActive(this.active + 1 >= this.suggestions.length ? 0 : this.active + 1);
        break;
      case 'ArrowUp':
      case 'Up':
        if (!this.isOpen()) return;
        ev.preventDefault();
        this.setActive(this.active <= 0 ? n - 1 : this.active - 1);
        break;
      case 'Enter':
        if (this.isOpen() && this.active >= 0) { ev.preventDefault(); this.choose(this.active); }
        // otherwise the form submits
        break;
      case 'Escape':
      case 'Esc':
        if (this.isOpen()) { ev.preventDefault(); ev.stopPropagation(); this.closeList(); }
        break;
      case 'Tab':
        this.closeList();
        break;
      default:
        break;
    }
  };

  // ---- searching ------------------------------------------------------------------------

  Widget.prototype.searchUrl = function (q, page) {
    var p = new URLSearchParams();
    p.set('q', q);
    p.set('page', String(page));
    p.set('size', String(this.opts.size));
    var f = this.opts.filters;
    Object.keys(f).forEach(function (k) { f[k].forEach(function (v) { p.append(k, v); }); });
    return p;
  };

  Widget.prototype.docUrl = function (id, q, page) {
    var u = this.opts.server + '/doc/' + encodeURIComponent(String(id));
    if (present(q)) u += '?q=' + encodeURIComponent(q);
    if (typeof page === 'number' && page > 1) u += '#trang-' + page;
    return u;
  };

  Widget.prototype.reset = function () {
    this.status.textContent = '';
    this.alert.hidden = true;
    clear(this.alert);
    this.notice.hidden = true;
    clear(this.notice);
    clear(this.results);
    this.pager.hidden = true;
    this.more.hidden = true;
  };

  Widget.prototype.search = function (raw, page, fromPager) {
    var self = this;
    var q = String(raw || '').trim();
    clearTimeout(this.suggestTimer);
    if (this.suggestCtrl) { this.suggestCtrl.abort(); this.suggestCtrl = null; }
    if (this.searchCtrl) { this.searchCtrl.abort(); this.searchCtrl = null; }
    this.query = q;
    this.page = page > 0 ? page : 1;
    if (!q) { this.reset(); this.root.removeAttribute('aria-busy'); this.input.focus(); return; }
    if (!this.opts.server) {
      this.reset();
      this.showError({ message: 'Địa chỉ máy chủ tra cứu (data-server) không hợp lệ.' });
      return;
    }
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    this.searchCtrl = ctrl;
    this.root.setAttribute('aria-busy', 'true');
    this.status.textContent = 'Đang tìm…';
    getJSON(this.opts.server + '/api/search?' + this.searchUrl(q, this.page).toString(), ctrl ? ctrl.signal : null)
      .then(function (data) {
        if (self.searchCtrl !== ctrl) return;
        self.render(q, data);
        if (fromPager) {
          var r = self.host.getBoundingClientRect();
          if (r.top < 0 && self.host.scrollIntoView) self.host.scrollIntoView({ block: 'start' });
        }
      }, function (err) {
        if (err && err.name === 'AbortError') return;
        if (self.searchCtrl !== ctrl) return;
        self.reset();
        self.showError(err);
      })
      .then(function () {
        if (self.searchCtrl === ctrl) { self.searchCtrl = null; self.root.removeAttribute('aria-busy'); }
      });
  };

  Widget.prototype.showError = function (err) {
    var msg = err && err.message ? String(err.message) : 'Đã xảy ra lỗi không xác định.';
    if (err && err.status === 400 && err.detail) msg += ' (' + err.detail + ')';
    clear(this.alert);
    this.alert.appendChild(el('strong', { text: 'Lỗi: ' }));
    this.alert.appendChild(document.createTextNode(msg));
    this.alert.hidden = false;
    this.status.textContent = '';
  };

  var ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  function decodeEntities(s) {
    return s.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]{2,6});/g, function (m, e) {
      if (e.charAt(0) === '#') {
        var cp = e.charAt(1) === 'x' || e.charAt(1) === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      }
      return Object.prototype.hasOwnProperty.call(ENTITIES, e) ? ENTITIES[e] : m;
    });
  }

  /** Renders a snippet, HTML-escaped text with <mark> around matches, as text nodes and <mark>
   *  elements: the same result as innerHTML for what the server sends, without parsing markup
   *  (so it also works under a host's Trusted Types policy); any other tag is dropped. */
  function appendSnippet(parent, html) {
    var re = /<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*>/g, target = parent, last = 0, m;
    while ((m = re.exec(html)) !== null) {
      if (m.index > last) target.appendChild(document.createTextNode(decodeEntities(html.slice(last, m.index))));
      last = re.lastIndex;
      if (m[2].toLowerCase() !== 'mark') continue;
      if (!m[1] && target === parent) target = parent.appendChild(document.createElement('mark'));
      else if (m[1]) target = parent;
    }
    if (last < html.length) target.appendChild(document.createTextNode(decodeEntities(html.slice(last))));
  }

  function metaLine(r) {
    var parts = [];
    if (present(r.number)) parts.push(String(r.number));
    if (present(r.type)) parts.push(String(r.type));
    if (present(r.issuer)) parts.push(String(r.issuer));
    if (present(r.date)) parts.push(formatDate(r.date));
    if (typeof r.page === 'number' && r.page > 1) parts.push('Trang ' + r.page);
    return parts.join(' · ');
  }

  Widget.prototype.renderResult = function (r, q) {
    if (!r || typeof r !== 'object') return null;
    var id = present(r.id) ? String(r.id) : '';
    var title = present(r.title) ? String(r.title) : (present(r.number) ? String(r.number) : id || '(Không có tiêu đề)');
    var link = id ? el('a', {
      href: this.docUrl(id, q, typeof r.page === 'number' ? r.page : 0), text: title, part: 'result-title',
      target: this.opts.target || null, rel: this.opts.target ? 'noopener' : null
    }) : el('span', { text: title });
    var li = el('li', { className: 'tc-result' }, [el('h3', { className: 'tc-title' }, [link])]);
    var meta = metaLine(r);
    if (meta) li.appendChild(el('p', { className: 'tc-meta', text: meta }));
    if (present(r.snippet)) {
      var p = el('p', { className: 'tc-snippet' });
      appendSnippet(p, String(r.snippet));
      li.appendChild(p);
    }
    return li;
  };

  Widget.prototype.render = function (q, data) {
    var self = this;
    var total = typeof data.total === 'number' && data.total >= 0 ? data.total : 0;
    var size = typeof data.size === 'number' && data.size > 0 ? data.size : this.opts.size;
    var results = Array.isArray(data.results) ? data.results : [];
    var pages = Math.max(1, Math.ceil(total / size));
    this.reset();

    if (total > 0) {
      // total_exact false: counting stopped at the server's time limit, the total is an estimate.
      this.status.textContent = 'Tìm thấy ' + (data.total_exact === false ? 'khoảng ' : '') + formatNumber(total) + ' văn bản' +
        (pages > 1 ? ' — trang ' + formatNumber(this.page) + '/' + formatNumber(pages) : '');
    } else {
      this.status.textContent = 'Không tìm thấy văn bản phù hợp với “' + q + '”.';
    }

    if (data.relaxed === true && total > 0) {
      this.notice.appendChild(el('p', { text: 'Không có văn bản chứa đủ tất cả các từ đã nhập; đang hiển thị các kết quả gần đúng.' }));
    }
    if (present(data.suggestion) && String(data.suggestion).trim() !== q) {
      var sug = String(data.suggestion).trim();
      var b = el('button', { type: 'button', className: 'tc-link-btn', text: sug });
      b.addEventListener('click', function () { self.input.value = sug; self.search(sug, 1); });
      this.notice.appendChild(el('p', null, ['Có phải bạn muốn tìm: ', b, '?']));
    }
    this.notice.hidden = !this.notice.firstChild;

    var query = present(data.query) ? String(data.query) : q;
    results.forEach(function (r) {
      var li = self.renderResult(r, query);
      if (li) self.results.appendChild(li);
    });
    if (!this.results.firstChild && total > 0) {
      this.results.appendChild(el('li', { className: 'tc-result', text: 'Trang này không có kết quả.' }));
    }

    if (pages > 1) {
      this.prev.disabled = this.page <= 1;
      this.next.disabled = this.page >= pages;
      this.pageInfo.textContent = 'Trang ' + formatNumber(this.page) + '/' + formatNumber(pages);
      this.pager.hidden = false;
    }

    if (total > 0) {
      var p = new URLSearchParams();
      p.set('q', q);
      var f = this.opts.filters;
      Object.keys(f).forEach(function (k) { if (f[k].length === 1) p.set(k, f[k][0]); });
      clear(this.more);
      this.more.appendChild(el('a', {
        href: this.opts.server + '/?' + p.toString(), target: this.opts.target || null,
        rel: this.opts.target ? 'noopener' : null, text: 'Mở trang tra cứu đầy đủ →'
      }));
      this.more.hidden = false;
    }
  };

  // ---- mounting -------------------------------------------------------------------------

  var mounted = typeof WeakMap === 'function' ? new WeakMap() : null;

  /** Turn an element into a widget (once); returns its controller. */
  function mount(host) {
    if (!host || host.nodeType !== 1) return null;
    var existing = mounted ? mounted.get(host) : host.__tracuuWidget;
    if (existing) return existing;
    var w;
    try {
      w = new Widget(host);
    } catch (e) {
      if (window.console && console.warn) console.warn('tracuu widget: cannot mount on', host, e);
      return null;
    }
    if (mounted) mounted.set(host, w); else host.__tracuuWidget = w;
    return w;
  }

  function mountAll(root) {
    if (!root || !root.querySelectorAll) return;
    if (root.matches && root.matches('[data-tracuu-search]')) mount(root);
    Array.prototype.forEach.call(root.querySelectorAll('[data-tracuu-search]'), mount);
  }

  if (window.customElements && !window.customElements.get('tracuu-search')) {
    try {
      window.customElements.define('tracuu-search', class extends HTMLElement {
        connectedCallback() { mount(this); }
      });
    } catch (e) { /* the name is taken: ignore */ }
  }

  function start() {
    mountAll(document);
    if (typeof MutationObserver === 'function' && document.documentElement) {
      new MutationObserver(function (records) {
        records.forEach(function (r) {
          Array.prototype.forEach.call(r.addedNodes, function (node) { if (node.nodeType === 1) mountAll(node); });
        });
      }).observe(document.documentElement, { childList: true, subtree: true });
    }
  }

  window.TracuuWidget = { version: VERSION, mount: mount, server: DEFAULT_SERVER };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
