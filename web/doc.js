/* tracuu — document page (/doc/{id}).
 * Depends on common.js (window.Tracuu); loads refs.js, budget.js and graph.js for the links. */
(function () {
  'use strict';

  var T = window.Tracuu, R = null; // R: window.TracuuRefs, once loaded
  var COMPONENTS = ['/refs.js', '/budget.js', '/graph.js'];
  var el = T.el;
  var $ = function (id) { return document.getElementById(id); };
  var MAX_HITS = 5000;  // highlight at most this many matches
  var GRAPH_CAP = 20;   // nodes on each side of the graph

  function docId() {
    var path = location.pathname.replace(/^\/doc\//, '');
    if (path === location.pathname) return '';
    try { return decodeURIComponent(path); } catch (e) { return path; }
  }

  var foldChar = T.foldChar, foldString = T.foldString, foldWithMap = T.foldWithMap;

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
  /** Pick the offset unit under which the most section headings are found at their offsets:
   *  {idx: string indices of the sections, unit}. */
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
      if (score > bestScore) { best = { idx: idx, unit: u }; bestScore = score; }
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
      ['Số trang', typeof doc.pages === 'number' && doc.pages > 0 ? T.formatNumber(doc.pages) : ''],
      ['Nguồn chữ', doc.ocr === true ? 'Nhận dạng từ ảnh quét (OCR): có thể sai chữ hoặc dấu' : '']
    ];
    var table = $('identity'), body = table.tBodies[0];
    rows.forEach(function (r) {
      if (!T.present(r[1])) return;
      var cell = el('td', { text: String(r[1]) });
      if (r[0] === 'Tệp gốc' && doc.format !== 'jsonl' && T.present(doc.id)) {  // imports have no file
        cell.appendChild(document.createTextNode(' · '));
        cell.appendChild(el('a', { id: 'file-link', href: '/api/documents/' + encodeURIComponent(String(doc.id)) + '/file' }, 'Tải tệp gốc'));
      }
      body.appendChild(el('tr', null, [el('th', { scope: 'row', text: r[0] }), cell]));
    });
    var tc = doc.type_conflict;
    if (tc && typeof tc === 'object' && (T.present(tc.type_line) || T.present(tc.symbol))) {
      body.appendChild(el('tr', null, [el('th', { scope: 'row', text: 'Cảnh báo' }), el('td', null, el('span', { className: 'flag' },
        '⚠ Tên loại văn bản (' + (tc.type_line || '?') + ') không khớp ký hiệu (' + (tc.symbol || '?') + ')'))]));
    }
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

  /** Render text in pages (split at \f), with anchors ([{pos, id, className}]: sections and
   *  citations) and <mark>ed hits, as DOM nodes. */
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
    var order = anchors.map(function (x, k) { return k; }).sort(function (a, b) { return anchors[a].pos - anchors[b].pos || a - b; });
    bounds.forEach(function (bd, n) {
      var page = el('section', { className: 'page', id: 'trang-' + (n + 1), 'aria-label': 'Trang ' + (n + 1) });
      if (multi) page.appendChild(el('p', { className: 'page-marker', text: 'Trang ' + (n + 1) }));
      var body = el('div', { className: 'page-text' }), a = bd[0];
      var last = n === bounds.length - 1;
      while (ai < order.length && (anchors[order[ai]].pos < bd[1] || last)) {
        var an = anchors[order[ai]], at = Math.max(a, Math.min(an.pos, bd[1]));
        appendRange(body, a, at);
        body.appendChild(el('span', { className: an.className, id: an.id }));
        a = at; ai++;
      }
      appendRange(body, a, bd[1]);
      page.appendChild(body);
      container.appendChild(page);
    });
    return markEls;
  }

  // ---- references, cited by, budget, graph ------------------------------------------------

  /** Citations of one key with the same sentence merged: [{text, items}]. */
  function contextsOf(group) {
    var byText = Object.create(null), out = [];
    group.items.forEach(function (r) {
      var t = T.present(r.context) ? String(r.context).trim() : '';
      if (!t) return;
      if (!byText[t]) { byText[t] = { text: t, items: [] }; out.push(byText[t]); }
      byText[t].items.push(r);
    });
    return out;
  }

  function renderReferences(groups, sectionHref) {
    var ul = $('references').querySelector('ul'), held = 0, total = 0;
    T.clear(ul);
    groups.forEach(function (g) {
      total += g.count;
      if (g.target) held++;
      var li = el('li', { className: 'ref', 'data-key': g.key });
      var head = el('p', { className: 'ref-head' }, [
        el('a', { href: g.href, className: 'ref-link' }, [T.present(g.type) ? g.type + ' ' : '', el('strong', { text: g.number })]),
        el('span', { className: 'count', text: T.formatNumber(g.count) + ' lần' })
      ]);
      g.relations.forEach(function (r) { head.appendChild(R.relationBadge(r)); });
      li.appendChild(head);
      var meta = [T.present(g.issuer) ? g.issuer : '', T.present(g.date) ? 'ngày ' + T.formatDate(g.date) : '',
        g.target ? 'có trong cơ sở dữ liệu' : 'chưa có trong cơ sở dữ liệu'].filter(Boolean).join(' · ');
      li.appendChild(el('p', { className: 'ref-meta', text: meta }));
      if (g.target && T.present(g.target.title)) {
        li.appendChild(el('p', { className: 'ref-title' }, el('a', { href: g.href, text: String(g.target.title) })));
      }
      var flags = R.flagList(g.items);
      if (flags) li.appendChild(flags);
      var multi = g.relations.length > 1;
      R.appendContexts(li, contextsOf(g), g.numbers, 1, function (item, c) {
        var line = el('p', { className: 'context-meta' });
        var sec = c.items[0].section;
        if (T.present(sec)) {
          var h = sectionHref(sec);
          line.appendChild(h ? el('a', { href: h, text: 'Mục ' + sec }) : el('span', { text: 'Mục ' + sec }));
        }
        if (multi) c.items.forEach(function (r) { line.appendChild(R.relationBadge(r.relation)); });
        if (typeof c.items[0].offset === 'number') line.appendChild(el('a', { href: '#trich-dan-' + c.items[0].index, text: 'Đến vị trí trong văn bản' }));
        item.insertBefore(line, item.firstChild);
        var f = g.count > 1 ? R.flagList(c.items) : null;
        if (f) item.appendChild(f);
      });
      var links = el('p', { className: 'ref-links' });
      if (g.target) links.appendChild(el('a', { href: g.href, text: 'Xem văn bản →' }));
      links.appendChild(el('a', { href: T.refUrl(g.key), text: g.target ? 'Các văn bản khác dẫn chiếu số hiệu này' : 'Xem trang số hiệu →' }));
      li.appendChild(links);
      ul.appendChild(li);
    });
    $('references-summary').textContent = T.formatNumber(groups.length) + ' văn bản được dẫn chiếu, ' +
      T.formatNumber(total) + ' lần; ' + T.formatNumber(held) + ' văn bản có trong cơ sở dữ liệu.';
    $('references').hidden = !groups.length;
  }

  /** Citing documents: [{id, title, number, date, count?, relations?, contexts?}]. */
  function renderCitedBy(citing, numbers) {
    var ul = $('cited-by').querySelector('ul');
    T.clear(ul);
    citing.forEach(function (c) { ul.appendChild(R.citingItem(c, numbers, 1)); });
    $('cited-by').hidden = !citing.length;
  }

  /** The key other documents cite this one by, and what GET /api/references/{key} says of it. */
  function ownReference(doc, id) {
    var cited = Array.isArray(doc.cited_by) ? doc.cited_by : [];
    if (!cited.length || (!T.present(doc.key) && !T.present(doc.number))) return Promise.resolve(null);
    var find = T.present(doc.key) ? Promise.resolve(String(doc.key))
      : T.fetchJSON('/api/references?limit=50&q=' + encodeURIComponent(doc.number)).then(function (a) {
        var keys = (a && Array.isArray(a.keys) ? a.keys : []).filter(function (k) { return k && k.document; });
        var same = keys.filter(function (k) { return k.document.id === id; })[0] || keys.filter(function (k) {
          return k.document.number === doc.number && (k.document.date || '') === (doc.date || '');
        })[0];
        return same ? same.key : '';
      });
    return find.then(function (key) {
      return key ? T.fetchJSON('/api/references/' + encodeURIComponent(key)) : null;
    }).then(null, function () { return null; });
  }

  function renderJump() {
    var nav = $('doc-jump'), ul = nav.querySelector('ul');
    T.clear(ul);
    [['text-heading', 'Toàn văn'], ['graph', 'Sơ đồ liên kết'], ['references', 'Văn bản được dẫn chiếu'],
      ['cited-by', 'Được dẫn chiếu bởi'], ['budget', 'Dự toán ngân sách']].forEach(function (x) {
      var target = $(x[0]);
      if (target && !target.hidden) ul.appendChild(el('li', null, el('a', { href: '#' + x[0], text: x[1] })));
    });
    nav.hidden = ul.childNodes.length < 2;
  }

  function renderLinks(doc, id, sections) {
    R = window.TracuuRefs;
    var refs = (Array.isArray(doc.references) ? doc.references : []).filter(function (r) { return r && typeof r === 'object'; });
    var pathIndex = Object.create(null);
    sections.forEach(function (s, k) { if (T.present(s.path) && pathIndex[s.path] === undefined) pathIndex[s.path] = k; });
    var sectionHref = function (path) { return pathIndex[path] !== undefined ? '#muc-' + pathIndex[path] : null; };
    var groups = R.groupReferences(refs);
    renderReferences(groups, sectionHref);
    var citing = (Array.isArray(doc.cited_by) ? doc.cited_by : []).filter(function (c) { return c && T.present(c.id); });
    renderCitedBy(citing, [doc.number]);
    var lines = Array.isArray(doc.budget_lines) ? doc.budget_lines : [];
    if (lines.length) {
      TracuuBudget.render($('budget-body'), { lines: lines, checks: doc.budget_checks }, {
        caption: 'Dự toán ngân sách trong văn bản', csvUrl: '/api/budget.csv?doc=' + encodeURIComponent(id),
        sectionHref: function (l) { return sectionHref(l.section); }
      });
    }
    $('budget').hidden = !lines.length;
    var hasGraph = groups.length || citing.length;
    $('graph').hidden = !hasGraph;
    if (hasGraph) TracuuGraph.render($('graph-body'), TracuuGraph.fromDocument(doc, groups, citing, GRAPH_CAP));
    renderJump();
    ownReference(doc, id).then(function (answer) {
      if (!answer || !Array.isArray(answer.cited_by)) return;
      var more = Object.create(null);
      answer.cited_by.forEach(function (c) { if (c && c.id) more[c.id] = c; });
      var rich = citing.map(function (c) { return more[c.id] || c; });
      renderCitedBy(rich, [doc.number, T.keyParts(answer.key).symbol]);
      $('cited-by-ref').hidden = false;
      $('cited-by-ref').querySelector('a').setAttribute('href', T.refUrl(answer.key));
      if (hasGraph) TracuuGraph.render($('graph-body'), TracuuGraph.fromDocument(doc, groups, rich, GRAPH_CAP));
    });
  }

  /** Anchors in the text where each citation starts (#trich-dan-N). */
  function citationAnchors(doc, text, unit) {
    var refs = Array.isArray(doc.references) ? doc.references : [], offsets = [], which = [];
    refs.forEach(function (r, i) {
      if (r && typeof r.offset === 'number' && r.offset >= 0) { offsets.push(r.offset); which.push(i); }
    });
    return toIndices(text, offsets, unit).map(function (pos, k) { return { pos: pos, id: 'trich-dan-' + which[k], className: 'cite-anchor' }; });
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

  function render(doc, q, id, components) {
    var title = T.present(doc.title) ? String(doc.title) : (T.present(doc.number) ? String(doc.number) : id);
    document.title = title + ' — tracuu';
    $('doc-title').textContent = title;
    renderIdentity(doc);
    var text = typeof doc.text === 'string' ? doc.text : '';
    var sections = Array.isArray(doc.sections) ? doc.sections.filter(function (s) { return s && typeof s === 'object'; }) : [];
    var found = sections.length ? sectionIndices(doc, text, sections) : null;
    var unit = found ? found.unit : (/utf-?16/i.test(doc.offset_unit || '') ? 'utf16' : /point|char/i.test(doc.offset_unit || '') ? 'codepoint' : 'utf8');
    var anchors = (found ? found.idx : []).map(function (pos, k) { return { pos: pos, id: 'muc-' + k, className: 'section-anchor' }; });
    renderOutline(sections);
    var hits = T.present(q) ? findHits(text, q) : [];
    var marks = renderText(text, anchors.concat(citationAnchors(doc, text, unit)), hits);
    if (!text.trim()) $('doc-text').appendChild(el('p', { className: 'hint', text: 'Văn bản không có nội dung văn bản trích xuất.' }));
    setupHitbar(q, marks, T.docUrl(id));
    $('doc').hidden = false;
    components.then(function () { renderLinks(doc, id, sections); }, function (err) {
      $('references').hidden = false;
      $('references').appendChild(el('p', { className: 'alert', text: err.message }));
    });
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
    var components = T.loadScripts(COMPONENTS); // meanwhile: text first, links when these have run
    T.fetchJSON('/api/documents/' + encodeURIComponent(id)).then(function (doc) {
      status.textContent = '';
      render(doc, q, id, components);
    }, function (err) {
      status.textContent = '';
      showError(err);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
