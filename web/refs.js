/* tracuu — references shared by the document page (doc.js) and the reference page (ref.js):
 * relation labels and colours, flag and conflict messages in Vietnamese, grouping of repeated
 * citations by key, citing sentences with the cited number highlighted.
 * Depends on common.js (window.Tracuu); exposes window.TracuuRefs. */
(function () {
  'use strict';

  var T = window.Tracuu;
  var el = T.el;

  // Relations as the API writes them, in order of weight (strongest first), with a colour and a
  // dash pattern each so that the graph stays readable without colour.
  var RELATIONS = [
    { name: 'bãi bỏ', color: '#a4161a', dash: '' },
    { name: 'thay thế', color: '#6a3d9a', dash: '' },
    { name: 'sửa đổi, bổ sung', color: '#c05600', dash: '' },
    { name: 'hướng dẫn', color: '#1b7a4b', dash: '8 3' },
    { name: 'căn cứ', color: '#0b2a4a', dash: '2 3' },
    { name: 'thực hiện', color: '#1f5fad', dash: '' },
    { name: 'dẫn chiếu', color: '#6b7583', dash: '5 4' }
  ];
  var ALIASES = {
    implements: 'thực hiện', amends: 'sửa đổi, bổ sung', replaces: 'thay thế', repeals: 'bãi bỏ',
    guides: 'hướng dẫn', based_on: 'căn cứ', cites: 'dẫn chiếu', refers: 'dẫn chiếu', references: 'dẫn chiếu'
  };
  var OTHER = { name: '', color: '#6b7583', dash: '5 4' };

  function relationLabel(r) {
    var s = String(r || '').trim();
    return ALIASES[s] || s || 'dẫn chiếu';
  }
  function relationInfo(r) {
    var name = relationLabel(r);
    for (var i = 0; i < RELATIONS.length; i++) if (RELATIONS[i].name === name) return { name: name, color: RELATIONS[i].color, dash: RELATIONS[i].dash, rank: i };
    return { name: name, color: OTHER.color, dash: OTHER.dash, rank: RELATIONS.length };
  }
  /** The strongest of several relations ("sửa đổi, bổ sung" over "dẫn chiếu"). */
  function mainRelation(list) {
    var best = null;
    (list || []).forEach(function (r) { var i = relationInfo(r); if (!best || i.rank < best.rank) best = i; });
    return best || relationInfo('dẫn chiếu');
  }
  function relationBadge(r) {
    var info = relationInfo(r);
    var b = el('span', { className: 'badge rel', text: info.name });
    b.style.borderColor = info.color;
    b.style.color = info.color;
    return b;
  }

  var FLAGS = {
    probable_typo: function (item) {
      var k = item && item.suggested_key ? T.keyParts(item.suggested_key).symbol : '';
      return k ? 'Có thể viết nhầm, có lẽ là ' + k : 'Có thể viết nhầm số hiệu';
    },
    cue_mismatch: 'Tên loại văn bản không khớp ký hiệu',
    date_conflict: 'Ngày ban hành trích dẫn không thống nhất',
    year_mismatch: 'Năm ban hành khác năm trong số hiệu',
    invalid_date: 'Ngày ban hành không có thật',
    malformed_separator: 'Ký hiệu dùng sai dấu phân cách',
    dotted_number: 'Số hiệu có dấu chấm',
    ascii_type_code: 'Ký hiệu viết thiếu dấu (ví dụ ND thay cho NĐ)',
    unknown_type: 'Không nhận ra loại văn bản trong ký hiệu',
    type_ambiguous: 'Chưa rõ là Quyết định hay Quy định',
    legacy_order: 'Ký hiệu theo thể thức cũ',
    type_from_cue: null, // a note for machines: the type comes from the words before the number
    self: null
  };
  /** Vietnamese text of a citation flag, or '' for flags that are not worth showing. */
  function flagText(flag, item) {
    var f = FLAGS[flag];
    if (f === null) return '';
    if (typeof f === 'function') return f(item);
    return f || 'Cần kiểm tra: ' + String(flag).replace(/_/g, ' ');
  }
  /** <ul class="flags"> of warnings for the flags of one or more citations (deduplicated). */
  function flagList(items) {
    var seen = Object.create(null), ul = el('ul', { className: 'flags' });
    (items || []).forEach(function (item) {
      (Array.isArray(item.flags) ? item.flags : []).forEach(function (flag) {
        var t = flagText(flag, item);
        if (!t || seen[t]) return;
        seen[t] = true;
        ul.appendChild(el('li', { className: 'flag', 'data-flag': flag }, [el('span', { 'aria-hidden': 'true', text: '⚠ ' }), t]));
      });
    });
    return ul.firstChild ? ul : null;
  }

  /** A conflict of GET /api/references/{key} in Vietnamese (the API writes them in English), as
   *  parts for el(): strings, and links for the citing documents (docs: id → {number, title}). */
  function conflictParts(c, docs) {
    var msg = String(c && c.message || ''), m;
    var doc = function (id) {
      var d = docs && docs[id];
      return el('a', { href: T.docUrl(id), title: d && d.title ? String(d.title) + ' (mã ' + id + ')' : id,
        text: d && T.present(d.number) ? String(d.number) + ' (' + id + ')' : id });
    };
    if (c.kind === 'date') {
      var dates = [], re = /(\d{4}-\d{2}-\d{2})(?:\s*\((\d+)×\))?/g;
      while ((m = re.exec(msg)) !== null) dates.push(T.formatDate(m[1]) + (m[2] ? ' (' + m[2] + ' lần)' : ''));
      if (dates.length) return ['Được trích dẫn với ' + dates.length + ' ngày ban hành khác nhau: ' + dates.join(', ') + '.'];
      return ['Ngày ban hành trích dẫn không thống nhất. ' + msg];
    }
    if (c.kind === 'typo') {
      m = /^(\S+) cites (.+?) \("([\s\S]*)"\), probably meaning (.+)$/.exec(msg);
      if (m) return ['Văn bản ', doc(m[1]), ' ghi “' + m[2] + '”, có thể viết nhầm, có lẽ là ' + T.keyParts(m[4]).symbol + ': “' + m[3] + '”'];
      return ['Có thể viết nhầm số hiệu. ' + msg];
    }
    if (c.kind === 'cue') {
      m = /^(\S+) cites (.+?) as a (.+?) after a different document type word: "([\s\S]*)"$/.exec(msg);
      if (m) return ['Văn bản ', doc(m[1]), ' ghi “' + m[2] + '” (' + m[3] + ') sau một tên loại văn bản khác: “' + m[4] + '”'];
      return ['Tên loại văn bản không khớp ký hiệu. ' + msg];
    }
    return [msg];
  }

  /** <p class="ref-context"> with the cited number(s) highlighted. */
  function contextNode(text, numbers) {
    var p = el('p', { className: 'ref-context' });
    text = String(text).trim();
    // Sentences cut by the context window: say so (a lower-case start, no final punctuation).
    if (/^\p{Ll}/u.test(text) && !/^\p{Ll}{1,2}[).]\s/u.test(text)) p.appendChild(el('span', { className: 'cut', 'aria-hidden': 'true', text: '…' }));
    p.appendChild(T.highlightNumbers(text, numbers));
    if (!/[.;:!?)”"…\]]$/.test(text)) p.appendChild(el('span', { className: 'cut', 'aria-hidden': 'true', text: '…' }));
    return p;
  }

  var squashNumber = function (n) { return String(n || '').replace(/\s*([-\/])\s*/g, '$1').trim(); };
  function mostCommon(values) {
    var count = Object.create(null), best = '', bestN = 0;
    values.forEach(function (v) {
      if (!T.present(v)) return;
      v = String(v);
      count[v] = (count[v] || 0) + 1;
      if (count[v] > bestN || (count[v] === bestN && v.length > best.length)) { best = v; bestN = count[v]; }
    });
    return best;
  }

  /** References of a document grouped by key, in the order of their first citation. */
  function groupReferences(refs) {
    var byKey = Object.create(null), groups = [];
    (Array.isArray(refs) ? refs : []).forEach(function (r, index) {
      if (!r || typeof r !== 'object') return;
      var key = T.present(r.key) ? String(r.key) : (T.present(r.number) ? String(r.number) : '');
      if (!key) return;
      var g = byKey[key];
      if (!g) { g = byKey[key] = { key: key, items: [], relations: [], target: null }; groups.push(g); }
      r.index = index;
      g.items.push(r);
      var rel = relationLabel(r.relation);
      if (g.relations.indexOf(rel) === -1) g.relations.push(rel);
      var t = r.target || r.document;
      if (t && typeof t === 'object' && T.present(t.id) && !g.target) g.target = t;
    });
    groups.forEach(function (g) {
      var its = g.items;
      g.count = its.length;
      g.number = (g.target && T.present(g.target.number) ? String(g.target.number) : '') ||
        mostCommon(its.map(function (r) { return squashNumber(r.number); })) || T.keyParts(g.key).symbol;
      g.type = mostCommon(its.map(function (r) { return r.type; }));
      g.issuer = its.map(function (r) { return String(r.issuer || ''); })
        .reduce(function (a, b) { return b.length > a.length ? b : a; }, '');
      g.date = (g.target && g.target.date) || mostCommon(its.map(function (r) { return r.date; }));
      g.numbers = [T.keyParts(g.key).symbol, g.number].concat(its.map(function (r) { return r.number; }));
      g.main = mainRelation(g.relations);
      g.href = g.target ? T.docUrl(g.target.id) : T.refUrl(g.key);
    });
    return groups;
  }

  /** One citing document of GET /api/references/{key}: link, count, relations, sentences. */
  function citingItem(c, numbers, visible) {
    var li = el('li', { className: 'ref citing', 'data-id': c.id });
    var title = T.present(c.title) ? String(c.title) : String(c.number || c.id);
    li.appendChild(el('p', { className: 'ref-head' }, [
      el('a', { href: T.docUrl(c.id), className: 'ref-link' }, [
        T.present(c.number) ? el('strong', { text: String(c.number) }) : null,
        T.present(c.number) ? ' — ' : '', title
      ])
    ]));
    var meta = el('p', { className: 'ref-meta' });
    if (T.present(c.date)) meta.appendChild(el('span', { text: 'Ngày ' + T.formatDate(c.date) }));
    meta.appendChild(el('span', { className: 'doc-id', text: 'mã ' + c.id }));
    if (typeof c.count === 'number') meta.appendChild(el('span', { className: 'count', text: T.formatNumber(c.count) + ' lần dẫn chiếu' }));
    (Array.isArray(c.relations) ? c.relations : []).forEach(function (r) { meta.appendChild(relationBadge(r)); });
    if (meta.firstChild) li.appendChild(meta);
    var contexts = (Array.isArray(c.contexts) ? c.contexts : []).filter(T.present);
    appendContexts(li, contexts.map(function (t) { return { text: t }; }), numbers, visible);
    return li;
  }

  /** Contexts as a list: the first `visible` shown, the rest in a <details>. */
  function appendContexts(parent, contexts, numbers, visible, itemExtra) {
    visible = typeof visible === 'number' ? visible : 1;
    var shown = el('ul', { className: 'contexts' }), more = el('ul', { className: 'contexts' });
    contexts.forEach(function (c, i) {
      var li = el('li', null, contextNode(c.text, numbers));
      if (itemExtra) itemExtra(li, c);
      (i < visible ? shown : more).appendChild(li);
    });
    if (shown.firstChild) parent.appendChild(shown);
    if (more.firstChild) {
      var n = more.childNodes.length;
      parent.appendChild(el('details', { className: 'more-contexts' }, [
        el('summary', { text: 'Xem thêm ' + T.formatNumber(n) + ' đoạn trích dẫn khác' }), more
      ]));
    }
  }

  window.TracuuRefs = {
    RELATIONS: RELATIONS,
    relationLabel: relationLabel,
    relationInfo: relationInfo,
    mainRelation: mainRelation,
    relationBadge: relationBadge,
    flagText: flagText,
    flagList: flagList,
    conflictParts: conflictParts,
    contextNode: contextNode,
    groupReferences: groupReferences,
    citingItem: citingItem,
    appendContexts: appendContexts
  };
})();
