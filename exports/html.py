"""The interactive HTML view: one self-contained file, safe to open and share.

The page carries the whole graph as JSON data and draws the ``max_nodes`` most important
nodes (PageRank) at positions computed here, with physics off, so it is drawn at once;
every other node is one search away. pyvis supplies the vis-network library, inlined with
the page's own script and style from ``exports/assets``: pyvis's template is not used,
because it loads scripts from CDNs and inserts its heading unescaped. Every text from an
article travels as JSON inside a ``<script type="application/json">`` element and is shown
with ``textContent``, never parsed as HTML; a Content-Security-Policy forbids any request.

>>> write_html(graph, "graph.html", title="AI compute", max_nodes=300)  # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
import math
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import igraph as ig
import networkx as nx
import pyvis

from exports.metrics import pagerank
from exports.palette import COLORS
from graph.errors import NewsgraphError

KINDS = (
    "Company",
    "Organization",
    "Person",
    "Chip",
    "Product",
    "Place",
    "Article",
    "Claim",
    "Publisher",
    "Topic",
)
"""Node kinds in legend order; any other kind is drawn grey."""

SHAPES = {
    "Company": "dot",
    "Organization": "diamond",
    "Person": "star",
    "Chip": "square",
    "Product": "triangle",
    "Place": "triangleDown",
    "Article": "hexagon",
    "Claim": "dot",
    "Publisher": "ellipse",
    "Topic": "ellipse",
}
EDGE_KINDS = (
    "coMentionedWith",
    "mentions",
    "madeBy",
    "relatedTo",
    "publishedBy",
    "hasTopic",
    "claims",
    "about",
    "statedIn",
)
"""Edge kinds of the contract; kinds not listed here are carried too, after these."""
EDGES_PER_NODE = 4
"""The default view hides edges lighter than needed to keep about this many per node."""
EVIDENCE_SHOWN = 20
"""At most this many evidence articles are kept per co-mention edge (the count is exact)."""

_VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
_SPACING = 150.0  # pixels per node along one side of the default view's square
_KK_LIMIT = 600  # Kamada-Kawai reads better, but is quadratic: only for views this small
_AROUND_ITERATIONS = 30  # the rest starts beside its neighbours, so a short run settles it
_BATCH = 5000  # rows of the page's data turned into JSON at a time


class HtmlExportError(NewsgraphError):
    """The HTML view could not be made (bad option or missing page asset)."""


def render_html(graph: nx.DiGraph, *, title: str = "newsgraph", max_nodes: int = 500) -> str:
    """The page as a string: the whole graph, the ``max_nodes`` most important drawn."""
    return "".join(generate_html(graph, title=title, max_nodes=max_nodes))


def generate_html(
    graph: nx.DiGraph, *, title: str = "newsgraph", max_nodes: int = 500
) -> Iterator[str]:
    """The page in pieces, the graph's data a batch of rows at a time (never whole in
    memory, as objects or as text). Options are checked at once."""
    if max_nodes < 1:
        raise HtmlExportError(f"max_nodes={max_nodes}: the page must show at least one node")
    parts = {
        "TITLE": html.escape(title),
        "VIS_CSS": (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8"),
        "PAGE_CSS": _asset("page.css"),
        "VIS_JS": (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"),
        "PAGE_JS": _asset("page.js"),
    }
    return _page(_asset("page.html"), parts, _Payload(graph, max_nodes))


def _page(template: str, parts: dict[str, str], payload: _Payload) -> Iterator[str]:
    """``template`` with its placeholders filled: ``DATA`` by the payload, the rest from
    ``parts``. One pass, so a value (the title, the data) can never be read as one."""
    rest = template
    while "{{" in rest:
        head, _, tail = rest.partition("{{")
        key, _, rest = tail.partition("}}")
        yield head
        if key == "DATA":
            yield from payload.json()
        else:
            yield parts[key]
    yield rest


def write_html(
    graph: nx.DiGraph, path: str | Path, *, title: str = "newsgraph", max_nodes: int = 500
) -> Path:
    """Write the page for ``graph`` to ``path`` (one file, nothing beside it)."""
    path = Path(path)
    pieces = generate_html(graph, title=title, max_nodes=max_nodes)
    try:
        with path.open("w", encoding="utf-8") as fh:
            fh.writelines(pieces)
    except OSError as exc:
        raise HtmlExportError(f"{path}: cannot write the HTML view ({exc.strerror})") from exc
    return path


def importance(graph: nx.DiGraph) -> dict[str, float]:
    """PageRank of every node over the undirected, weighted graph."""
    return pagerank(graph, directed=False)


def layout(graph: nx.DiGraph, core: list[str], *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions for every node, in pixels: ``core`` laid out first, the rest around it.

    igraph's grid Fruchterman-Reingold runs in about linear time (10,000 nodes in under
    two seconds). The core (the default view) is laid out on its own so it fills the
    screen; then every other node is placed with the core pinned, so a node found by
    search appears next to its neighbours.
    """
    nodes = list(graph.nodes)
    if not nodes:
        return {}
    # igraph draws from Python's global ``random`` unless told otherwise: a seeded
    # generator of our own keeps the page the same from build to build.
    ig.set_random_number_generator(random.Random(seed))
    try:
        return _layout(graph, nodes, core, seed)
    finally:
        ig.set_random_number_generator(random)


def _layout(
    graph: nx.DiGraph, nodes: list[str], core: list[str], seed: int
) -> dict[str, tuple[float, float]]:
    index = {n: i for i, n in enumerate(nodes)}
    h, weights = _igraph(graph, nodes, sparse=8, skip_single=True)
    core_ids = [index[n] for n in core]
    sub, sub_w = _igraph(graph.subgraph(core), core, sparse=8, skip_single=True)
    if sum(1 for d in sub.degree() if d == 0) > 0.1 * len(core):
        # Without articles in view, co-mentions are all the structure there is.
        sub, sub_w = _igraph(graph.subgraph(core), core, sparse=8)
    rng = random.Random(seed)
    side = math.sqrt(len(core_ids))
    start = [[rng.uniform(-side, side), rng.uniform(-side, side)] for _ in core_ids]
    if len(core_ids) <= _KK_LIMIT and sub.is_connected():
        found = sub.layout_kamada_kawai(seed=start, maxiter=50 * len(core_ids))
    else:
        found = sub.layout_fruchterman_reingold(weights=sub_w or None, seed=start, grid="auto")
    coords = [list(c) for c in found]
    if len(core_ids) < len(nodes):
        coords = _around(h, weights, core_ids, coords, seed)
        core_coords = [coords[i] for i in core_ids]
    else:
        core_coords, coords = coords, [coords[core_ids.index(i)] for i in range(len(nodes))]
    # Pixels: the core fills a square whose side grows with the square root of its size.
    scale, cx, cy = _fit(core_coords, _SPACING * math.sqrt(len(core_ids)))
    return {n: ((x - cx) * scale, (y - cy) * scale) for n, (x, y) in zip(nodes, coords)}


def _around(
    h: ig.Graph, weights: list[float], core: list[int], core_xy: list[list[float]], seed: int
) -> list[list[float]]:
    """Lay out all of ``h`` with the ``core`` vertices pinned at ``core_xy``."""
    rng = random.Random(seed)
    n = h.vcount()
    # igraph's grid variant bins repulsion in cells of fixed size: work at its natural
    # density (about one node per unit square), or many nodes share a cell and the run
    # turns quadratic. So the core is scaled to that density first.
    k, cx, cy = _fit(core_xy, 2 * math.sqrt(len(core)))
    core_xy = [[(x - cx) * k, (y - cy) * k] for x, y in core_xy]
    room = math.sqrt(n)
    start: list[list[float] | None] = [None] * n
    for i, xy in zip(core, core_xy):
        start[i] = xy
    # Breadth-first from the core: each node starts beside a placed neighbour, so a
    # short run settles it; nodes not linked to the core start at random.
    # Children share a disc whose area grows with their number: igraph's grid cells stay
    # sparse, which keeps the run near linear.
    frontier = list(core)
    while frontier:
        nxt = []
        for i in frontier:
            x, y = start[i]
            kids = [j for j in h.neighbors(i) if start[j] is None]
            radius = 1.0 + math.sqrt(len(kids))
            for j in kids:
                r, a = radius * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
                start[j] = [x + r * math.cos(a), y + r * math.sin(a)]
            nxt.extend(kids)
        frontier = nxt
    seeds = [s or [rng.uniform(-room, room), rng.uniform(-room, room)] for s in start]
    minx, maxx = [-2 * room] * n, [2 * room] * n
    miny, maxy = [-2 * room] * n, [2 * room] * n
    for i, (x, y) in zip(core, core_xy):
        minx[i] = maxx[i] = x
        miny[i] = maxy[i] = y
    full = h.layout_fruchterman_reingold(
        weights=weights or None,
        niter=_AROUND_ITERATIONS,
        start_temp=room / 20,
        seed=seeds,
        minx=minx,
        maxx=maxx,
        miny=miny,
        maxy=maxy,
        grid="auto",
    )
    return [list(c) for c in full.coords]


def _igraph(
    graph: nx.DiGraph,
    nodes: list[str],
    *,
    sparse: int | None = None,
    skip_single: bool = False,
) -> tuple[ig.Graph, list[float]]:
    """An undirected igraph of ``graph``; with ``sparse``, each node keeps its heaviest edges.

    With ``skip_single``, co-mentions seen in one article only are left out: every article
    makes a clique of what it names, and cliques pull a layout into knots, while the
    article-entity edges already hold those nodes together.
    """
    index = {n: i for i, n in enumerate(nodes)}
    pairs: dict[tuple[int, int], float] = {}
    for u, v, d in graph.edges(data=True):
        w = d.get("weight", 1)
        if skip_single and d.get("kind") == "coMentionedWith" and w < 2:
            continue
        a, b = sorted((index[u], index[v]))
        if a != b:
            pairs[a, b] = pairs.get((a, b), 0.0) + float(w or 1)
    if sparse is not None:
        best: dict[int, list[tuple[float, tuple[int, int]]]] = {}
        for pair, w in pairs.items():
            for end in pair:
                best.setdefault(end, []).append((w, pair))
        keep = set()
        for edges in best.values():
            edges.sort(reverse=True)
            keep.update(pair for _, pair in edges[:sparse])
        pairs = {p: pairs[p] for p in keep}
    h = ig.Graph(n=len(nodes), edges=list(pairs))
    weights = [math.log1p(w) for w in pairs.values()]
    h.es["weight"] = weights
    return h, weights


def _fit(coords: list[list[float]], side: float) -> tuple[float, float, float]:
    """Scale factor and centre that make ``coords`` fill a square of ``side`` pixels."""
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    return side / span, (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2


class _Payload:
    """The JSON the page reads: nodes in importance order, edges by node index."""

    def __init__(self, graph: nx.DiGraph, max_nodes: int) -> None:
        self.graph = graph
        self.rank = importance(graph)
        self.order = sorted(graph.nodes, key=lambda n: (-self.rank[n], str(n)))
        self.view = min(max_nodes, len(self.order))
        self.index = {n: i for i, n in enumerate(self.order)}

    def json(self) -> Iterator[str]:
        """The payload as JSON for the page's script element, in pieces: the same text
        as ``_json_for_script`` of the whole, made ``_BATCH`` rows at a time."""
        pos = layout(self.graph, self.order[: self.view])
        top = self.rank[self.order[0]] if self.order else 1.0
        found = {k for _, _, k in self.graph.edges(data="kind")}
        self.edge_kinds = [*EDGE_KINDS, *sorted(str(k) for k in found - set(EDGE_KINDS))]
        head = {
            "kinds": [{"name": k, "color": COLORS[k], "shape": SHAPES[k]} for k in KINDS],
            "edgeKinds": self.edge_kinds,
            "view": self.view,
            "minWeight": self.min_weight(),
        }
        yield _json_for_script(head)[:-1] + ',"nodes":['
        yield from _json_rows(self.node(n, pos[n], top) for n in self.order)
        del pos
        yield '],"edges":['
        yield from _json_rows(self.edge(u, v, d) for u, v, d in self.graph.edges(data=True))
        yield "]}"

    def min_weight(self) -> int:
        """The edge weight threshold that keeps the default view nearest 4 edges a node."""
        core = self.order[: self.view]
        weights = [w for *_, w in self.graph.subgraph(core).edges(data="weight", default=1)]
        limit = EDGES_PER_NODE * self.view
        if len(weights) <= limit:
            return 1
        counts = Counter(max(1, math.floor(w)) for w in weights)
        best, best_gap, kept = 1, math.inf, len(weights)
        for t in sorted(counts):
            gap = abs(math.log(max(kept, 1) / limit))
            if gap < best_gap:
                best, best_gap = t, gap
            kept -= counts[t]
        return best

    def node(self, node_id: str, xy: tuple[float, float], top: float) -> dict[str, Any]:
        d = self.graph.nodes[node_id]
        kind = d.get("kind", "")
        out: dict[str, Any] = {
            "id": str(node_id),
            "k": KINDS.index(kind) if kind in KINDS else -1,
            "l": str(d.get("label") or node_id),
            "x": round(xy[0], 1),
            "y": round(xy[1], 1),
            "v": round(math.sqrt(self.rank[node_id] / top), 4) if top else 0,
        }
        fields = {
            "aliases": "a",
            "wikidata": "w",
            "description": "d",
            "mentions": "m",
            "articles": "n",
            "first_seen": "f",
            "last_seen": "s",
            "url": "u",
            "published": "p",
            "publisher": "pb",
            "topics": "t",
            "text": "tx",
            "claim_kind": "ck",
            "quantities": "q",
        }
        for name, key in fields.items():
            value = d.get(name)
            if value not in (None, "", [], 0):
                out[key] = _plain(value)
        if d.get("partial"):
            out["pa"] = 1
        return out

    def edge(self, u: str, v: str, d: dict[str, Any]) -> list[Any]:
        kind = d.get("kind", "")
        row: list[Any] = [
            self.index[u],
            self.index[v],
            self.edge_kinds.index(str(kind)),
            d.get("weight", 1),
        ]
        evidence = [self.index[a] for a in d.get("evidence", ()) if a in self.index]
        if evidence:
            row.append(evidence[:EVIDENCE_SHOWN])
        return row


def _plain(value: Any) -> Any:
    """A JSON-ready copy of an attribute (dates and other objects as strings)."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return str(value)


def _asset(name: str) -> str:
    try:
        return resources.files("exports").joinpath("assets", name).read_text(encoding="utf-8")
    except OSError as exc:
        raise HtmlExportError(f"exports/assets/{name}: page asset missing ({exc})") from exc


def _json_rows(rows: Iterable[object]) -> Iterator[str]:
    """The JSON of a list of ``rows`` without its brackets, ``_BATCH`` rows at a time."""
    batch: list[object] = []
    sep = ""
    for row in rows:
        batch.append(row)
        if len(batch) == _BATCH:
            yield sep + _json_for_script(batch)[1:-1]
            batch, sep = [], ","
    if batch:
        yield sep + _json_for_script(batch)[1:-1]


def _json_for_script(data: object) -> str:
    """JSON that cannot close or confuse the <script> element it sits in."""
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
