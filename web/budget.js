/* tracuu — the budget table ("Dự toán ngân sách"), shared by the document page (doc.js) and the
 * reference page (ref.js). Lines come from GET /api/documents/{id} (budget_lines, budget_checks)
 * or GET /api/budget (lines, checks, total_vnd).
 * Depends on common.js (window.Tracuu); exposes window.TracuuBudget. */
(function () {
  'use strict';

  var T = window.Tracuu;
  var el = T.el;
  var KINDS = { investment: 'Chi đầu tư phát triển', recurrent: 'Chi thường xuyên', revenue: 'Thu' };
  var MAX_DEPTH = 4;

  function kindLabel(kind) { return KINDS[kind] || (T.present(kind) ? String(kind) : '—'); }

  /** Lines in display order (each parent followed by its children) with their depth. Lines whose
   *  parent is not in the list are roots (marked .orphan: their parent is elsewhere). */
  function ordered(lines) {
    var byId = Object.create(null), children = Object.create(null), roots = [], out = [];
    lines.forEach(function (l) { if (T.present(l.id)) byId[l.id] = l; });
    lines.forEach(function (l) {
      var p = T.present(l.parent_id) ? String(l.parent_id) : '';
      if (p && byId[p] && p !== l.id) (children[p] = children[p] || []).push(l);
      else roots.push(l);
    });
    var seen = Object.create(null);
    (function walk(list, depth, parent) {
      list.forEach(function (l) {
        if (seen[l.id]) return; // a cycle in bad data
        seen[l.id] = true;
        out.push({ line: l, depth: depth, parent: parent, orphan: !parent && T.present(l.parent_id) });
        walk(children[l.id] || [], depth + 1, l);
      });
    })(roots, 1, null);
    return out;
  }

  /** The sum of the top-level spending lines (as GET /api/budget computes total_vnd). */
  function total(lines) {
    var ids = Object.create(null), sum = 0;
    lines.forEach(function (l) { ids[l.id] = true; });
    lines.forEach(function (l) {
      if (l.kind === 'revenue') return;
      if (!T.present(l.parent_id) || !ids[l.parent_id]) sum += Number(l.amount_vnd) || 0;
    });
    return sum;
  }

  function checkCell(checks) {
    var td = el('td', { className: 'budget-check' });
    checks.forEach(function (c) {
      var ok = c.ok === true;
      var msg = T.present(c.message) ? String(c.message) : (ok ? 'Tổng các khoản con khớp số đã nêu'
        : 'Các khoản con cộng lại ' + T.formatVnd(c.children_sum_vnd) + ', khác số đã nêu ' + T.formatVnd(c.stated_vnd));
      td.appendChild(el('p', { className: ok ? 'check check-ok' : 'check check-bad' }, [
        el('span', { className: 'check-mark', 'aria-hidden': 'true', text: ok ? '✓' : '⚠' }),
        el('span', { className: 'visually-hidden', text: ok ? 'Khớp: ' : 'Không khớp: ' }),
        ' ' + msg
      ]));
    });
    return td;
  }

  /** Explicit table roles: on a phone the rows are shown as cards (display: block), which would
   *  otherwise drop the table semantics for screen readers. */
  function keepRoles(table) {
    table.setAttribute('role', 'table');
    Array.prototype.forEach.call(table.querySelectorAll('thead, tbody, tfoot'), function (g) { g.setAttribute('role', 'rowgroup'); });
    Array.prototype.forEach.call(table.querySelectorAll('tr'), function (r) { r.setAttribute('role', 'row'); });
    Array.prototype.forEach.call(table.querySelectorAll('th'), function (h) { h.setAttribute('role', h.getAttribute('scope') === 'col' ? 'columnheader' : 'rowheader'); });
    Array.prototype.forEach.call(table.querySelectorAll('td'), function (d) { d.setAttribute('role', 'cell'); });
  }

  /**
   * Render lines into container (emptied first).
   * data: {lines, checks, total_vnd}; opts: {caption, csvUrl, showDoc (a "Văn bản" column),
   * sectionHref(line) → URL or null, empty (text when there are no lines)}.
   * Returns the number of lines shown.
   */
  function render(container, data, opts) {
    opts = opts || {};
    T.clear(container);
    var lines = (data && Array.isArray(data.lines) ? data.lines : []).filter(function (l) { return l && typeof l === 'object'; });
    var checks = data && Array.isArray(data.checks) ? data.checks : [];
    var actions = el('p', { className: 'budget-actions' });
    if (opts.csvUrl) {
      actions.appendChild(el('a', { className: 'btn btn-small', href: opts.csvUrl, download: 'tracuu-ngan-sach.csv', text: 'Tải CSV' }));
    }
    if (!lines.length) {
      container.appendChild(el('p', { className: 'hint', text: opts.empty || 'Không có dòng dự toán ngân sách nào.' }));
      return 0;
    }
    var sum = data && typeof data.total_vnd === 'number' ? data.total_vnd : total(lines);
    var byLine = Object.create(null);
    checks.forEach(function (c) { if (c && T.present(c.line_id)) (byLine[c.line_id] = byLine[c.line_id] || []).push(c); });
    var bad = checks.filter(function (c) { return c && c.ok === false; }).length;
    var summary = el('p', { className: 'budget-summary' }, [
      T.formatNumber(lines.length) + ' khoản · Tổng chi: ', el('strong', { text: T.formatVnd(sum) }),
      checks.length ? (bad ? ' · ' + T.formatNumber(bad) + ' phép cộng không khớp' : ' · Các phép cộng đều khớp') : ''
    ]);
    container.appendChild(summary);
    if (actions.firstChild) container.appendChild(actions);

    var capId = 'budget-cap-' + Math.random().toString(36).slice(2, 8);
    var heads = ['Khoản mục', 'Số tiền', 'Loại', 'Năm'];
    if (checks.length) heads.push('Kiểm tra'); // no column of empty cells when nothing was checked
    if (opts.showDoc) heads.splice(1, 0, 'Văn bản');
    var table = el('table', { className: 'budget' }, [
      el('caption', { id: capId, className: opts.captionVisible ? '' : 'visually-hidden', text: opts.caption || 'Dự toán ngân sách' }),
      el('thead', null, el('tr', null, heads.map(function (h, i) {
        return el('th', { scope: 'col', className: i === (opts.showDoc ? 2 : 1) ? 'num' : null, text: h });
      })))
    ]);
    var body = el('tbody'), idsOf = Object.create(null);
    lines.forEach(function (l) {
      var n = String(l.doc_number || ''), ids = idsOf[n] = idsOf[n] || [];
      if (ids.indexOf(l.doc_id) === -1) ids.push(l.doc_id);
    });
    ordered(lines).forEach(function (row) {
      var l = row.line, depth = Math.min(row.depth, MAX_DEPTH);
      var label = el('th', { scope: 'row', className: 'budget-label' });
      if (row.parent) {
        label.appendChild(el('span', { className: 'tree-mark', 'aria-hidden': 'true', text: '└ ' }));
        label.appendChild(el('span', { className: 'visually-hidden', text: 'Trong đó: ' }));
      }
      label.appendChild(document.createTextNode(T.present(l.label) ? String(l.label) : '(không có tên)'));
      if (row.orphan) label.appendChild(el('span', { className: 'budget-note', text: 'Là một phần của khoản lớn hơn trong văn bản' }));
      var meta = el('span', { className: 'budget-meta' });
      var href = T.present(l.section) && opts.sectionHref ? opts.sectionHref(l) : null;
      if (T.present(l.section)) {
        meta.appendChild(href ? el('a', { href: href, className: 'budget-sec', text: 'Mục ' + l.section })
          : el('span', { className: 'budget-sec', text: 'Mục ' + l.section }));
      }
      var refs = (Array.isArray(l.refs) ? l.refs : []).filter(T.present);
      if (refs.length) {
        var r = el('span', { className: 'budget-refs' }, 'Dẫn chiếu: ');
        refs.forEach(function (k, i) {
          if (i) r.appendChild(document.createTextNode(', '));
          r.appendChild(el('a', { href: T.refUrl(k), text: T.keyParts(k).symbol || String(k) }));
        });
        meta.appendChild(r);
      }
      if (meta.firstChild) label.appendChild(meta);
      var amount = el('td', { className: 'num budget-amount' }, el('span', { className: 'amount', text: String(l.amount_display || T.formatVnd(l.amount_vnd)) }));
      if (T.present(l.amount_text) && l.amount_text !== l.amount_display) {
        amount.appendChild(el('span', { className: 'budget-note', text: 'ghi: ' + l.amount_text }));
      }
      var cells = [label, amount, el('td', { className: 'budget-kind kind-' + (l.kind || 'other'), text: kindLabel(l.kind) }),
        el('td', { className: 'budget-year', text: l.year ? String(l.year) : '—' }), checks.length ? checkCell(byLine[l.id] || []) : null];
      if (opts.showDoc) {
        // Two documents with one number (a text and its PDF): tell them apart by id.
        var twin = (idsOf[String(l.doc_number || '')] || []).length > 1;
        cells.splice(1, 0, el('td', { className: 'budget-doc' }, T.present(l.doc_id) ? [
          el('a', { href: T.docUrl(l.doc_id), title: l.doc_title || null, text: String(l.doc_number || l.doc_id) }),
          twin && T.present(l.doc_number) ? el('span', { className: 'budget-note', text: 'mã ' + l.doc_id }) : null] : null));
      }
      cells.filter(Boolean).forEach(function (c, i) { if (i) c.setAttribute('data-label', heads[i]); });
      body.appendChild(el('tr', {
        className: 'level-' + depth + (row.parent ? ' child' : ''), 'data-line-id': l.id,
        'data-parent-id': row.parent ? row.parent.id : null
      }, cells));
    });
    table.appendChild(body);
    var foot = el('tr', { className: 'budget-total' }, [
      el('th', { scope: 'row', colspan: opts.showDoc ? 2 : 1, text: 'Tổng cộng (các khoản chi cấp cao nhất, không tính khoản thu)' }),
      el('td', { className: 'num' }, el('strong', { text: T.formatVnd(sum) })),
      el('td', { colspan: checks.length ? 3 : 2 })
    ]);
    table.appendChild(el('tfoot', null, foot));
    keepRoles(table);
    container.appendChild(el('div', { className: 'table-scroll', role: 'region', 'aria-labelledby': capId, tabindex: '0' }, table));
    return lines.length;
  }

  window.TracuuBudget = { render: render, total: total, ordered: ordered, kindLabel: kindLabel };
})();
