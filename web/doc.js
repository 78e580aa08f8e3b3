/* tracuu — document page (/doc/{id}). Depends on common.js (window.Tracuu). */
(function () {
  'use strict';

  var T = window.Tracuu;
  var el = T.el;
  var $ = function (id) { return document.getElementById(id); };
  var MAX_HITS = 5000; // highlight at most this many matches
  var RELATIONS = {
    implements: 'thực hiện', amends: 'sửa đổi, bổ sung', replaces: 'thay thế', repeals: 'bãi bỏ',
    guides: 'hướng dẫn', based_on: 'căn cứ', cites: 'dẫn chiếu', refers: 'dẫn chiếu', references: 'dẫn chiếu',
    consolidates: 'hợp nhất', mentions: 'nhắc đến'
  };

  function docId() {
    var path = location.pathname.replace(/^\/doc\//, '');
    if (path === location.pathname) return '';
    try { return decodeURIComponent(path); } catch (e) { return path; }
  }

  // ---- diacritic-insensitive folding with a map back to the original text ----------------

  var foldCache = Object.create(null);
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

  var WORDCHAR = /[\p{L}\p{N}]/u;
  function queryPattern(q) {
    var seen = Object.create(null), words = [];
    String(q || '').split(/\s+/).forEach(function (w) {
      w = foldString(w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
      if (w && !seen[w]) { seen[w] = true; words.push(w); }
    });
    if (!words.length) return null;
    words.sort(function (a, b) { return b.length - a.length; });
    // Punctuation inside a word ("57-NQ/TW") tolerates surrounding spaces ("57- NQ/TW").
    var alts = words.map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&').replace(/(\\?[^\p{L}\p{N}\\])/gu, '\\s*$1\\s*');
    });
    return new RegExp(alts.join('|'), 'gu');
  }

  /** Sorted, non-overlapping [start,end) ranges in the original text that match query words. */
  function findHits(text, q) {
    var re = queryPattern(q);
    if (!re || !text) return [];
    var f = foldWithMap(text), ft = f.text, hits = [], m;
    while ((m = re.exec(ft)) !== null && hits.length < MAX_HITS) {
      var fs = m.index, fe = fs + m[0].length;
      if (fe === fs) { re.lastIndex++; continue; }
      var okStart = fs === 0 || !WORDCHAR.test(ft.charAt(fs - 1));
      var okEnd = fe >= ft.length || !WORDCHAR.test(ft.charAt(fe));
      if (!okStart || !okEnd) { re.lastIndex = fs + 1; continue; }
      var s = f.start[fs], e = f.end[fe - 1];
      while (e < text.length && foldChar(text.charAt(e)) === '') e++; // trailing combining marks
      if (hits.length && s < hits[hits.length - 1][1]) continue;
      hits.push([s, e]);
    }
    return hits;
  }

  // ---- section offsets ------------------------------------------------------------------

  /** Convert offsets in the given unit ("utf8" bytes, "codepoint", "utf16") to JS string indices. */
  function toIndices(text, offsets, unit) {
    if (unit === 'utf16') return offsets.map(function (o) { return Math.min(Math.max(o, 0), text.length); });
    var order = offsets.map(function (o, i) { return i; }).sort(function (a, b) { return offsets[a] - offsets[b]; });
    var out = new Array(offsets.length), pos = 0, count = 0, j = 0;
    while (j < order.length) {
      var target = offsets[order[j]];
      if (count >= target || pos >= text.length) { out[order[j++]] = pos; continue; }
      var cp = text.codePointAt(pos), w = cp > 0xffff ? 2 : 1;
      count += unit === 'codepoint' ? 1 : (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
      pos += w;
    }
    return out;
  }

  var squash = function (s) { return foldString(String(s || '')).replace(/\s+/g, ' ').trim().slice(0, 24); };
  /** Pick the offset unit under which the most section headings are found at their offsets. */
  function sectionIndices(doc, text, sections) {
    var offsets = sections.map(function (s) { return Number(s.offset) || 0; });
    var units = ['utf8', 'codepoint', 'utf16'], declared = String(doc.offset_unit || '').toLowerCase();
    if (/byte|utf-?8/.test(declared)) units = ['utf8'];
    else if (/code.?point|char/.test(declared)) units = ['codepoint'];
    else if (/utf-?16/.test(declared)) units = ['utf16'];
    var best = null, bestScore = -1;
    units.forEach(function (u) {
      var idx = toIndices(text, offsets, u), score = 0;
      idx.forEach(function (p, i) {
        var h = squash(sections[i].heading), at = squash(text.substr(p, 400));
        if (h && at.indexOf(h) !== -1 && at.indexOf(h) < 40) score++;
      });
      if (score > bestScore) { best = idx; bestScore = score; }
    });
    return best;
  }

  // ---- rendering ------------------------------------------------------------------------

  function renderIdentity(doc) {
    var rows = [
      ['Số hiệu', doc.number], ['Loại văn bản', doc.type], ['Cơ quan ban hành', doc.issuer],
      ['Người ký', doc.signer], ['Nơi ban hành', doc.place], ['Ngày ban hành', T.formatDate(doc.date)],
      ['Tệp gốc', T.present(doc.source_file) ? String(doc.source_file) +
        (T.present(doc.format) ? ' (' + String(doc.format).toUpperCase() + ')' : '') : ''],
      ['Số trang', typeof doc.pages === 'number' && doc.pages > 0 ? T.formatNumber(doc.pages) : '']
    ];
    var table = $('identity'), body = table.tBodies[0];
    rows.forEach(function (r) {
      if (!T.present(r[1])) return;
      body.appendChild(el('tr', null, [el('th', { scope: 'row', text: r[0] }), el('td', { text: String(r[1]) })]));
    });
    table.hidden = !body.rows.length;
    if (T.present(doc.type)) { $('doc-kicker').textContent = String(doc.type); $('doc-kicker').hidden = false; }
  }

  function renderOutline(sections) {
    var list = $('outline-list');
    sections.forEach(function (s, k) {
      var path = T.present(s.path) ? String(s.path) : '';
      var depth = Math.min(path ? path.split('.').length : 1, 4);
      var a = el('a', { href: '#muc-' + k }, [
        path ? el('span', { className: 'outline-path', text: path }) : null,
        T.present(s.heading) ? ' ' + String(s.heading) : (path ? '' : 'Mục ' + (k + 1))
      ]);
      list.appendChild(el('li', { className: 'level-' + depth }, a));
    });
    $('outline').hidden = !sections.length;
    if (sections.length && window.matchMedia && window.matchMedia('(max-width: 900px)').matches) {
      $('outline-details').open = false;
    }
  }

  /** Render text in pages (split at \f), with section anchors and <mark>ed hits, as DOM nodes. */
  function renderText(text, anchors, hits) {
    var container = $('doc-text'), markEls = [];
    var hi = 0;
    function appendRange(parent, a, b) {
      while (a < b) {
        while (hi < hits.length && hits[hi][1] <= a) hi++;
        var h = hits[hi];
        if (!h || h[0] >= b) { parent.appendChild(document.createTextNode(text.slice(a, b))); return; }
        if (h[0] > a) { parent.appendChild(document.createTextNode(text.slice(a, h[0]))); a = h[0]; }
        var e = Math.min(b, h[1]);
        var mk = el('mark', { className: 'hit', text: text.slice(a, e) });
        if (a === h[0]) markEls.push(mk);
        parent.appendChild(mk);
        a = e;
      }
    }
    var bounds = [], p = 0, i;
    while ((i = text.indexOf('\f', p)) !== -1) { bounds.push([p, i]); p = i + 1; }
    bounds.push([p, text.length]);
    if (bounds.length > 1 && !text.slice(p).trim()) bounds.pop(); // trailing form feed
    var multi = bounds.length > 1, ai = 0;
    var order = anchors.map(function (x, k) { return k; }).sort(function (a, b) { return anchors[a] - anchors[b]; });
    bounds.forEach(function (bd, n) {
      var page = el('section', { className: 'page', id: 'trang-' + (n + 1), 'aria-label': 'Trang ' + (n + 1) });
      if (multi) page.appendChild(el('p', { className: 'page-marker', text: 'Trang ' + (n + 1) }));
      var body = el('div', { className: 'page-text' }), a = bd[0];
      var last = n === bounds.length - 1;
      while (ai < order.length && (anchors[order[ai]] < bd[1] || last)) {
        var at = Math.max(a, Math.min(anchors[order[ai]], bd[1]));
        appendRange(body, a, at);
        body.appendChild(el('span', { className: 'section-anchor', id: 'muc-' + order[ai] }));
        a = at; ai++;
      }
      appendRange(body, a, bd[1]);
      page.appendChild(body);
      container.appendChild(page);
    });
    return markEls;
  }

  function refTarget(item) {
    var t = item.target || item.source || item.document;
    if (t && typeof t === 'object' && T.present(t.id)) return t;
    if (typeof t === 'string' && t) return { id: t };
    if (T.present(item.target_id)) return { id: item.target_id };
    return null;
  }

  function renderRefs(sectionId, items, q) {
    if (!Array.isArray(items) || !items.length) return;
    var ul = $(sectionId).querySelector('ul');
    items.forEach(function (item) {
      if (item === null || item === undefined) return;
      if (typeof item !== 'object') { ul.appendChild(el('li', { className: 'ref', text: String(item) })); return; }
      var target = refTarget(item);
      var label = [item.number, item.key, item.text, item.raw, target && target.number, target && target.title]
        .filter(T.present)[0];
      var li = el('li', { className: 'ref' });
      var head = el('p', { className: 'ref-head' }, el('strong', { text: T.present(label) ? String(label) : '(không rõ)' }));
      if (T.present(item.relation)) {
        var rel = String(item.relation);
        head.appendChild(el('span', { className: 'badge', text: RELATIONS[rel] || rel }));
      }
      li.appendChild(head);
      if (target && T.present(target.title) && target.title !== label) {
        li.appendChild(el('p', { className: 'ref-title', text: String(target.title) }));
      }
      if (T.present(item.context)) li.appendChild(el('p', { className: 'ref-context', text: String(item.context) }));
      if (target) {
        li.appendChild(el('p', null, el('a', { href: T.docUrl(target.id, q), text: 'Xem văn bản →' })));
      }
      ul.appendChild(li);
    });
    $(sectionId).hidden = !ul.firstChild;
  }

  function setupHitbar(q, marks, docPath) {
    if (!T.present(q)) return;
    var bar = $('hitbar'), cur = -1;
    $('hitbar-info').textContent = marks.length
      ? 'Tô sáng “' + q + '”: ' + T.formatNumber(marks.length) + (marks.length >= MAX_HITS ? '+' : '') + ' vị trí khớp.'
      : 'Không tìm thấy “' + q + '” trong nội dung văn bản.';
    $('hit-clear').setAttribute('href', docPath);
    ['hit-prev', 'hit-next', 'hit-pos'].forEach(function (id) { $(id).hidden = !marks.length; });
    function go(step) {
      if (cur >= 0) marks[cur].classList.remove('is-current');
      cur = (cur + step + marks.length) % marks.length;
      marks[cur].classList.add('is-current');
      marks[cur].scrollIntoView({ block: 'center' });
      $('hit-pos').textContent = T.formatNumber(cur + 1) + '/' + T.formatNumber(marks.length);
    }
    $('hit-prev').addEventListener('click', function () { go(cur < 0 ? 0 : -1); });
    $('hit-next').addEventListener('click', function () { go(1); });
    bar.hidden = false;
  }

  function render(doc, q, id) {
    var title = T.present(doc.title) ? String(doc.title) : (T.present(doc.number) ? String(doc.number) : id);
    document.title = title + ' — tracuu';
    $('doc-title').textContent = title;
    renderIdentity(doc);
    var text = typeof doc.text === 'string' ? doc.text : '';
    var sections = Array.isArray(doc.sections) ? doc.sections.filter(function (s) { return s && typeof s === 'object'; }) : [];
    var anchors = sections.length ? sectionIndices(doc, text, sections) : [];
    renderOutline(sections);
    var hits = T.present(q) ? findHits(text, q) : [];
    var marks = renderText(text, anchors, hits);
    if (!text.trim()) $('doc-text').appendChild(el('p', { className: 'hint', text: 'Văn bản không có nội dung văn bản trích xuất.' }));
    setupHitbar(q, marks, T.docUrl(id));
    renderRefs('references', doc.references, q);
    renderRefs('cited-by', doc.cited_by, q);
    $('doc').hidden = false;
    if (location.hash.length > 1) {
      var target = null;
      try { target = document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { target = null; }
      if (target) target.scrollIntoView();
    }
  }

  function showError(err) {
    var notFound = err && err.status === 404;
    $('error').querySelector('h1').textContent = notFound ? 'Không tìm thấy văn bản.' : 'Không tải được văn bản.';
    $('alert').textContent = err && err.message ? err.message : 'Đã xảy ra lỗi không xác định.';
    $('error').hidden = false;
    document.title = (notFound ? 'Không tìm thấy văn bản' : 'Lỗi') + ' — tracuu';
  }

  function init() {
    var q = (new URLSearchParams(location.search).get('q') || '').trim();
    var back = $('back-link');
    back.setAttribute('href', T.searchUrl(q));
    back.addEventListener('click', function (ev) {
      // Coming straight from the search page: go back so page number and filters are kept.
      var ref = document.referrer;
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey || !ref) return;
      try {
        var u = new URL(ref);
        if (u.origin === location.origin && u.pathname === '/' && history.length > 1) { ev.preventDefault(); history.back(); }
      } catch (e) { /* follow the link */ }
    });
    T.showIndexInfo($('index-info'));
    var id = docId(), status = $('status');
    if (!id) { status.textContent = ''; showError({ status: 404, message: 'Thiếu mã văn bản trong địa chỉ.' }); return; }
    T.fetchJSON('/api/documents/' + encodeURIComponent(id)).then(function (doc) {
      status.textContent = '';
      render(doc, q, id);
    }, function (err) {
      status.textContent = '';
      showError(err);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
