/* tracuu — search page. Depends on common.js (window.Tracuu). */
(function () {
  'use strict';

  var T = window.Tracuu;
  var el = T.el;
  var PAGE_SIZE = 10;
  var FACETS = [
    { key: 'type', label: 'Loại văn bản' },
    { key: 'issuer', label: 'Cơ quan ban hành' },
    { key: 'year', label: 'Năm' }
  ];
  var FACET_PREVIEW = 8; // values shown before "Xem thêm"
  var MIN_SUGGEST_CHARS = 3;   // suggestions from the third letter on
  var SUGGEST_DELAY_MS = 120;  // debounce: one request when the typing pauses
  var SUGGEST_SIZE = 8;
  var KIND_LABEL = { title: 'Văn bản', number: 'Số hiệu', phrase: 'Cụm từ', reference: 'Trang số hiệu' };

  var $ = function (id) { return document.getElementById(id); };
  var form, input, alertBox, summary, notice, resultsSection, resultsList, pager,
    facetsBox, facetGroups, filtersBox, chips;
  var inflight = null;   // AbortController of the running search
  var suggestList, suggestStatus;
  // The suggestion popup: the items shown, the text they answer, the highlighted one, the
  // pending debounce timer and the AbortController of the running request.
  var sug = { items: [], forText: null, active: -1, timer: 0, ctrl: null };
  var expanded = {};     // facet key → true when "Xem thêm" was clicked

  // ---- URL state ------------------------------------------------------------------------

  function readState() {
    var p = new URLSearchParams(location.search);
    var page = parseInt(p.get('page') || '1', 10);
    var sort = p.get('sort');
    var state = { q: (p.get('q') || '').trim(), page: page > 0 ? page : 1, filters: {},
      sort: sort === 'date_desc' || sort === 'date_asc' ? sort : 'relevance' };
    FACETS.forEach(function (f) {
      var v = p.get(f.key);
      if (v !== null && v.trim() !== '') state.filters[f.key] = v.trim();
    });
    return state;
  }

  function stateParams(state) {
    var p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    FACETS.forEach(function (f) { if (state.filters[f.key]) p.set(f.key, state.filters[f.key]); });
    if (state.sort && state.sort !== 'relevance') p.set('sort', state.sort);
    if (state.page > 1) p.set('page', String(state.page));
    return p;
  }

  function stateUrl(state) {
    var s = stateParams(state).toString();
    return '/' + (s ? '?' + s : '');
  }

  function copyState(state, changes) {
    var n = { q: state.q, page: state.page, filters: {}, sort: state.sort };
    Object.keys(state.filters).forEach(function (k) { n.filters[k] = state.filters[k]; });
    Object.keys(changes || {}).forEach(function (k) { n[k] = changes[k]; });
    return n;
  }

  /** Push a new state into history and run it. */
  function navigate(state, focusResults) {
    var url = stateUrl(state);
    if (url !== location.pathname + location.search) history.pushState(null, '', url);
    run(state, focusResults);
  }

  /** Follow a same-page link with pushState unless the user wants a new tab/window. */
  function intercept(ev, state, focusResults) {
    if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    navigate(state, focusResults);
  }

  // ---- rendering helpers ----------------------------------------------------------------

  function showAlert(message) {
    T.clear(alertBox);
    if (!message) { alertBox.hidden = true; return; }
    alertBox.appendChild(el('strong', { text: 'Lỗi: ' }));
    alertBox.appendChild(document.createTextNode(message));
    alertBox.hidden = false;
  }

  function setLoading(on) {
    document.body.classList.toggle('is-loading', on);
    resultsSection.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function renderChips(state) {
    T.clear(chips);
    var keys = FACETS.filter(function (f) { return state.filters[f.key]; });
    filtersBox.hidden = keys.length === 0;
    keys.forEach(function (f) {
      var v = state.filters[f.key];
      var without = copyState(state, { page: 1 });
      delete without.filters[f.key];
      chips.appendChild(el('li', null, el('a', {
        className: 'chip', href: stateUrl(without),
        title: 'Bỏ lọc ' + f.label.toLowerCase() + ': ' + v,
        'aria-label': 'Bỏ lọc ' + f.label.toLowerCase() + ': ' + v,
        on: { click: function (ev) { intercept(ev, without); } }
      }, [el('span', { 'aria-hidden': 'true', className: 'chip-x', text: '×' }), ' ' + v])));
    });
  }

  function metaLine(r) {
    var parts = [];
    if (T.present(r.number)) parts.push(String(r.number));
    if (T.present(r.type)) parts.push(String(r.type));
    if (T.present(r.issuer)) parts.push(String(r.issuer));
    if (T.present(r.date)) parts.push(T.formatDate(r.date));
    if (T.present(r.section)) parts.push('Mục ' + r.section);
    if (typeof r.page === 'number' && r.page > 0) parts.push('Trang ' + r.page);
    return parts.join(' · ');
  }

  function renderResult(r, query) {
    if (!r || typeof r !== 'object') return null;
    var id = T.present(r.id) ? String(r.id) : '';
    var title = T.present(r.title) ? String(r.title) : (T.present(r.number) ? String(r.number) : id || '(Không có tiêu đề)');
    var heading = el('h3', { className: 'result-title' },
      id ? el('a', { href: T.docUrl(id, query, typeof r.page === 'number' ? r.page : 0), text: title })
         : el('span', { text: title }));
    var li = el('li', { className: 'result' }, heading);
    var meta = metaLine(r);
    if (meta) li.appendChild(el('p', { className: 'result-meta', text: meta }));
    if (T.present(r.snippet)) {
      var snip = el('p', { className: 'result-snippet' });
      // The API guarantees snippet is HTML-escaped text where only <mark> is markup;
      // anything else is treated as plain text (defence in depth).
      var html = String(r.snippet);
      if (/<(?!\/?mark>)/i.test(html)) snip.textContent = html.replace(/<[^>]*>/g, '');
      else snip.innerHTML = html;
      li.appendChild(snip);
    }
    return li;
  }

  function pageButton(label, target, state, opts) {
    opts = opts || {};
    var b = el('button', {
      type: 'button', className: 'btn pager-btn' + (opts.current ? ' is-current' : ''),
      'aria-label': opts.ariaLabel || null,
      'aria-current': opts.current ? 'page' : null,
      disabled: opts.disabled ? true : null,
      text: label
    });
    if (!opts.disabled && !opts.current) {
      b.addEventListener('click', function () { navigate(copyState(state, { page: target }), true); });
    }
    return b;
  }

  function renderPager(state, total, size) {
    T.clear(pager);
    var pages = Math.ceil(total / size);
    if (!(pages > 1)) { pager.hidden = true; return; }
    var cur = state.page;
    var list = el('ul', { className: 'pager-list' });
    var add = function (node) { list.appendChild(el('li', null, node)); };
    add(pageButton('‹ Trước', Math.min(cur - 1, pages), state, { disabled: cur <= 1, ariaLabel: 'Trang trước' }));
    var shown = {};
    [1, pages, cur - 2, cur - 1, cur, cur + 1, cur + 2].forEach(function (n) {
      if (n >= 1 && n <= pages) shown[n] = true;
    });
    var last = 0;
    Object.keys(shown).map(Number).sort(function (a, b) { return a - b; }).forEach(function (n) {
      if (n - last > 1) add(el('span', { className: 'pager-gap', 'aria-hidden': 'true', text: '…' }));
      add(pageButton(T.formatNumber(n), n, state,
        { current: n === cur, ariaLabel: 'Trang ' + n + (n === cur ? ' (trang hiện tại)' : '') }));
      last = n;
    });
    add(pageButton('Sau ›', cur + 1, state, { disabled: cur >= pages, ariaLabel: 'Trang sau' }));
    pager.appendChild(list);
    pager.hidden = false;
  }

  function renderFacets(state, facets) {
    T.clear(facetGroups);
    var any = false;
    FACETS.forEach(function (f) {
      var values = facets && Array.isArray(facets[f.key]) ? facets[f.key].filter(function (x) {
        return x && T.present(x.value);
      }) : [];
      if (!values.length) return;
      any = true;
      var headId = 'facet-' + f.key;
      var ul = el('ul', { className: 'facet-list', 'aria-labelledby': headId });
      var limit = expanded[f.key] ? values.length : FACET_PREVIEW;
      values.slice(0, limit).forEach(function (x) {
        var v = String(x.value);
        var active = state.filters[f.key] === v;
        var next = copyState(state, { page: 1 });
        if (active) delete next.filters[f.key]; else next.filters[f.key] = v;
        var a = el('a', {
          className: 'facet-link' + (active ? ' is-active' : ''), href: stateUrl(next),
          'aria-current': active ? 'true' : null,
          on: { click: function (ev) { intercept(ev, next); } }
        }, [el('span', { className: 'facet-value', text: v })]);
        if (typeof x.count === 'number') {
          a.appendChild(document.createTextNode(' '));
          a.appendChild(el('span', { className: 'facet-count', text: '(' + T.formatNumber(x.count) + ')' }));
        }
        ul.appendChild(el('li', null, a));
      });
      var group = el('section', { className: 'facet-group' }, [el('h3', { id: headId, text: f.label }), ul]);
      if (values.length > FACET_PREVIEW) {
        group.appendChild(el('button', {
          type: 'button', className: 'btn btn-link facet-more', 'aria-expanded': expanded[f.key] ? 'true' : 'false',
          text: expanded[f.key] ? 'Thu gọn' : 'Xem thêm (' + T.formatNumber(values.length - FACET_PREVIEW) + ')',
          on: { click: function () { expanded[f.key] = !expanded[f.key]; renderFacets(state, facets); } }
        }));
      }
      facetGroups.appendChild(group);
    });
    facetsBox.hidden = !any;
    facetsBox.parentNode.classList.toggle('no-facets', !any);
  }

  function renderNotice(state, data) {
    T.clear(notice);
    if (data.relaxed === true) {
      notice.appendChild(el('p', {
        text: 'Không có văn bản chứa đủ tất cả các từ đã nhập; đang hiển thị các kết quả gần đúng.'
      }));
    }
    if (T.present(data.suggestion) && String(data.suggestion).trim() !== state.q) {
      var sug = String(data.suggestion).trim();
      var next = copyState(state, { q: sug, page: 1 });
      notice.appendChild(el('p', { className: 'suggestion' }, [
        'Có phải bạn muốn tìm: ',
        el('a', { href: stateUrl(next), on: { click: function (ev) { intercept(ev, next); } } },
          el('strong', { text: sug })),
        '?'
      ]));
    }
    notice.hidden = !notice.firstChild;
  }

  function render(state, data) {
    var total = typeof data.total === 'number' && data.total >= 0 ? data.total : 0;
    var size = typeof data.size === 'number' && data.size > 0 ? data.size : PAGE_SIZE;
    var results = Array.isArray(data.results) ? data.results : [];
    var query = T.present(data.query) ? String(data.query) : state.q;

    if (total > 0) {
      // total_exact false: counting stopped at the server's time limit, the total is an estimate.
      var text = 'Tìm thấy ' + (data.total_exact === false ? 'khoảng ' : '') + T.formatNumber(total) + ' văn bản';
      if (typeof data.took_ms === 'number' && isFinite(data.took_ms)) {
        text += ' (' + T.formatNumber(data.took_ms / 1000, 3, 3) + ' giây)';
      }
      var pages = Math.ceil(total / size);
      if (pages > 1) text += ' — trang ' + T.formatNumber(state.page) + '/' + T.formatNumber(pages);
      summary.textContent = text;
    } else {
      summary.textContent = 'Không tìm thấy văn bản phù hợp.';
    }
    renderNotice(state, data);

    T.clear(resultsList);
    resultsList.setAttribute('start', String((state.page - 1) * size + 1));
    results.forEach(function (r) {
      var li = renderResult(r, query);
      if (li) resultsList.appendChild(li);
    });
    if (!resultsList.firstChild && total > 0) {
      resultsList.appendChild(el('li', { className: 'result result-empty',
        text: 'Trang này không có kết quả. Hãy quay lại trang trước.' }));
    }
    resultsSection.hidden = !resultsList.firstChild;
    renderPager(state, total, size);
    renderFacets(state, data.facets);
  }

  function resetResults() {
    summary.textContent = '';
    T.clear(notice); notice.hidden = true;
    T.clear(resultsList); resultsSection.hidden = true;
    T.clear(pager); pager.hidden = true;
    T.clear(facetGroups); facetsBox.hidden = true;
    facetsBox.parentNode.classList.toggle('no-facets', true);
  }

  // ---- suggestions (ARIA 1.2 combobox with a listbox popup) -----------------------------

  /** Characters typed, as the user sees them (composed, trimmed). */
  function charCount(s) {
    var t = String(s || '').trim();
    try { t = t.normalize('NFC'); } catch (ignored) { /* old engine */ }
    return Array.from(t).length;
  }

  function cancelSuggestions() {
    clearTimeout(sug.timer);
    if (sug.ctrl) { sug.ctrl.abort(); sug.ctrl = null; }
  }

  function onSuggestInput() {
    cancelSuggestions();
    var q = input.value;
    if (charCount(q) < MIN_SUGGEST_CHARS) { closeSuggestions(); return; }
    sug.timer = setTimeout(function () { fetchSuggestions(q); }, SUGGEST_DELAY_MS);
  }

  function fetchSuggestions(q) {
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    sug.ctrl = ctrl;
    var url = '/api/suggest?q=' + encodeURIComponent(q.trim()) + '&size=' + SUGGEST_SIZE;
    T.fetchJSON(url, { signal: ctrl ? ctrl.signal : undefined }).then(function (data) {
      if (sug.ctrl !== ctrl || input.value !== q) return; // a later key press owns the popup
      sug.ctrl = null;
      sug.forText = q;
      showSuggestions(Array.isArray(data.suggestions) ? data.suggestions.filter(function (s) {
        return s && typeof s === 'object' && T.present(s.text);
      }) : []);
    }, function (err) {
      if (err && err.name === 'AbortError') return;
      if (sug.ctrl === ctrl) sug.ctrl = null;
      closeSuggestions(); // a convenience: the search itself reports errors
    });
  }

  function showSuggestions(items) {
    T.clear(suggestList);
    sug.items = items;
    sug.active = -1;
    input.removeAttribute('aria-activedescendant');
    if (!items.length || document.activeElement !== input) { closeSuggestions(); return; } // typed, then left
    items.forEach(function (s, i) {
      var kind = KIND_LABEL[s.kind];
      suggestList.appendChild(el('li', {
        id: 'q-suggestion-' + i, className: 'suggestion-option kind-' + (kind ? s.kind : 'other'),
        role: 'option', 'aria-selected': 'false', 'data-index': i
      }, [
        el('span', { className: 'suggestion-text', text: String(s.text) }),
        kind ? el('span', { className: 'suggestion-kind', text: kind }) : null
      ]));
    });
    suggestList.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    suggestStatus.textContent = items.length + ' gợi ý; dùng phím mũi tên lên, xuống để chọn.';
  }

  function closeSuggestions() {
    suggestList.hidden = true;
    sug.active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    suggestStatus.textContent = '';
  }

  function suggestionsOpen() { return !suggestList.hidden && sug.items.length > 0; }

  function setActive(i) {
    var opts = suggestList.children;
    if (sug.active >= 0 && opts[sug.active]) opts[sug.active].setAttribute('aria-selected', 'false');
    sug.active = i;
    if (i < 0 || !opts[i]) { input.removeAttribute('aria-activedescendant'); return; }
    opts[i].setAttribute('aria-selected', 'true');
    input.setAttribute('aria-activedescendant', opts[i].id);
    if (opts[i].scrollIntoView) opts[i].scrollIntoView({ block: 'nearest' });
  }

  /** A title opens its document, a reference its page (who cites it, its budget); a phrase or a
   *  number becomes the query. */
  function chooseSuggestion(i) {
    var s = sug.items[i];
    if (!s) return;
    cancelSuggestions();
    closeSuggestions();
    if (s.kind === 'title' && T.present(s.id)) {
      location.assign(T.docUrl(String(s.id)));
      return;
    }
    if (s.kind === 'reference' && T.present(s.id)) {
      location.assign(T.refUrl(String(s.id)));
      return;
    }
    var q = String(s.text).trim();
    input.value = q;
    input.focus();
    navigate(copyState(readState(), { q: q, page: 1 }), false);
  }

  function onSuggestKey(ev) {
    if (ev.isComposing || ev.keyCode === 229) return; // an input method (Telex, VNI) is composing
    var n = sug.items.length;
    switch (ev.key) {
      case 'ArrowDown':
      case 'Down':
        if (!suggestionsOpen()) {
          if (n && sug.forText === input.value) showSuggestions(sug.items);
          else { onSuggestInput(); return; }
        }
        ev.preventDefault();
        if (sug.items.length) setActive(sug.active + 1 >= sug.items.length ? 0 : sug.active + 1);
        break;
      case 'ArrowUp':
      case 'Up':
        if (!suggestionsOpen()) return;
        ev.preventDefault();
        setActive(sug.active <= 0 ? n - 1 : sug.active - 1);
        break;
      case 'Enter':
        if (suggestionsOpen() && sug.active >= 0) { ev.preventDefault(); chooseSuggestion(sug.active); }
        break; // otherwise the form submits
      case 'Escape':
      case 'Esc':
        if (suggestionsOpen()) { ev.preventDefault(); ev.stopPropagation(); closeSuggestions(); }
        break; // otherwise the browser clears the box
      case 'Tab':
        closeSuggestions();
        break;
      default:
        break;
    }
  }

  function initSuggestions() {
    suggestList = $('q-suggestions');
    suggestStatus = $('suggest-status');
    input.addEventListener('input', onSuggestInput);
    input.addEventListener('keydown', onSuggestKey);
    input.addEventListener('blur', function () { cancelSuggestions(); closeSuggestions(); });
    // mousedown would move the focus out of the box (and close the popup) before the click lands.
    suggestList.addEventListener('mousedown', function (ev) { ev.preventDefault(); });
    suggestList.addEventListener('click', function (ev) {
      var li = ev.target && ev.target.closest ? ev.target.closest('[role="option"]') : null;
      if (li) chooseSuggestion(Number(li.getAttribute('data-index')));
    });
  }

  // ---- searching ------------------------------------------------------------------------

  function run(state, focusResults) {
    if (document.activeElement !== input) input.value = state.q;
    renderChips(state);
    showAlert('');
    if (inflight) { inflight.abort(); inflight = null; }
    if (!state.q) {
      resetResults();
      setLoading(false);
      document.title = 'Tra cứu văn bản — tracuu';
      return;
    }
    document.title = state.q + ' — Tra cứu văn bản — tracuu';
    var ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    inflight = ctrl;
    var params = stateParams(state);
    params.set('page', String(state.page));
    params.set('size', String(PAGE_SIZE));
    setLoading(true);
    summary.textContent = 'Đang tìm…';
    T.fetchJSON('/api/search?' + params.toString(), { signal: ctrl ? ctrl.signal : undefined })
      .then(function (data) {
        if (inflight !== ctrl) return;
        render(state, data);
        if (focusResults) {
          var h = $('results-heading');
          if (h && !resultsSection.hidden) { h.focus({ preventScroll: true }); resultsSection.scrollIntoView(); }
        }
      }, function (err) {
        if (err && err.name === 'AbortError') return;
        if (inflight !== ctrl) return;
        resetResults();
        showAlert(err && err.message ? err.message : 'Đã xảy ra lỗi không xác định.');
      })
      .then(function () {
        if (inflight === ctrl) { inflight = null; setLoading(false); }
      });
  }

  function init() {
    form = $('search-form'); input = $('q'); alertBox = $('alert'); summary = $('summary');
    notice = $('notice'); resultsSection = $('results-section'); resultsList = $('results');
    pager = $('pager'); facetsBox = $('facets'); facetGroups = $('facet-groups');
    filtersBox = $('filters'); chips = filtersBox.querySelector('.chips');

    var sortBox = $('sort');
    sortBox.value = readState().sort;
    sortBox.addEventListener('change', function () {
      navigate(copyState(readState(), { sort: sortBox.value, page: 1 }), false);
    });
    initSuggestions();
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      cancelSuggestions();
      closeSuggestions();
      var q = input.value.trim();
      var state = copyState(readState(), { q: q, page: 1 });
      if (!q) { input.focus(); }
      navigate(state, false);
    });
    window.addEventListener('popstate', function () {
      var s = readState();
      cancelSuggestions();
      closeSuggestions();
      input.value = s.q;
      $('sort').value = s.sort;
      run(s, false);
    });

    var state = readState();
    input.value = state.q;
    run(state, false);
    if (!state.q) input.focus();
    T.showIndexInfo($('index-info'));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
