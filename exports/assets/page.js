// newsgraph's interactive view. Reads the JSON in #graph-data; every text from an
// article is put on the page with textContent or as a canvas label, never as HTML.
"use strict";
(function () {
  const DATA = JSON.parse(document.getElementById("graph-data").textContent);
  const KINDS = DATA.kinds, EDGE_KINDS = DATA.edgeKinds, N = DATA.nodes, E = DATA.edges;
  const UNDIRECTED = new Set(["coMentionedWith"]);
  const EDGE_COLORS = {
    coMentionedWith: "#8a9bb0", mentions: "#b8b8b8", madeBy: "#7fb07f", relatedTo: "#9e9e9e",
    publishedBy: "#cfcf8a", hasTopic: "#e8a9d2", claims: "#ff9f4a", about: "#ff9f4a",
    statedIn: "#f5c08a",
  };
  const $ = (id) => document.getElementById(id);
  const kindOf = (i) => KINDS[N[i].k] || { name: "Other", color: "#999999", shape: "dot" };
  const edgeKind = (e) => EDGE_KINDS[e[2]] || "related";

  // Adjacency over the whole graph, not only what is drawn.
  const outE = N.map(() => []), inE = N.map(() => []);
  E.forEach((e, i) => { outE[e[0]].push(i); inE[e[1]].push(i); });
  const maxWeight = E.reduce((m, e) => Math.max(m, e[3] || 1), 1);

  const state = {
    shown: new Set(), // node indexes in the drawn set (default view plus what search revealed)
    kinds: new Set(KINDS.map((_, i) => i).concat([-1])),
    minWeight: DATA.minWeight || 1,
    selected: null,
  };

  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  const nodeView = new vis.DataView(nodes, { filter: (n) => state.kinds.has(N[n.id].k) });
  const edgeView = new vis.DataView(edges, {
    filter: (x) => {
      const e = E[x.id];
      return (e[3] || 1) >= state.minWeight && state.kinds.has(N[e[0]].k) && state.kinds.has(N[e[1]].k);
    },
  });

  const clip = (s, n) => (s.length > n ? s.slice(0, n - 1) + "…" : s);
  function visNode(i) {
    const n = N[i], k = kindOf(i);
    return {
      id: i, x: n.x, y: n.y, value: n.v, shape: k.shape,
      label: clip(n.l, k.name === "Article" || k.name === "Claim" ? 32 : 40),
      color: { background: k.color, border: k.color, highlight: { background: k.color, border: "#000" } },
    };
  }
  function visEdge(i) {
    const e = E[i], kind = edgeKind(e), w = e[3] || 1;
    return {
      id: i, from: e[0], to: e[1], value: Math.log1p(w),
      color: { color: EDGE_COLORS[kind] || "#aaaaaa", opacity: 0.6 },
      arrows: UNDIRECTED.has(kind) ? "" : { to: { enabled: true, scaleFactor: 0.4 } },
    };
  }

  function addNodes(list) {
    const fresh = list.filter((i) => !state.shown.has(i));
    fresh.forEach((i) => state.shown.add(i));
    nodes.add(fresh.map(visNode));
    const ids = [];
    for (const i of fresh) {
      for (const j of outE[i]) if (state.shown.has(E[j][1])) ids.push(j);
      for (const j of inE[i]) if (state.shown.has(E[j][0]) && !fresh.includes(E[j][0])) ids.push(j);
    }
    edges.add(ids.map(visEdge));
  }

  function setView(size) {
    nodes.clear(); edges.clear(); state.shown.clear();
    const n = Math.max(1, Math.min(size, N.length));
    const list = [];
    for (let i = 0; i < n; i++) list.push(i);
    // Build the edge list in one pass: cheaper than per-node lookups on a big view.
    list.forEach((i) => state.shown.add(i));
    nodes.add(list.map(visNode));
    const ids = [];
    E.forEach((e, j) => { if (state.shown.has(e[0]) && state.shown.has(e[1])) ids.push(j); });
    edges.add(ids.map(visEdge));
    counts();
  }

  function counts() {
    $("counts").textContent =
      `showing ${nodeView.length} of ${N.length} nodes, ${edgeView.length} of ${E.length} edges`;
  }

  const network = new vis.Network($("graph"), { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, hideEdgesOnDrag: true, tooltipDelay: 100, multiselect: false },
    nodes: {
      borderWidth: 1,
      scaling: { min: 6, max: 40, label: { enabled: true, min: 12, max: 40, drawThreshold: 7, maxVisible: 32 } },
      font: { size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" },
    },
    edges: { smooth: false, scaling: { min: 0.6, max: 7 }, selectionWidth: 1.5 },
  });

  // --- tooltips: hover an edge for its kind, weight and evidence -------------------------
  const tip = $("tip");
  function showTip(pointer, build) {
    tip.replaceChildren();
    build(tip);
    const box = $("graph").getBoundingClientRect();
    tip.style.left = Math.min(pointer.x + box.left + 14, window.innerWidth - 370) + "px";
    tip.style.top = pointer.y + box.top + 14 + "px";
    tip.hidden = false;
  }
  network.on("hoverEdge", (p) => showTip(p.pointer.DOM, (t) => edgeInfo(t, p.edge)));
  network.on("hoverNode", (p) => showTip(p.pointer.DOM, (t) => {
    t.append(el("b", {}, N[p.node].l), " ", el("span", { class: "meta" }, kindOf(p.node).name));
    if (N[p.node].a) t.append(el("div", { class: "meta" }, "aka " + N[p.node].a.slice(0, 5).join(", ")));
  }));
  for (const ev of ["blurEdge", "blurNode", "dragStart", "zoom"]) network.on(ev, () => { tip.hidden = true; });

  function edgeInfo(t, i) {
    const e = E[i], kind = edgeKind(e);
    t.append(el("b", {}, kind), ` · weight ${e[3] || 1}`);
    t.append(el("div", {}, `${N[e[0]].l} ${UNDIRECTED.has(kind) ? "↔" : "→"} ${N[e[1]].l}`));
    const evidence = e[4] || [];
    if (evidence.length) {
      const more = (e[3] || evidence.length) - Math.min(evidence.length, 5);
      t.append(el("div", { class: "meta" }, "evidence:"),
        el("ul", {}, ...evidence.slice(0, 5).map((a) => el("li", {}, N[a].l))));
      if (more > 0) t.append(el("div", { class: "meta" }, `and ${more} more`));
    }
  }

  // --- neighbourhood highlight and the side panel ----------------------------------------
  function highlight(i) {
    const near = new Set([i]);
    for (const j of outE[i]) near.add(E[j][1]);
    for (const j of inE[i]) near.add(E[j][0]);
    nodes.update(nodes.getIds().map((id) => ({
      id, opacity: near.has(id) ? 1 : 0.15, font: { color: near.has(id) ? "#222" : "#2222" },
    })));
    edges.update(edges.getIds().map((id) => {
      const on = E[id][0] === i || E[id][1] === i;
      return { id, color: { color: visEdge(id).color.color, opacity: on ? 0.9 : 0.05 } };
    }));
  }
  function unhighlight() {
    nodes.update(nodes.getIds().map((id) => ({ id, opacity: 1, font: { color: "#222" } })));
    edges.update(edges.getIds().map((id) => ({ id, color: visEdge(id).color })));
  }

  network.on("click", (p) => {
    if (p.nodes.length) select(p.nodes[0]);
    else if (!p.edges.length) deselect();
  });
  $("close").addEventListener("click", deselect);

  function select(i) {
    state.selected = i;
    highlight(i);
    network.selectNodes([i]);
    showPanel(i);
  }
  function deselect() {
    if (state.selected === null) return;
    state.selected = null;
    network.unselectAll();
    unhighlight();
    $("panel").hidden = true;
  }

  function focusNode(i) {
    // Reveal the node with its strongest neighbours, make its type visible, centre on it.
    if (!state.shown.has(i)) {
      const nbrs = outE[i].map((j) => [E[j][3] || 1, E[j][1]])
        .concat(inE[i].map((j) => [E[j][3] || 1, E[j][0]]))
        .sort((a, b) => b[0] - a[0]).slice(0, 25).map((p) => p[1]);
      addNodes([i, ...nbrs]);
    }
    if (!state.kinds.has(N[i].k)) toggleKind(N[i].k, true);
    counts();
    select(i);
    // Centre it in the part of the canvas the side panel leaves free.
    const offset = { x: -$("panel").offsetWidth / 2, y: 0 };
    network.focus(i, { scale: Math.max(network.getScale(), 0.9), offset, animation: { duration: 300 } });
  }

  function el(tag, attrs, ...children) {
    const x = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) x.setAttribute(k, v);
    for (const c of children) x.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return x;
  }
  const safeUrl = (u) => (typeof u === "string" && /^https?:\/\//i.test(u) ? u : null);
  function extLink(text, url) {
    const u = safeUrl(url);
    return u ? el("a", { href: u, target: "_blank", rel: "noopener noreferrer" }, text) : el("span", {}, text);
  }
  function nodeLink(i, text) {
    const a = el("a", { class: "node", role: "button", tabindex: "0", title: "show in graph" }, text || N[i].l);
    a.addEventListener("click", () => focusNode(i));
    a.addEventListener("keydown", (ev) => { if (ev.key === "Enter") focusNode(i); });
    return a;
  }
  const byKind = (list, name) => list.filter((j) => edgeKind(E[j]) === name);
  function section(root, heading, items, limit) {
    if (!items.length) return;
    root.append(el("h3", {}, `${heading} (${items.length})`));
    const ul = el("ul", {}, ...items.slice(0, limit).map((x) => el("li", {}, ...x)));
    root.append(ul);
    if (items.length > limit) root.append(el("div", { class: "meta" }, `and ${items.length - limit} more`));
  }
  function articleItem(a) {
    const n = N[a], meta = [n.pb, (n.p || "").slice(0, 10)].filter(Boolean).join(", ");
    return [extLink(n.l, n.u), " ", el("span", { class: "meta" }, meta + " "), nodeLink(a, "◎")];
  }
  function claimItem(c) {
    const n = N[c], parts = [el("blockquote", {}, n.tx || n.l)];
    const speaker = byKind(inE[c], "claims").map((j) => E[j][0]);
    const article = byKind(outE[c], "statedIn").map((j) => E[j][1]);
    const meta = el("div", { class: "meta" }, n.ck ? n.ck + " " : "");
    if (speaker.length) meta.append("— ", nodeLink(speaker[0]), " ");
    if (article.length) meta.append("in ", extLink(N[article[0]].l, N[article[0]].u));
    parts.push(meta);
    return parts;
  }
  const recent = (a, b) => (N[b].p || "").localeCompare(N[a].p || "");

  function showPanel(i) {
    const n = N[i], k = kindOf(i), d = $("details");
    d.replaceChildren(
      el("h2", {}, n.l),
      el("span", { class: "kind", style: `background:${k.color}` }, k.name),
    );
    if (n.d) d.append(el("p", {}, n.d));
    const facts = el("ul", {});
    if (n.a && n.a.length) facts.append(el("li", {}, "Also: " + n.a.join(", ")));
    if (n.w && /^Q\d+$/.test(n.w)) {
      facts.append(el("li", {}, "Wikidata: ", extLink(n.w, "https://www.wikidata.org/wiki/" + n.w)));
    }
    if (n.m) facts.append(el("li", {}, `${n.m} mentions in ${n.n || 0} articles`));
    if (n.f) facts.append(el("li", {}, `seen ${n.f.slice(0, 10)} to ${(n.s || n.f).slice(0, 10)}`));
    if (n.u) facts.append(el("li", {}, extLink(safeUrl(n.u) ? "Open the article" : n.u, n.u)));
    if (n.p) facts.append(el("li", {}, "published " + n.p));
    if (n.pb) facts.append(el("li", {}, "publisher " + n.pb));
    if (n.t && n.t.length) facts.append(el("li", {}, "topics: " + n.t.join(", ")));
    if (n.pa) facts.append(el("li", { class: "meta" }, "known only by its title"));
    if (n.ck) facts.append(el("li", {}, "claim kind: " + n.ck));
    if (n.q && n.q.length) {
      facts.append(el("li", {}, "quantities: " + n.q.map((q) => q.text || JSON.stringify(q)).join("; ")));
    }
    if (facts.childNodes.length) d.append(facts);
    if (n.tx) d.append(el("blockquote", {}, n.tx));

    const mentionedIn = byKind(inE[i], "mentions").map((j) => E[j][0]).sort(recent);
    section(d, "Mentioned in", mentionedIn.map(articleItem), 50);
    const claims = byKind(inE[i], "about").map((j) => E[j][0])
      .concat(byKind(outE[i], "claims").map((j) => E[j][1]))
      .concat(byKind(inE[i], "statedIn").map((j) => E[j][0]));
    section(d, "Claims", [...new Set(claims)].map(claimItem), 30);
    const about = byKind(outE[i], "about").map((j) => E[j][1]);
    section(d, "About", about.map((a) => [nodeLink(a)]), 30);
    const stated = byKind(outE[i], "statedIn").map((j) => E[j][1]);
    section(d, "Stated in", stated.map(articleItem), 5);
    const mentions = byKind(outE[i], "mentions").sort((a, b) => E[b][3] - E[a][3]);
    section(d, "Mentions", mentions.map((j) => [nodeLink(E[j][1]), ` ×${E[j][3]}`]), 60);
    const co = byKind(outE[i], "coMentionedWith").map((j) => [j, E[j][1]])
      .concat(byKind(inE[i], "coMentionedWith").map((j) => [j, E[j][0]]))
      .sort((a, b) => E[b[0]][3] - E[a[0]][3]);
    section(d, "Co-mentioned with", co.map(([j, o]) => [nodeLink(o), ` ×${E[j][3]}`]), 20);
    const rel = byKind(outE[i], "relatedTo").map((j) => E[j][1])
      .concat(byKind(inE[i], "relatedTo").map((j) => E[j][0]));
    section(d, "Related articles", rel.map(articleItem), 20);
    const pubs = byKind(inE[i], "publishedBy").concat(byKind(inE[i], "hasTopic"))
      .map((j) => E[j][0]).sort(recent);
    section(d, "Articles", pubs.map(articleItem), 50);
    $("panel").hidden = false;
    $("panel").scrollTop = 0;
  }

  // --- search by any alias ---------------------------------------------------------------
  const names = N.map((n) => [n.l, ...(n.a || [])].map((s) => s.toLowerCase()));
  function find(query) {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const hits = [];
    for (let i = 0; i < N.length; i++) {
      let best = 9, via = -1;
      names[i].forEach((s, j) => {
        const r = s === q ? 0 : s.startsWith(q) ? 1 : s.includes(" " + q) ? 2 : s.includes(q) ? 3 : 9;
        if (r < best) { best = r; via = j; }
      });
      if (best < 9) hits.push([best, i, via]);
    }
    hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return hits.slice(0, 12);
  }
  const results = $("results"), search = $("search");
  let active = 0, current = [];
  function renderResults() {
    results.replaceChildren(...current.map(([, i, via], r) => {
      const li = el("li", { role: "option", class: r === active ? "active" : "" },
        el("span", { style: `color:${kindOf(i).color}` }, "●"), N[i].l,
        el("small", {}, (via > 0 ? `“${N[i].a[via - 1]}” · ` : "") + kindOf(i).name));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(r); });
      return li;
    }));
    results.hidden = current.length === 0;
  }
  function choose(r) {
    if (!current[r]) return;
    focusNode(current[r][1]);
    results.hidden = true;
  }
  search.addEventListener("input", () => { current = find(search.value); active = 0; renderResults(); });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown") { active = Math.min(active + 1, current.length - 1); renderResults(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { active = Math.max(active - 1, 0); renderResults(); ev.preventDefault(); }
    else if (ev.key === "Enter") choose(active);
    else if (ev.key === "Escape") results.hidden = true;
  });
  search.addEventListener("blur", () => { results.hidden = true; });

  // --- filters: type (the legend) and minimum edge weight --------------------------------
  const legend = $("legend");
  const perKind = new Map();
  N.forEach((n) => perKind.set(n.k, (perKind.get(n.k) || 0) + 1));
  const SVG = {
    dot: '<circle cx="7" cy="7" r="6"/>', square: '<rect x="1" y="1" width="12" height="12"/>',
    diamond: '<path d="M7 0L14 7L7 14L0 7Z"/>', triangle: '<path d="M7 1L13 13H1Z"/>',
    triangleDown: '<path d="M1 1H13L7 13Z"/>', star: '<path d="M7 0L9 5H14L10 8L12 14L7 10L2 14L4 8L0 5H5Z"/>',
    hexagon: '<path d="M4 1H10L14 7L10 13H4L0 7Z"/>', box: '<rect x="0" y="3" width="14" height="8" rx="2"/>',
    ellipse: '<ellipse cx="7" cy="7" rx="7" ry="4.5"/>',
  };
  KINDS.forEach((k, i) => {
    if (!perKind.get(i)) return;
    const box = el("input", { type: "checkbox", "data-kind": k.name });
    box.checked = true;
    box.addEventListener("change", () => toggleKind(i, box.checked));
    const icon = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    icon.setAttribute("viewBox", "0 0 14 14");
    icon.setAttribute("fill", k.color);
    icon.innerHTML = SVG[k.shape] || SVG.dot; // constant markup from this file, not data
    legend.append(el("label", {}, box, icon, k.name, el("span", { class: "n" }, perKind.get(i))));
  });
  function toggleKind(i, on) {
    if (on) state.kinds.add(i); else state.kinds.delete(i);
    const box = legend.querySelector(`input[data-kind="${KINDS[i].name}"]`);
    if (box) box.checked = on;
    if (!on && state.selected !== null && N[state.selected].k === i) deselect();
    nodeView.refresh(); edgeView.refresh(); counts();
  }
  const minWeight = $("min-weight");
  minWeight.max = String(maxWeight);
  minWeight.value = String(state.minWeight);
  minWeight.addEventListener("input", () => {
    state.minWeight = Number(minWeight.value) || 1;
    edgeView.refresh(); counts();
  });
  const viewSize = $("view-size");
  viewSize.max = String(N.length);
  viewSize.value = String(DATA.view);
  viewSize.addEventListener("change", () => { deselect(); setView(Number(viewSize.value) || DATA.view); network.fit(); });

  network.once("afterDrawing", () => { document.body.dataset.ready = "1"; });
  setView(DATA.view);
  network.fit();

  // A small handle for scripts and tests: what is drawn, and how to focus a node by ID.
  window.newsgraph = {
    network, nodes: nodeView, edges: edgeView,
    total: { nodes: N.length, edges: E.length },
    focus: (id) => { const i = N.findIndex((n) => n.id === id); if (i >= 0) focusNode(i); return i >= 0; },
  };
})();
