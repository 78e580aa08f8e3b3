/* tracuu — a small graph of a document's neighbourhood, drawn as SVG in the browser: the documents
 * citing it on the left, the document in the centre, what it cites on the right (on a narrow
 * screen: one above the other, as a tree). Nodes are links; edges are coloured and dashed by
 * relation; a hidden list repeats the graph for screen readers.
 * Depends on common.js and refs.js; exposes window.TracuuGraph. */
(function () {
  'use strict';

  var T = window.Tracuu, R = window.TracuuRefs, el = T.el;
  var NS = 'http://www.w3.org/2000/svg';
  var NARROW = 600;   // container width (CSS px) below which the tree layout is used
  var NODE_H = 44, GAP = 10;
  var uid = 0;

  function svg(tag, attrs, children) {
    var n = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== '') n.setAttribute(k, String(attrs[k]));
    });
    (children || []).forEach(function (c) { if (c) n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return n;
  }
  function cut(s, max) {
    s = String(s || '').replace(/\s+/g, ' ').trim();
    return s.length > max ? s.slice(0, Math.max(1, max - 1)).replace(/\s+\S*$/, '') + '…' : s;
  }
  /** Characters that fit in `width` units at `size` (an estimate: no layout needed). */
  var fits = function (width, size, bold) { return Math.floor(width / (size * (bold ? 0.6 : 0.53))); };

  function marker(defs, prefix, info) {
    var id = prefix + '-m' + info.rank;
    if (!defs.querySelector('#' + id)) {
      defs.appendChild(svg('marker', { id: id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 9, markerHeight: 9,
        markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' },
        [svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: info.color })]));
    }
    return 'url(#' + id + ')';
  }

  function edge(defs, prefix, d, node, arrow) {
    var info = R.relationInfo(node.relation);
    return svg('path', {
      d: d, fill: 'none', stroke: info.color, 'stroke-width': Math.min(1.6 + 0.3 * ((node.count || 1) - 1), 4.5),
      'stroke-dasharray': info.dash, 'marker-end': arrow ? marker(defs, prefix, info) : null, class: 'edge'
    });
  }

  function nodeLabel(n) {
    return [n.label, n.count > 1 ? n.count + ' lần' : '', n.relation ? R.relationLabel(n.relation) : '', n.title,
      n.held === false ? 'chưa có trong cơ sở dữ liệu' : ''].filter(Boolean).join(' — ');
  }

  /** A node: <a> (or <g> when it has no link) with a box, an accent bar, a label, a count and a sub-line. */
  function node(n, x, y, w) {
    var info = R.relationInfo(n.relation);
    var held = n.held !== false;
    var cls = 'node' + (n.note ? ' note' : held ? ' held' : ' not-held');
    var g = n.href ? svg('a', { href: n.href, class: cls, 'aria-label': nodeLabel(n) }) : svg('g', { class: cls });
    g.appendChild(svg('title', null, [nodeLabel(n)]));
    g.appendChild(svg('rect', { x: x, y: y, width: w, height: NODE_H, rx: 6, class: 'box' }));
    if (n.relation) g.appendChild(svg('rect', { x: x, y: y, width: 5, height: NODE_H, rx: 2, fill: info.color }));
    var countText = n.count > 1 ? '×' + n.count : '';
    g.appendChild(svg('text', { x: x + 12, y: y + 18, class: 'label' }, [cut(n.label, fits(w - 24 - countText.length * 8, 14, true))]));
    if (countText) g.appendChild(svg('text', { x: x + w - 8, y: y + 18, class: 'count', 'text-anchor': 'end' }, [countText]));
    var sub = [n.relation ? R.relationLabel(n.relation) : '', n.sub].filter(Boolean).join(' · ');
    if (sub) g.appendChild(svg('text', { x: x + 12, y: y + 36, class: 'sub' }, [cut(sub, fits(w - 20, 11.5))]));
    return g;
  }

  function centerNode(c, x, y, w, h) {
    var g = svg('g', { class: 'node center' });
    g.appendChild(svg('rect', { x: x, y: y, width: w, height: h, rx: 8, class: 'box' }));
    g.appendChild(svg('text', { x: x + w / 2, y: y + 18, class: 'kicker', 'text-anchor': 'middle' }, ['Văn bản này']));
    g.appendChild(svg('text', { x: x + w / 2, y: y + 38, class: 'label', 'text-anchor': 'middle' }, [cut(c.label, fits(w - 16, 15, true))]));
    if (c.sub) g.appendChild(svg('text', { x: x + w / 2, y: y + 55, class: 'sub', 'text-anchor': 'middle' }, [cut(c.sub, fits(w - 16, 11.5))]));
    return g;
  }

  /** Nodes of a side plus a "… N more" note linking to the full list. */
  function sideNodes(side) {
    var nodes = (side.nodes || []).slice();
    if (side.more > 0) nodes.push({ label: '… và ' + side.more + ' văn bản khác', sub: 'Xem danh sách đầy đủ', href: side.moreHref || null, note: true });
    return nodes;
  }

  function emptyText(svgEl, text, x, y, anchor) {
    svgEl.appendChild(svg('text', { x: x, y: y, class: 'empty', 'text-anchor': anchor || 'start' }, [text]));
  }

  function wide(root, defs, prefix, spec) {
    var colW = 290, cW = 230, cH = 64, top = 40, step = NODE_H + GAP, span = 170;
    var left = sideNodes(spec.left), right = sideNodes(spec.right);
    // A side with no node takes no room: the centre moves to that edge, the "none" text goes under it.
    var W = 16 + cW + (left.length ? span + colW : 0) + (right.length ? span + colW : 0);
    var rows = Math.max(left.length, right.length, 2);
    var H = top + rows * step + 8, midY = top + (rows * step - GAP) / 2;
    var lx = 8, rx = W - 8 - colW, cx = left.length ? lx + colW + span : 8;
    if (!left.length || !right.length) H = Math.max(H, midY + cH / 2 + 34);
    root.appendChild(svg('text', { x: lx, y: 22, class: 'heading' }, [spec.left.title]));
    root.appendChild(svg('text', { x: W - 8, y: 22, class: 'heading', 'text-anchor': 'end' }, [spec.right.title]));
    var edges = svg('g', { class: 'edges' }), nodes = svg('g', { class: 'nodes' });
    function column(list, x, isLeft) {
      var y0 = top + ((rows - list.length) * step) / 2;
      list.forEach(function (n, i) {
        var y = y0 + i * step, ny = y + NODE_H / 2;
        if (!n.note) {
          var x1 = isLeft ? x + colW : cx + cW, y1 = isLeft ? ny : midY, x2 = isLeft ? cx : x, y2 = isLeft ? midY : ny;
          edges.appendChild(edge(defs, prefix, 'M' + x1 + ',' + y1 + ' C' + (x1 + 70) + ',' + y1 + ' ' + (x2 - 70) + ',' + y2 + ' ' + (x2 - 1) + ',' + y2, n, true));
        }
        nodes.appendChild(node(n, x, y, colW));
      });
    }
    column(left, lx, true);
    column(right, rx, false);
    if (!left.length) emptyText(root, spec.left.empty, lx, midY + cH / 2 + 24);
    if (!right.length) emptyText(root, spec.right.empty, W - 8, midY + cH / 2 + 24, 'end');
    root.appendChild(edges);
    root.appendChild(nodes);
    nodes.appendChild(centerNode(spec.center, cx, midY - cH / 2, cW, cH));
    return { W: W, H: H };
  }

  function narrow(root, defs, prefix, spec) {
    var W = 360, x = 34, w = W - x - 4, trunk = 16, step = NODE_H + 8, cH = 64, y = 22;
    var edges = svg('g', { class: 'edges' }), nodes = svg('g', { class: 'nodes' });
    function band(side, below) {
      var list = sideNodes(side), mids = [];
      root.appendChild(svg('text', { x: below ? x : 4, y: y, class: 'heading' }, [side.title]));
      y += 10;
      if (!list.length) { emptyText(root, side.empty, 4, y + 16); y += 28; return mids; }
      list.forEach(function (n) {
        var ny = y + NODE_H / 2;
        if (!n.note) {
          mids.push(ny);
          edges.appendChild(edge(defs, prefix, 'M' + trunk + ',' + ny + ' L' + (x - 1) + ',' + ny, n, below));
        }
        nodes.appendChild(node(n, x, y, w));
        y += step;
      });
      return mids;
    }
    var up = band(spec.left, false);
    y += 6;
    var cy = y;
    nodes.appendChild(centerNode(spec.center, 4, cy, W - 8, cH));
    if (up.length) edges.appendChild(svg('path', { d: 'M' + trunk + ',' + up[0] + ' L' + trunk + ',' + (cy - 1), class: 'trunk', 'marker-end': marker(defs, prefix, { rank: 'trunk', color: '#4a5563' }) }));
    y = cy + cH + 26;
    var down = band(spec.right, true);
    if (down.length) edges.appendChild(svg('path', { d: 'M' + trunk + ',' + (cy + cH) + ' L' + trunk + ',' + down[down.length - 1], class: 'trunk' }));
    root.appendChild(edges);
    root.appendChild(nodes);
    return { W: W, H: y + 4 };
  }

  function legend(spec) {
    var seen = Object.create(null), ul = el('ul', { className: 'graph-legend', 'aria-label': 'Chú giải' });
    spec.left.nodes.concat(spec.right.nodes).forEach(function (n) { if (n.relation) seen[R.relationLabel(n.relation)] = true; });
    R.RELATIONS.forEach(function (r) {
      if (!seen[r.name]) return;
      var sw = svg('svg', { viewBox: '0 0 28 10', width: 28, height: 10, 'aria-hidden': 'true', focusable: 'false' },
        [svg('line', { x1: 0, y1: 5, x2: 28, y2: 5, stroke: r.color, 'stroke-width': 2.5, 'stroke-dasharray': r.dash })]);
      ul.appendChild(el('li', null, [sw, ' ' + r.name]));
    });
    ul.appendChild(el('li', null, [el('span', { className: 'swatch held', 'aria-hidden': 'true' }), ' có trong cơ sở dữ liệu']));
    ul.appendChild(el('li', null, [el('span', { className: 'swatch not-held', 'aria-hidden': 'true' }), ' chưa có (mở trang số hiệu)']));
    return ul;
  }

  function textAlternative(id, spec) {
    var box = el('div', { className: 'visually-hidden', id: id });
    var side = function (s) {
      var items = s.nodes.map(function (n) { return el('li', { text: nodeLabel(n) }); });
      if (s.more > 0) items.push(el('li', { text: 'và ' + s.more + ' văn bản khác' }));
      return el('li', null, [s.title + ': ' + (s.nodes.length ? '' : s.empty), items.length ? el('ul', null, items) : null]);
    };
    box.appendChild(el('ul', null, [side(spec.left), side(spec.right)]));
    return box;
  }

  /**
   * Draw into container (emptied first). spec: {center: {label, sub}, left/right: {title, empty,
   * nodes: [{label, sub, title, href, held, relation, count}], more, moreHref}}.
   * Redraws when the container crosses the narrow/wide width.
   */
  function render(container, spec) {
    var prefix = 'g' + (++uid), descId = prefix + '-desc', mode = null;
    function draw() {
      var width = container.clientWidth || document.documentElement.clientWidth;
      var m = width < NARROW ? 'narrow' : 'wide';
      if (m === mode) return;
      mode = m;
      T.clear(container);
      var total = function (s) { return s.nodes.length + (s.more || 0); };
      var root = svg('svg', {
        class: 'graph graph-' + m, role: 'group', 'aria-describedby': descId,
        'aria-label': 'Sơ đồ liên kết của ' + spec.center.label + ': được ' + total(spec.left) +
          ' văn bản dẫn chiếu, dẫn chiếu ' + total(spec.right) + ' văn bản'
      });
      var defs = svg('defs');
      root.appendChild(defs);
      var size = (m === 'narrow' ? narrow : wide)(root, defs, prefix, spec);
      root.setAttribute('viewBox', '0 0 ' + size.W + ' ' + size.H);
      root.style.maxWidth = (m === 'narrow' ? 560 : size.W) + 'px';
      container.appendChild(root);
      container.appendChild(legend(spec));
      container.appendChild(textAlternative(descId, spec));
    }
    draw();
    // One resize listener per container, redrawing its latest graph.
    var first = !container.tcGraphDraw;
    container.tcGraphDraw = draw;
    if (first) {
      var timer = 0;
      window.addEventListener('resize', function () { clearTimeout(timer); timer = setTimeout(function () { container.tcGraphDraw(); }, 150); });
    }
  }

  /** The graph of a document: groups of its references (TracuuRefs.groupReferences) on the right,
   *  the documents citing it (with relations and counts when known) on the left, `cap` a side. */
  function fromDocument(doc, groups, citing, cap) {
    var right = groups.slice().sort(function (a, b) { return a.main.rank - b.main.rank || b.count - a.count; });
    var leftGroups = [], byNum = Object.create(null);
    citing.forEach(function (c) {
      var k = (T.present(c.number) ? c.number : c.id) + '|' + (c.date || '');
      if (!byNum[k]) { byNum[k] = { first: c, relations: [], count: 0, ids: 0 }; leftGroups.push(byNum[k]); }
      var g = byNum[k];
      g.ids++;
      g.count = Math.max(g.count, c.count || 1);
      (c.relations || []).forEach(function (r) { if (g.relations.indexOf(r) === -1) g.relations.push(r); });
    });
    leftGroups.forEach(function (g) { g.main = R.mainRelation(g.relations); });
    leftGroups.sort(function (a, b) { return a.main.rank - b.main.rank || b.count - a.count; });
    var sub = [doc.type, T.formatDate(doc.date)].filter(T.present).join(' · ');
    return {
      center: { label: String(doc.number || doc.title || doc.id), sub: sub },
      left: {
        title: 'Được dẫn chiếu bởi', empty: 'Chưa có văn bản nào dẫn chiếu', more: Math.max(0, leftGroups.length - cap), moreHref: '#cited-by',
        nodes: leftGroups.slice(0, cap).map(function (g) {
          var c = g.first;
          return { label: String(c.number || c.title || c.id), sub: String(c.title || '') + (g.ids > 1 ? ' (' + g.ids + ' bản)' : ''),
            title: c.title, href: T.docUrl(c.id), held: true, relation: g.relations.length ? g.main.name : '', count: g.count };
        })
      },
      right: {
        title: 'Văn bản được dẫn chiếu', empty: 'Không dẫn chiếu văn bản nào', more: Math.max(0, right.length - cap), moreHref: '#references',
        nodes: right.slice(0, cap).map(function (g) {
          return { label: g.number, sub: g.target ? g.target.title : [g.type, g.issuer].filter(T.present).join(' – '),
            title: g.target ? g.target.title : '', href: g.href, held: !!g.target, relation: g.main.name, count: g.count };
        })
      }
    };
  }

  window.TracuuGraph = { render: render, fromDocument: fromDocument };
})();
