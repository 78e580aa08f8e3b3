/* tracuu — reference page (/ref/{key}): one document number, held or not, with the documents
 * citing it, the dates it is cited with, conflicts and the budget lines under it.
 * Depends on common.js (window.Tracuu); loads refs.js and budget.js. */
(function () {
  'use strict';

  var T = window.Tracuu, R = null; // R: window.TracuuRefs, once loaded
  var el = T.el;
  var $ = function (id) { return document.getElementById(id); };

  function refKey() {
    var path = location.pathname.replace(/^\/ref\//, '');
    if (path === location.pathname) return '';
    try { return decodeURIComponent(path); } catch (e) { return path; }
  }

  function renderHead(a, key) {
    var parts = T.keyParts(a.key || key);
    document.title = 'Số hiệu ' + (parts.symbol || key) + ' — tracuu';
    $('ref-title').textContent = parts.symbol || key;
    var body = $('identity').tBodies[0];
    [['Khóa tra cứu', a.key || key], ['Năm (theo số hiệu)', parts.year],
      ['Cơ quan ban hành (theo số hiệu)', parts.body ? parts.body.charAt(0).toUpperCase() + parts.body.slice(1) : '']]
      .forEach(function (r) {
        if (T.present(r[1])) body.appendChild(el('tr', null, [el('th', { scope: 'row', text: r[0] }), el('td', { text: String(r[1]) })]));
      });
    var held = $('held'), d = a.document;
    if (d && T.present(d.id)) {
      held.className = 'held-box is-held';
      held.appendChild(el('p', null, [
        el('strong', { text: 'Văn bản có trong cơ sở dữ liệu: ' }),
        el('a', { href: T.docUrl(d.id), className: 'held-link' }, [
          T.present(d.number) ? String(d.number) + ' — ' : '', T.present(d.title) ? String(d.title) : String(d.id)
        ]),
        T.present(d.date) ? ' (ngày ' + T.formatDate(d.date) + ')' : ''
      ]));
    } else {
      held.className = 'held-box not-held';
      held.appendChild(el('p', {
        text: 'Văn bản này chưa có trong cơ sở dữ liệu. Trang này tập hợp các văn bản dẫn chiếu tới số hiệu này.'
      }));
    }
    $('search-link').setAttribute('href', T.searchUrl(parts.symbol || key));
  }

  function renderConflicts(conflicts, citing) {
    var ul = $('conflicts').querySelector('ul'), docs = Object.create(null);
    citing.forEach(function (c) { if (c && T.present(c.id)) docs[c.id] = c; });
    conflicts.forEach(function (c) {
      if (!c || typeof c !== 'object') return;
      ul.appendChild(el('li', { className: 'warning', 'data-kind': c.kind || '' },
        [el('span', { className: 'warning-mark', 'aria-hidden': 'true', text: '⚠' }), ' '].concat(R.conflictParts(c, docs))));
    });
    $('conflicts').hidden = !ul.firstChild;
  }

  function renderCitedBy(list, numbers) {
    var ul = $('cited-by').querySelector('ul'), total = 0;
    list.forEach(function (c) {
      if (!c || !T.present(c.id)) return;
      total += typeof c.count === 'number' ? c.count : 1;
      var item = R.citingItem(c, numbers, 2);
      var copies = Array.isArray(c.copies) ? c.copies.filter(T.present) : [];
      if (copies.length) {
        // The same document saved as another file (a .pdf beside the .txt): its citations are not counted twice.
        var parts = ['Cùng văn bản, tệp khác (không tính lại): '];
        copies.forEach(function (id, i) { parts.push(i ? ', ' : '', el('a', { href: T.docUrl(id), text: id })); });
        item.appendChild(el('p', { className: 'copies' }, parts));
      }
      ul.appendChild(item);
    });
    $('cited-by-summary').textContent = ul.firstChild
      ? T.formatNumber(ul.childNodes.length) + ' văn bản dẫn chiếu, tổng cộng ' + T.formatNumber(total) + ' lần.'
      : 'Chưa có văn bản nào trong cơ sở dữ liệu dẫn chiếu số hiệu này.';
  }

  function renderDates(dates, conflicts, cited) {
    var ul = $('dates').querySelector('ul'), counts = Object.create(null);
    conflicts.forEach(function (c) {
      var re = /(\d{4}-\d{2}-\d{2})\s*\((\d+)×\)/g, m;
      if (c && c.kind === 'date') while ((m = re.exec(String(c.message || ''))) !== null) counts[m[1]] = Number(m[2]);
    });
    dates.filter(T.present).forEach(function (d, i) {
      var note = [counts[d] ? T.formatNumber(counts[d]) + ' lần' : '', i === 0 && dates.length > 1 ? 'thường gặp nhất' : '']
        .filter(Boolean).join(', ');
      ul.appendChild(el('li', null, [el('time', { datetime: String(d), text: T.formatDate(d) }), note ? ' (' + note + ')' : '']));
    });
    if (!ul.firstChild) {
      ul.appendChild(el('li', { className: 'hint', text: cited ? 'Các trích dẫn không ghi ngày ban hành.' : 'Chưa có trích dẫn nào.' }));
    }
  }

  /** Lines that repeat in another copy of the same document (e.g. its TXT and its PDF). */
  function repeatedLines(lines) {
    var seen = Object.create(null), n = 0;
    lines.forEach(function (l) {
      var k = [l.doc_number, l.label, l.amount_vnd].join('|');
      if (seen[k] && seen[k] !== l.doc_id) n++;
      else seen[k] = l.doc_id;
    });
    return n;
  }

  function loadBudget(key, symbol) {
    var box = $('budget-body');
    T.fetchJSON('/api/budget?ref=' + encodeURIComponent(key)).then(function (data) {
      TracuuBudget.render(box, data, {
        showDoc: true, caption: 'Các khoản ngân sách gắn với số hiệu ' + symbol,
        csvUrl: '/api/budget.csv?ref=' + encodeURIComponent(key),
        empty: 'Không có khoản ngân sách nào gắn với số hiệu này.'
      });
      var rep = repeatedLines(Array.isArray(data.lines) ? data.lines : []);
      if (rep) {
        box.insertBefore(el('p', { className: 'flag' }, [el('span', { 'aria-hidden': 'true', text: '⚠ ' }),
          T.formatNumber(rep) + ' khoản xuất hiện ở nhiều bản của cùng một văn bản (ví dụ bản văn bản và bản PDF), nên tổng có thể bị tính lặp.']),
        box.firstChild.nextSibling);
      }
    }, function (err) {
      T.clear(box);
      box.appendChild(el('p', { className: 'alert', text: 'Không tải được dự toán ngân sách: ' + (err && err.message ? err.message : 'lỗi không xác định') }));
    });
  }

  function showError(err, key) {
    var notFound = err && err.status === 404;
    $('error').querySelector('h1').textContent = notFound ? 'Không tìm thấy số hiệu.' : 'Không tải được thông tin số hiệu.';
    $('alert').textContent = notFound && key
      ? 'Không có văn bản nào trong cơ sở dữ liệu mang hoặc dẫn chiếu số hiệu “' + T.keyParts(key).symbol + '”.'
      : (err && err.message ? err.message : 'Đã xảy ra lỗi không xác định.');
    if (key) {
      $('error-search').hidden = false;
      $('error-search').querySelector('a').setAttribute('href', T.searchUrl(T.keyParts(key).symbol));
    }
    $('error').hidden = false;
    document.title = (notFound ? 'Không tìm thấy số hiệu' : 'Lỗi') + ' — tracuu';
  }

  function init() {
    var back = $('back-link');
    back.addEventListener('click', function (ev) {
      // Coming from another page of this site: go back to it.
      var ref = document.referrer;
      if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey || !ref) return;
      try {
        if (new URL(ref).origin === location.origin && history.length > 1) { ev.preventDefault(); history.back(); }
      } catch (e) { /* follow the link */ }
    });
    T.showIndexInfo($('index-info'));
    var key = refKey(), status = $('status');
    if (!key) { status.textContent = ''; showError({ status: 404, message: 'Thiếu số hiệu trong địa chỉ.' }, ''); return; }
    var components = T.loadScripts(['/refs.js', '/budget.js']);
    T.fetchJSON('/api/references/' + encodeURIComponent(key)).then(function (a) {
      return components.then(function () { return a; });
    }).then(function (a) {
      R = window.TracuuRefs;
      status.textContent = '';
      var k = T.present(a.key) ? String(a.key) : key, symbol = T.keyParts(k).symbol || k;
      renderHead(a, key);
      var conflicts = Array.isArray(a.conflicts) ? a.conflicts : [], citing = Array.isArray(a.cited_by) ? a.cited_by : [];
      renderConflicts(conflicts, citing);
      renderCitedBy(citing, [symbol, a.document && a.document.number]);
      renderDates(Array.isArray(a.dates_seen) ? a.dates_seen : [], conflicts, citing.length > 0);
      $('ref').hidden = false;
      loadBudget(k, symbol);
    }, function (err) {
      status.textContent = '';
      showError(err, key);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
