/* tracuu — shared helpers for the search page (app.js), the document page (doc.js) and the
 * reference page (ref.js).
 * Plain browser JavaScript, no build step. Exposes a single global: window.Tracuu.
 * Served under a Content-Security-Policy of default-src 'self': no eval, no inline code. */
(function () {
  'use strict';

  /** Error thrown by fetchJSON; .status is the HTTP status (0 = network), .code the API code. */
  function ApiError(message, status, code) {
    var e = new Error(message);
    e.name = 'ApiError';
    e.status = status || 0;
    e.code = code || '';
    return e;
  }

  var STATUS_TEXT = {
    400: 'Yêu cầu không hợp lệ.',
    404: 'Không tìm thấy.',
    429: 'Quá nhiều yêu cầu, vui lòng thử lại sau giây lát.',
    500: 'Lỗi máy chủ.',
    503: 'Máy chủ tạm thời không sẵn sàng, vui lòng thử lại sau.'
  };

  // The API's messages are English (for developers); the ones a reader of these pages can cause
  // are said again in Vietnamese. Others are shown as the server wrote them.
  var VI_MESSAGES = [
    [/^parameter "q" is empty/, function () { return 'Hãy nhập từ cần tìm.'; }],
    [/^the query has no words to search for/, function () { return 'Câu tìm không có từ nào để tìm.'; }],
    [/^the query has only excluded words/, function () { return 'Câu tìm chỉ có từ loại trừ (có dấu -): hãy thêm từ cần tìm.'; }],
    [/^the query is too long \((\d+) bytes; at most (\d+)\)/, function (m) { return 'Câu tìm quá dài (' + m[1] + ' byte; tối đa ' + m[2] + ').'; }],
    [/^the field "([^"]*)" needs a value/, function (m) { return 'Trường "' + m[1] + '" cần có giá trị.'; }],
    [/^"([^"]*)" needs a four-digit year/, function (m) { return '"' + m[1] + '" cần một năm bốn chữ số.'; }],
    [/^year "([^"]*)" is not a four-digit year/, function (m) { return '"' + m[1] + '" không phải một năm bốn chữ số.'; }],
    [/^date "([^"]*)" is not a day in the form YYYY-MM-DD/, function (m) { return 'Ngày "' + m[1] + '" phải là một ngày có thật, dạng YYYY-MM-DD.'; }],
    [/^the date range is empty/, function () { return 'Khoảng ngày trống: ngày bắt đầu sau ngày kết thúc.'; }],
    [/^the index could not be read/, function () { return 'Tạm thời không đọc được chỉ mục, vui lòng thử lại sau giây lát.'; }]
  ];

  /** The Vietnamese form of an API error message, or the message itself. */
  function viMessage(message) {
    for (var i = 0; i < VI_MESSAGES.length; i++) {
      var m = VI_MESSAGES[i][0].exec(message);
      if (m) return VI_MESSAGES[i][1](m);
    }
    return message;
  }

  /**
   * GET a JSON resource. Resolves with the parsed body on 2xx.
   * Rejects with ApiError carrying the message of the {"error": {"code","message"}} envelope
   * (or a Vietnamese fallback). Aborted requests reject with the original AbortError.
   */
  function fetchJSON(url, options) {
    var opts = { headers: { Accept: 'application/json' }, credentials: 'same-origin' };
    if (options && options.signal) opts.signal = options.signal;
    return fetch(url, opts).then(function (res) {
      return res.text().then(function (body) {
        var data = null;
        try { data = body ? JSON.parse(body) : null; } catch (ignored) { data = null; }
        if (res.ok) {
          if (data === null || typeof data !== 'object') {
            throw ApiError('Phản hồi từ máy chủ không hợp lệ.', res.status, 'bad_response');
          }
          return data;
        }
        var env = data && typeof data === 'object' ? data.error : null;
        var msg = env && typeof env === 'object' && env.message ? viMessage(String(env.message))
          : (typeof env === 'string' && env ? env : (STATUS_TEXT[res.status] || 'Lỗi máy chủ') +
             ' (HTTP ' + res.status + ')');
        var code = env && typeof env === 'object' && env.code ? String(env.code) : '';
        throw ApiError(msg, res.status, code);
      });
    }, function (err) {
      if (err && err.name === 'AbortError') throw err;
      throw ApiError('Không kết nối được tới máy chủ. Vui lòng kiểm tra kết nối và thử lại.', 0, 'network');
    });
  }

  function pad2(n) { return (n < 10 ? '0' : '') + n; }

  /** "2025-07-25" (or an ISO date-time) → "25/07/2025"; "2025-07" → "07/2025"; otherwise as given. */
  function formatDate(value) {
    if (value === null || value === undefined || value === '') return '';
    var s = String(value).trim();
    var m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s])/.exec(s);
    if (m) return pad2(+m[3]) + '/' + pad2(+m[2]) + '/' + m[1];
    m = /^(\d{4})-(\d{1,2})$/.exec(s);
    if (m) return pad2(+m[2]) + '/' + m[1];
    return s;
  }

  /** Vietnamese number formatting: 12345 → "12.345", 0.003 → "0,003". */
  function formatNumber(n, minFrac, maxFrac) {
    var x = Number(n);
    if (!isFinite(x)) return '';
    var o = {};
    if (typeof minFrac === 'number') o.minimumFractionDigits = minFrac;
    if (typeof maxFrac === 'number') o.maximumFractionDigits = maxFrac;
    try { return x.toLocaleString('vi-VN', o); } catch (ignored) { return String(x); }
  }

  var ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  /** HTML-escape a string (for the rare case markup is built as text; prefer el()/textContent). */
  function escapeHTML(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, function (c) { return ESC[c]; });
  }

  /** True for a non-empty string / finite number. */
  function present(v) {
    if (v === null || v === undefined) return false;
    if (typeof v === 'number') return isFinite(v);
    return String(v).trim() !== '';
  }

  /**
   * Build an element. attrs: plain attributes, plus special keys
   * "text" (textContent), "className", "on" ({event: handler}). children: nodes or strings.
   */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === 'text') node.textContent = String(v);
        else if (k === 'className') node.className = v;
        else if (k === 'on') Object.keys(v).forEach(function (ev) { node.addEventListener(ev, v[ev]); });
        else node.setAttribute(k, v === true ? '' : String(v));
      });
    }
    if (children !== undefined && children !== null) {
      (Array.isArray(children) ? children : [children]).forEach(function (c) {
        if (c === null || c === undefined || c === false) return;
        node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
      });
    }
    return node;
  }

  function clear(node) { while (node && node.firstChild) node.removeChild(node.firstChild); }

  /** URL of the document page for an id, optionally carrying the query for highlighting. */
  function docUrl(id, query, page) {
    var u = '/doc/' + encodeURIComponent(String(id));
    if (present(query)) u += '?q=' + encodeURIComponent(String(query));
    if (typeof page === 'number' && page > 1) u += '#trang-' + page;
    return u;
  }

  /** URL of the search page for a query. */
  function searchUrl(query) {
    return present(query) ? '/?q=' + encodeURIComponent(String(query)) : '/';
  }

  /** Fill an element (e.g. the footer) with "Chỉ mục: N văn bản" from /healthz; silent on failure. */
  function showIndexInfo(node) {
    if (!node) return;
    fetchJSON('/healthz').then(function (h) {
      if (h && typeof h.documents === 'number') {
        node.textContent = 'Chỉ mục: ' + formatNumber(h.documents) + ' văn bản';
      }
    }, function () { /* footer is decorative; ignore */ });
  }

  // ---- diacritic-insensitive folding with a map back to the original text ----------------

  var foldCache = Object.create(null);
  /** One character (or surrogate pair) → lower case without diacritics ("Đ" → "d", "ế" → "e"). */
  function foldChar(ch) {
    var c = ch.charCodeAt(0);
    if (ch.length === 1 && c < 128) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
    var f = foldCache[ch];
    if (f === undefined) {
      f = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
      foldCache[ch] = f;
    }
    return f;
  }
  function foldString(s) {
    var out = '';
    s = String(s);
    for (var i = 0; i < s.length; i++) {
      var ch = s.charAt(i);
      if (i + 1 < s.length && /[\ud800-\udbff]/.test(ch)) { ch += s.charAt(++i); }
      out += foldChar(ch);
    }
    return out;
  }
  /** Folded copy of text; start[k]/end[k] give the original [start,end) of folded unit k. */
  function foldWithMap(text) {
    var parts = [], start = [], end = [];
    for (var i = 0; i < text.length;) {
      var c = text.charCodeAt(i);
      var len = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
      var f = foldChar(text.substr(i, len));
      for (var k = 0; k < f.length; k++) { start.push(i); end.push(i + len); }
      parts.push(f);
      i += len;
    }
    return { text: parts.join(''), start: start, end: end };
  }

  // ---- reference keys and document numbers ------------------------------------------------

  /** "13/KH-UBND@2025@ủy ban nhân dân tỉnh ninh bình" → {symbol, year, body}; "?" parts are "". */
  function keyParts(key) {
    var p = String(key || '').split('@');
    var part = function (v) { return v && v !== '?' ? v : ''; };
    return { symbol: p[0] || '', year: part(p[1]), body: part(p.slice(2).join('@')) };
  }

  /** URL of the reference page for a key. */
  function refUrl(key) { return '/ref/' + encodeURIComponent(String(key)); }

  var ALNUM = /[a-z0-9]/;
  /** A regular expression (over folded text) for document numbers: any case, any diacritics,
   *  leading zeros and stray spaces around "-" and "/" ("03/NQ-CP", "3/nq- CP"). */
  function numberPattern(numbers) {
    var seen = Object.create(null), alts = [];
    (numbers || []).forEach(function (n) {
      var toks = foldString(n || '').match(/[a-z0-9]+|[^a-z0-9\s]/g);
      if (!toks) return;
      var re = toks.map(function (t) {
        if (/^\d+$/.test(t)) return '0*' + t.replace(/^0+(?=\d)/, '');
        return t.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');
      }).join('\\s*');
      if (!seen[re]) { seen[re] = true; alts.push(re); }
    });
    if (!alts.length) return null;
    alts.sort(function (a, b) { return b.length - a.length; });
    return new RegExp(alts.join('|'), 'g');
  }

  /** Text as a fragment with every occurrence of the given numbers wrapped in <mark class="cite">. */
  function highlightNumbers(text, numbers) {
    var frag = document.createDocumentFragment(), re = numberPattern(numbers);
    text = String(text || '');
    var at = 0;
    if (re) {
      var f = foldWithMap(text), ft = f.text, m;
      while ((m = re.exec(ft)) !== null) {
        var fs = m.index, fe = fs + m[0].length;
        if (fe === fs) { re.lastIndex++; continue; }
        if ((fs > 0 && ALNUM.test(ft.charAt(fs - 1))) || (fe < ft.length && ALNUM.test(ft.charAt(fe)))) {
          re.lastIndex = fs + 1; continue;
        }
        var s = f.start[fs], e = f.end[fe - 1];
        if (s < at) continue;
        if (s > at) frag.appendChild(document.createTextNode(text.slice(at, s)));
        frag.appendChild(el('mark', { className: 'cite', text: text.slice(s, e) }));
        at = e;
      }
    }
    if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
    return frag;
  }

  /** Money the Vietnamese way: 1515880000000 → "1.515,88 tỷ đồng", 422880000 → "422,88 triệu đồng". */
  function formatVnd(amount) {
    var x = Number(amount);
    if (!isFinite(x)) return '';
    var a = Math.abs(x);
    if (a >= 1e9) return formatNumber(x / 1e9, 0, 3) + ' tỷ đồng';
    if (a >= 1e6) return formatNumber(x / 1e6, 0, 3) + ' triệu đồng';
    return formatNumber(x, 0, 0) + ' đồng';
  }

  var loaded = Object.create(null);
  /**
   * Load same-origin scripts one after the other; resolves once the last has run. One at a time
   * on purpose: tracuu-server serves as many connections at once as it has worker threads (4 by
   * default) and keeps idle ones open for seconds, so a burst of parallel requests would stall.
   */
  function loadScripts(srcs) {
    return srcs.reduce(function (prev, src) {
      return prev.then(function () {
        if (!loaded[src]) {
          loaded[src] = new Promise(function (resolve, reject) {
            var s = document.createElement('script');
            s.src = src;
            s.onload = function () { resolve(); };
            s.onerror = function () { reject(ApiError('Không tải được tệp ' + src + '.', 0, 'script')); };
            document.head.appendChild(s);
          });
        }
        return loaded[src];
      });
    }, Promise.resolve());
  }

  window.Tracuu = {
    fetchJSON: fetchJSON,
    formatDate: formatDate,
    formatNumber: formatNumber,
    escapeHTML: escapeHTML,
    present: present,
    el: el,
    clear: clear,
    docUrl: docUrl,
    searchUrl: searchUrl,
    showIndexInfo: showIndexInfo,
    foldChar: foldChar,
    foldString: foldString,
    foldWithMap: foldWithMap,
    keyParts: keyParts,
    refUrl: refUrl,
    viMessage: viMessage,
    numberPattern: numberPattern,
    highlightNumbers: highlightNumbers,
    formatVnd: formatVnd,
    loadScripts: loadScripts
  };
})();
