/* tracuu — shared helpers for the search page (app.js) and document page (doc.js).
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
        var msg = env && typeof env === 'object' && env.message ? String(env.message)
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
    showIndexInfo: showIndexInfo
  };
})();
