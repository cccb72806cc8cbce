"""Gephi: the built graph as GEXF 1.3 and GraphML, ready to open.

The same verbs as ``networkx.readwrite``: ``write_gexf``/``generate_gexf`` and
``write_graphml``/``generate_graphml``. Both formats carry the same typed attributes:

Nodes
    ``type`` (Company, Person, ..., Article, Claim), the label, ``aliases`` ("|"-joined),
    ``wikidata`` (QID), ``mentions``, ``articles``, ``degree``, ``weighted_degree``,
    ``pagerank``, ``community`` (Louvain on the entity co-mention graph; -1 for nodes that
    are not entities), and whatever else the build put on the node (title, url,
    published, claim text...). Lists are joined with "|"; ``start``/``end`` character
    offsets are renamed ``char_start``/``char_end`` so they cannot clash with GEXF time.
Edges
    ``kind`` (coMentionedWith, mentions, about...) and ``weight``, plus the rest
    (``evidence``, ``first``, ``last``, ``count``...).
Drawing
    GEXF ``viz`` colour by type, size by PageRank, positions from ForceAtlas2; GraphML
    has the same as ``x``, ``y``, ``size``, ``r``, ``g``, ``b`` (names Gephi's GraphML
    importer understands).

Options (keyword-only, the same for both formats):

``projection``
    ``"full"`` (default): every node and edge of the build. ``"entities"``: entity nodes
    and their co-mention edges only, undirected.
``min_weight``
    Drop co-mention edges seen in fewer articles (default 1: keep all). Other edge kinds
    are never dropped. Entities left with no co-mention edge by the filter are dropped.
``dynamic`` (GEXF only)
    ``True``: every node and edge starts on the date of the first article that evidences
    it (open-ended), so Gephi's Timeline replays how the graph grew. ``None`` (default):
    dynamic when the graph has any dated article, static otherwise. ``False``: static.

The analysis (projection, metrics, layout) of a graph is computed once and re-used by the
next export of the same unchanged graph, so ``build`` writing both files pays for one
layout.
"""

from __future__ import annotations

import hashlib
import logging
import math
import random
import re
import weakref
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import igraph as ig
import networkx as nx
import numpy as np

from exports.metrics import pagerank_edges
from exports.palette import COLORS, OTHER_COLOR
from graph.errors import NewsgraphError
from ontology import ENTITY_TYPES

log = logging.getLogger(__name__)

__all__ = [
    "COLORS",
    "PROJECTIONS",
    "GephiError",
    "forget",
    "generate_gexf",
    "generate_graphml",
    "prepare",
    "write_gexf",
    "write_graphml",
]

PROJECTIONS = ("full", "entities")
"""The graphs an export can hold: everything, or the entity co-mention graph."""


MIN_SIZE, MAX_SIZE = 4.0, 40.0
LAYOUT_EXACT_NODES = 1000
"""ForceAtlas2 runs on at most this many nodes (the best connected); see ``layout``."""
LAYOUT_ITERATIONS = 100
SEED = 42

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

_SKIPPED = {"label", "weight"}  # written as the node's label and the edge's weight
_NODE_FIRST = (
    "type",
    "aliases",
    "wikidata",
    "mentions",
    "articles",
    "degree",
    "weighted_degree",
    "pagerank",
    "community",
)
_EDGE_FIRST = ("kind",)
_GRAPHML_TYPES = {"boolean": "boolean", "integer": "int", "double": "double", "string": "string"}
_NOT_NMTOKEN = re.compile(r"[^A-Za-z0-9.\-]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class GephiError(NewsgraphError):
    """A Gephi export option is invalid or the file cannot be written."""


# --------------------------------------------------------------------------- public API


def write_gexf(
    graph: nx.DiGraph,
    path: str | Path | IO[bytes],
    *,
    dynamic: bool | None = None,
    projection: str = "full",
    min_weight: float = 1,
) -> Path | IO[bytes]:
    """Write ``graph`` as GEXF 1.3 (see the module docstring for the options).

    Example:
        >>> write_gexf(graph, "out/entities.gexf", projection="entities", min_weight=2)
    """
    lines = generate_gexf(graph, dynamic=dynamic, projection=projection, min_weight=min_weight)
    return _write(lines, path)


def generate_gexf(
    graph: nx.DiGraph,
    *,
    dynamic: bool | None = None,
    projection: str = "full",
    min_weight: float = 1,
) -> Iterator[str]:
    """The lines of the GEXF 1.3 document of ``graph``."""
    prepared = prepare(graph, projection=projection, min_weight=min_weight)
    return GEXFWriter(graph, prepared, dynamic=dynamic).lines()


def write_graphml(
    graph: nx.DiGraph,
    path: str | Path | IO[bytes],
    *,
    projection: str = "full",
    min_weight: float = 1,
) -> Path | IO[bytes]:
    """Write ``graph`` as GraphML with typed keys (Gephi, yEd, Cytoscape, igraph)."""
    return _write(generate_graphml(graph, projection=projection, min_weight=min_weight), path)


def generate_graphml(
    graph: nx.DiGraph, *, projection: str = "full", min_weight: float = 1
) -> Iterator[str]:
    """The lines of the GraphML document of ``graph``."""
    prepared = prepare(graph, projection=projection, min_weight=min_weight)
    return GraphMLWriter(graph, prepared).lines()


def _write(lines: Iterable[str], path: str | Path | IO[bytes]) -> Path | IO[bytes]:
    if hasattr(path, "write"):
        for line in lines:
            path.write(line.encode("utf-8"))  # type: ignore[union-attr]
        return path  # type: ignore[return-value]
    target = Path(path)  # type: ignore[arg-type]
    try:
        with target.open("w", encoding="utf-8", newline="\n") as fh:
            fh.writelines(lines)
    except OSError as e:
        raise GephiError(f"{target}: cannot write ({e.strerror or e})") from e
    return target


# --------------------------------------------------------------------------- analysis


@dataclass
class Prepared:
    """One projection of the built graph, analysed: which nodes and edges it holds and
    everything the writers draw besides the graph's own attributes.

    Nothing of the graph is copied: the writers read each node and edge from it and
    flatten its attributes as they write it. Per-node figures are lists in the order of
    ``nodes``. It holds no reference to the graph, so the cache never keeps one alive.
    """

    nodes: list[str]
    directed: bool
    projection: str
    min_weight: float
    name: str
    edge_count: int = 0
    node_types: dict[str, str] = field(default_factory=dict)
    edge_types: dict[str, str] = field(default_factory=dict)
    metrics: list[tuple[int, float, float, int]] = field(default_factory=list)
    """degree, weighted_degree, pagerank, community of each node."""
    drawing: list[tuple[float, float, float]] = field(default_factory=list)
    """size, x, y of each node."""
    dates: dict[str, str] = field(default_factory=dict)
    entities: nx.Graph | None = None
    """The entities projection's undirected edges, each with the original edges it
    merges (``of``); ``None`` for the full graph, whose edges are the graph's own."""

    def node_rows(self, graph: nx.DiGraph) -> Iterator[tuple[int, str, dict[str, Any]]]:
        """Position, ID and export attributes (flat, with the metrics) of each node."""
        for i, n in enumerate(self.nodes):
            d = _flat(graph.nodes[n], node=True)
            degree, weighted, rank, community = self.metrics[i]
            d.update(degree=degree, weighted_degree=weighted, pagerank=rank, community=community)
            yield i, n, d

    def edge_rows(self, graph: nx.DiGraph) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Source, target and flat attributes of each edge, in the projection's order."""
        if self.entities is None:
            for u, v, d in graph.edges(data=True):
                if _keep(d, self.min_weight):
                    yield u, v, _flat(d, node=False)
            return
        for u, v, found in self.entities.edges(data="of"):
            flat: dict[str, Any] = {}
            for d in found:  # both directions of a pair: the later one wins, as in nx
                flat.update(_flat(d, node=False))
            yield u, v, flat


_CACHE: weakref.WeakKeyDictionary[nx.Graph, tuple[tuple, Prepared]] = weakref.WeakKeyDictionary()


def prepare(graph: nx.DiGraph, *, projection: str = "full", min_weight: float = 1) -> Prepared:
    """Project ``graph`` and compute metrics, colours, sizes, layout and dates.

    The last analysis of each graph is kept while the graph lives, and re-used when the
    projection of the graph is unchanged, attribute for attribute.
    """
    if projection not in PROJECTIONS:
        raise GephiError(
            f"unknown projection {projection!r}; choose one of {', '.join(PROJECTIONS)}"
        )
    if isinstance(min_weight, bool) or not isinstance(min_weight, (int, float)) or min_weight < 0:
        raise GephiError(f"min_weight must be a number >= 0, not {min_weight!r}")
    hit = _CACHE.get(graph)
    if hit is not None and graph in _UNCHANGING and hit[0][:2] == (projection, float(min_weight)):
        return hit[1]  # no need to scan the graph again to prove it has not changed
    p = _select(graph, projection, min_weight)
    scan = _Scan(graph, p)
    key = (projection, float(min_weight), scan.digest)
    if hit is not None and hit[0] == key:
        return hit[1]
    _analyse(p, scan)
    _CACHE[graph] = (key, p)
    return p


_UNCHANGING: weakref.WeakSet[nx.Graph] = weakref.WeakSet()


@contextmanager
def unchanging(graph: nx.DiGraph) -> Iterator[None]:
    """Promise that ``graph`` is not modified in this block, so that writing it in both
    Gephi formats analyses it once, without the scan that proves an analysis still holds.

    >>> with unchanging(graph):                      # doctest: +SKIP
    ...     write_gexf(graph, "g.gexf"); write_graphml(graph, "g.graphml")
    """
    _UNCHANGING.add(graph)
    try:
        yield
    finally:
        _UNCHANGING.discard(graph)
        forget(graph)


def forget(graph: nx.DiGraph) -> None:
    """Drop the analysis kept for ``graph`` (to free its memory once both files are out)."""
    _CACHE.pop(graph, None)


def _keep(d: dict[str, Any], min_weight: float) -> bool:
    return d.get("kind") != "coMentionedWith" or d.get("weight", 1) >= min_weight


def _select(graph: nx.DiGraph, projection: str, min_weight: float) -> Prepared:
    """The nodes (and, for entities, the undirected edges) ``projection`` holds."""
    name = graph.graph.get("name") or "newsgraph"
    if projection == "full":
        return Prepared(list(graph), True, projection, min_weight, name)
    g = nx.Graph()  # a skeleton: its edges hold references to the graph's own data
    g.add_nodes_from(n for n, k in graph.nodes(data="kind") if k in ENTITY_TYPES)
    for u, v, d in graph.edges(data=True):
        if d.get("kind") == "coMentionedWith" and _keep(d, min_weight) and u in g and v in g:
            g.add_edge(u, v)
            g.edges[u, v].setdefault("of", []).append(d)
    if min_weight > 1:
        # entities whose every co-mention fell under the threshold would float alone
        had = {n for u, v, k in graph.edges(data="kind") if k == "coMentionedWith" for n in (u, v)}
        g.remove_nodes_from([n for n in had if n in g and not g.adj[n]])
    return Prepared(list(g), False, projection, min_weight, name, entities=g)


class _Scan:
    """One pass over a projection: a digest of every flattened node and edge (equal for
    an unchanged graph), the attribute types, and the lean arrays the analysis runs on."""

    def __init__(self, graph: nx.DiGraph, p: Prepared) -> None:
        h = hashlib.sha1()
        index = {n: i for i, n in enumerate(p.nodes)}
        node_types, edge_types = _Types(), _Types()
        self.kinds: list[Any] = []
        self.own: list[str] = []  # the date each node is evidenced by itself
        articles: dict[int, str] = {}
        for i, n in enumerate(p.nodes):
            d = _flat(graph.nodes[n], node=True)
            h.update(repr((n, d)).encode("utf-8"))
            node_types.add(d, skip=_METRICS)
            t = d.get("type")
            self.kinds.append(t)
            if t == "Article":
                day = _day(d.get("published"))
            elif t == "Claim":  # the date of the article that states it, found below
                day = ""
                if d.get("article") in index:
                    articles[i] = d["article"]
            else:
                day = _day(d.get("first_seen"))
            self.own.append(day)
        for i, a in articles.items():
            self.own[i] = _day(_flat(graph.nodes[a], node=True).get("published"))
        if p.nodes:
            node_types.add(_METRICS)
        self.src, self.dst, self.comention = array("q"), array("q"), array("b")
        self.weights: list[Any] = []
        for u, v, d in p.edge_rows(graph):
            h.update(repr((u, v, d)).encode("utf-8"))
            edge_types.add(d)
            self.src.append(index[u])
            self.dst.append(index[v])
            self.weights.append(d.get("weight", 1))
            self.comention.append(d.get("kind") == "coMentionedWith")
        self.digest = h.hexdigest()
        p.node_types, p.edge_types = node_types.result(), edge_types.result()
        p.edge_count = len(self.src)


_METRICS = {"degree": 0, "weighted_degree": 0.0, "pagerank": 0.0, "community": 0}


def _analyse(p: Prepared, scan: _Scan) -> None:
    """Metrics, drawing and dates of ``p`` from the arrays of ``scan``."""
    n = len(p.nodes)
    src, dst = np.array(scan.src, dtype=np.int64), np.array(scan.dst, dtype=np.int64)
    raw = np.array(scan.weights, dtype=float)
    degree = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    weighted = np.bincount(src, raw, minlength=n) + np.bincount(dst, raw, minlength=n)
    clipped = np.maximum(raw, 0.0)
    ranks = pagerank_edges(n, np.column_stack((src, dst)), clipped.tolist(), directed=p.directed)
    community = _communities(p, scan, src, dst)
    p.metrics = [(int(degree[i]), float(weighted[i]), ranks[i], community[i]) for i in range(n)]
    top = max(ranks, default=0.0) or 1.0
    pos = _layout(p.nodes, src, dst, clipped)
    p.drawing = [
        (
            round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(ranks[i] / top), 3),
            round(float(pos[i, 0]), 3),
            round(float(pos[i, 1]), 3),
        )
        for i in range(n)
    ]
    p.dates = _dates(p.nodes, scan.own, src, dst)


def _flat(data: dict[str, Any], *, node: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        if v is None:
            continue
        name = k
        if k in ("start", "end"):
            name = f"char_{k}"  # character offsets; GEXF's start/end are dates
        elif node and k == "kind":
            name = "type"
        out[name] = v if isinstance(v, (bool, int, float, str)) else _text(v)
    return out


def _text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "|".join(_text(v) if isinstance(v, dict) else _item(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("text", ";".join(f"{k}={v}" for k, v in value.items())))
    return "" if value is None else str(value)


def _item(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "-".join(str(v) for v in value)
    return str(value)


class _Types:
    """One type per attribute name, over rows seen one at a time: boolean, integer,
    double or string."""

    def __init__(self) -> None:
        self.seen: dict[str, set[str]] = {}

    def add(self, d: dict[str, Any], skip: Iterable[str] = ()) -> None:
        for k, v in d.items():
            if k in _SKIPPED or k.startswith("_") or k in skip:
                continue
            if isinstance(v, bool):
                t = "boolean"
            elif isinstance(v, int):
                t = "integer"
            elif isinstance(v, float):
                t = "double"
            else:
                t = "string"
            self.seen.setdefault(k, set()).add(t)

    def result(self) -> dict[str, str]:
        out = {}
        for k, ts in self.seen.items():
            if len(ts) == 1:
                out[k] = next(iter(ts))
            elif ts <= {"integer", "double"}:
                out[k] = "double"
            else:
                out[k] = "string"
        first = _NODE_FIRST if "type" in out else _EDGE_FIRST
        order = [k for k in first if k in out] + sorted(k for k in out if k not in first)
        return {k: out[k] for k in order}


def _edge_arrays(g: nx.Graph, index: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    src = np.fromiter((index[u] for u, _ in g.edges()), dtype=np.int64, count=g.number_of_edges())
    dst = np.fromiter((index[v] for _, v in g.edges()), dtype=np.int64, count=g.number_of_edges())
    w = np.fromiter(
        (max(float(x), 0.0) for _, _, x in g.edges(data="weight", default=1)),
        dtype=float,
        count=g.number_of_edges(),
    )
    return src, dst, w


def _communities(p: Prepared, scan: _Scan, src: np.ndarray, dst: np.ndarray) -> list[int]:
    """Louvain communities of the entity co-mention graph, numbered largest first; -1
    for the nodes that are not entities.

    igraph's multilevel method (Louvain, in C) on integer arrays: the networkx one copies
    the graph into dicts of its own, hundreds of MB on a large corpus.
    """
    entity = np.array([k in ENTITY_TYPES for k in scan.kinds], dtype=bool)
    out = [-1] * len(p.nodes)
    members = np.flatnonzero(entity)
    if not len(members):
        return out
    slot = np.full(len(p.nodes), -1, dtype=np.int64)
    slot[members] = np.arange(len(members))
    inner = np.array(scan.comention, dtype=bool) & entity[src] & entity[dst]
    pairs = np.column_stack((slot[src[inner]], slot[dst[inner]]))
    weights = np.array(scan.weights, dtype=float)[inner]
    h = ig.Graph(n=len(members), edges=pairs.tolist())
    h.es["weight"] = weights.tolist()
    del pairs, weights, inner
    h.simplify(multiple=True, loops=True, combine_edges="max")  # a pair seen both ways
    ig.set_random_number_generator(random.Random(SEED))  # the same communities every build
    try:
        found = h.community_multilevel(weights="weight").membership
    finally:
        ig.set_random_number_generator(random)
    del h
    groups: dict[int, list[int]] = {}
    for i, c in enumerate(found):
        groups.setdefault(c, []).append(i)
    # Largest first; ties by their first node's ID, as before.
    ranked = sorted(groups.values(), key=lambda g: (-len(g), min(p.nodes[members[i]] for i in g)))
    for number, group in enumerate(ranked):
        for i in group:
            out[members[i]] = number
    return out


def _color(d: dict[str, Any]) -> tuple[int, int, int]:
    """The RGB colour of a node's type (flat attributes ``d``)."""
    h = COLORS.get(d.get("type", ""), OTHER_COLOR).lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


# --------------------------------------------------------------------------- layout


def layout(
    g: nx.Graph,
    *,
    max_nodes: int = LAYOUT_EXACT_NODES,
    iterations: int = LAYOUT_ITERATIONS,
    seed: int = SEED,
) -> dict[str, tuple[float, float]]:
    """ForceAtlas2 positions (Jacomy et al. 2014), deterministic for a given graph.

    ForceAtlas2 repels every pair of nodes, so one iteration costs O(n²). It runs on the
    ``max_nodes`` best-connected nodes; every other node is then placed beside its
    already-placed neighbours (breadth first), and nodes with no path to them go on a
    ring outside. In Gephi, run ForceAtlas2 again from these positions to refine them.
    Edge direction is ignored.
    """
    nodes = list(g)
    if not nodes:
        return {}
    src, dst, w = _edge_arrays(g, {x: i for i, x in enumerate(nodes)})
    pos = _layout(nodes, src, dst, w, max_nodes=max_nodes, iterations=iterations, seed=seed)
    return {x: (float(pos[i, 0]), float(pos[i, 1])) for i, x in enumerate(nodes)}


def _layout(
    labels: list[str],
    src: np.ndarray,
    dst: np.ndarray,
    w: np.ndarray,
    *,
    max_nodes: int = LAYOUT_EXACT_NODES,
    iterations: int = LAYOUT_ITERATIONS,
    seed: int = SEED,
) -> np.ndarray:
    """``layout`` of the nodes ``labels`` and the edges ``src``-``dst`` of weights ``w``
    (node positions): an (n, 2) array."""
    n = len(labels)
    degree = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n)
    order = sorted(range(n), key=lambda i: (-degree[i], str(labels[i])))
    core = np.array(order[:max_nodes], dtype=np.int64)
    slot = np.full(n, -1)
    slot[core] = np.arange(len(core))
    inner = (slot[src] >= 0) & (slot[dst] >= 0)
    pos = np.zeros((n, 2))
    pos[core] = forceatlas2(
        len(core), slot[src[inner]], slot[dst[inner]], w[inner], iterations=iterations, seed=seed
    )
    if len(core) < n:
        _place_rest(pos, src, dst, core, inner)
    return pos


def forceatlas2(
    n: int,
    src: np.ndarray,
    dst: np.ndarray,
    weight: np.ndarray,
    *,
    iterations: int = LAYOUT_ITERATIONS,
    seed: int = SEED,
    scaling: float = 2.0,
    gravity: float = 1.0,
    jitter_tolerance: float = 1.0,
) -> np.ndarray:
    """ForceAtlas2 on ``n`` nodes and the edges ``src``-``dst``; returns an (n, 2) array.

    Gephi's defaults: repulsion ``scaling * (deg_i+1)(deg_j+1) / d``, linear attraction
    ``weight * d``, gravity ``gravity * (deg+1)`` and the paper's adaptive speed.
    """
    if n <= 1:
        return np.zeros((n, 2))
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, size=(n, 2)) * math.sqrt(n) * 10
    mass = np.bincount(src, minlength=n) + np.bincount(dst, minlength=n) + 1.0
    charge = scaling * np.outer(mass, mass)
    np.fill_diagonal(charge, 0.0)  # a node does not repel itself
    old = np.zeros_like(pos)
    speed, efficiency = 1.0, 1.0
    for _ in range(iterations):
        # repulsion sum_j k m_i m_j (p_i - p_j) / d_ij², as two matrix products
        x, y = pos[:, 0], pos[:, 1]
        d2 = np.subtract.outer(x, x) ** 2
        d2 += np.subtract.outer(y, y) ** 2
        np.maximum(d2, 1e-4, out=d2)
        f = np.divide(charge, d2, out=d2)
        force = pos * f.sum(1)[:, None] - f @ pos
        pull = (pos[src] - pos[dst]) * weight[:, None]
        np.add.at(force, src, -pull)
        np.add.at(force, dst, pull)
        dist = np.maximum(np.hypot(x, y), 1e-9)
        force -= (gravity * mass / dist)[:, None] * pos
        # adaptive speed: the global "swing" (oscillation) against "traction"
        swing_i = mass * np.hypot(*(force - old).T)
        swing = swing_i.sum()
        traction = (mass * np.hypot(*(force + old).T)).sum() / 2
        jitter = jitter_tolerance * max(
            math.sqrt(0.05 * math.sqrt(n)), min(10.0, 0.05 * math.sqrt(n) * traction / n**2)
        )
        if traction > 0 and swing / traction > 2.0:
            efficiency = max(efficiency * 0.5, 0.05)
            jitter = max(jitter, jitter_tolerance)
        target = jitter * efficiency * traction / swing if swing > 0 else speed
        if swing > jitter * traction:
            efficiency = max(efficiency * 0.7, 0.05)
        elif speed < 1000:
            efficiency *= 1.3
        speed += min(target - speed, 0.5 * speed)
        node_speed = speed / (1.0 + math.sqrt(speed) * np.sqrt(swing_i))
        step = force * node_speed[:, None]
        # a node never jumps further than 10 units an iteration (Gephi's own cap)
        length = np.maximum(np.hypot(*step.T) / 10.0, 1.0)
        pos += step / length[:, None]
        old = force
    return pos


def _place_rest(
    pos: np.ndarray, src: np.ndarray, dst: np.ndarray, core: np.ndarray, inner: np.ndarray
) -> None:
    """Put each node outside ``core`` near its placed neighbours, spiralling around them."""
    n = len(pos)
    neighbours: list[list[int]] = [[] for _ in range(n)]
    for u, v in zip(src.tolist(), dst.tolist()):
        neighbours[u].append(v)
        neighbours[v].append(u)
    placed = np.zeros(n, dtype=bool)
    placed[core] = True
    # a step of a quarter of the core's typical edge length keeps newcomers by their anchor
    lengths = np.hypot(*(pos[src[inner]] - pos[dst[inner]]).T)
    lengths = lengths[lengths > 0]
    step = 0.25 * (float(np.median(lengths)) if len(lengths) else 1.0)
    golden = math.pi * (3 - math.sqrt(5))
    children = np.zeros(n, dtype=int)

    def spread(frontier: list[int]) -> None:
        while frontier:
            nxt = []
            for anchor in frontier:
                for m in sorted(set(neighbours[anchor])):
                    if placed[m]:
                        continue
                    near = [x for x in neighbours[m] if placed[x]]
                    children[anchor] += 1
                    k = int(children[anchor])
                    angle = k * golden
                    pos[m] = pos[near].mean(axis=0) + step * math.sqrt(k) * np.array(
                        [math.cos(angle), math.sin(angle)]
                    )
                    placed[m] = True
                    nxt.append(m)
            frontier = nxt

    spread(core.tolist())
    # pieces with no path to the core: each on a ring outside, its own nodes around it
    radius = float(np.abs(pos[placed]).max()) * 1.1 + 4 * step
    for i, m in enumerate(np.flatnonzero(~placed).tolist()):
        if placed[m]:
            continue
        r, angle = radius + 4 * step * math.sqrt(i), i * golden
        pos[m] = (r * math.cos(angle), r * math.sin(angle))
        placed[m] = True
        spread([m])


# --------------------------------------------------------------------------- dates


def _day(value: object) -> str:
    text = str(value or "")
    return text[:10] if _DATE.match(text) else ""


def _dates(nodes: list[str], own: list[str], src: np.ndarray, dst: np.ndarray) -> dict[str, str]:
    """The date each node is first evidenced (``""`` when unknown): its own, else that of
    the first dated neighbour (publishers, topics, related articles: the first article
    that links to them). Edge direction is ignored."""
    days = sorted(set(own) - {""})
    number = {d: i for i, d in enumerate(days)}
    none = len(days)
    rank = np.array([number.get(d, none) for d in own], dtype=np.int64)
    first = np.full(len(own), none, dtype=np.int64)
    np.minimum.at(first, src, rank[dst])
    np.minimum.at(first, dst, rank[src])
    return {n: own[i] or (days[first[i]] if first[i] < none else "") for i, n in enumerate(nodes)}


# --------------------------------------------------------------------------- writers


_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "\n": "&#10;",
    "\r": "&#13;",
    "\t": "&#9;",
}
_SPECIAL = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')


def _attr(value: object) -> str:
    """``value`` as a double-quoted XML attribute value (characters XML forbids dropped)."""
    text = str(value)
    if _SPECIAL.search(text) is None:
        return f'"{text}"'
    text = _SPECIAL.sub(lambda m: _ESCAPES.get(m.group(), ""), text)
    return f'"{text}"'


def _value(value: object, xml_type: str) -> str:
    if xml_type == "boolean":
        return "true" if value else "false"
    if xml_type == "integer":
        return str(int(value))  # type: ignore[call-overload]
    if xml_type == "double":
        return repr(float(value))  # type: ignore[arg-type]
    return str(value)


class GEXFWriter:
    """Writes one ``Prepared`` graph as GEXF 1.3 (core, viz and dynamics modules)."""

    def __init__(
        self, graph: nx.DiGraph, prepared: Prepared, *, dynamic: bool | None = None
    ) -> None:
        self.graph, self.p = graph, prepared
        dated = any(prepared.dates.values())
        self.dynamic = dated if dynamic is None else bool(dynamic)
        if self.dynamic and not dated:
            log.warning("dynamic GEXF asked for, but no article has a date: nothing to replay")
        self.node_ids = {k: f"n{i}" for i, k in enumerate(prepared.node_types)}
        self.edge_ids = {k: f"e{i}" for i, k in enumerate(prepared.edge_types)}

    def lines(self) -> Iterator[str]:
        """The document, a line at a time."""
        yield '<?xml version="1.0" encoding="UTF-8"?>\n'
        yield (f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" version="1.3">\n')
        p = self.p
        about = f"{p.name}: {p.projection} graph, co-mentions of weight >= {p.min_weight:g}"
        yield (
            f"  <meta><creator>newsgraph</creator><description>{_attr(about)[1:-1]}"
            "</description></meta>\n"
        )
        yield from self.graph_open()
        yield from self.attributes("node", self.p.node_types, self.node_ids)
        yield from self.attributes("edge", self.p.edge_types, self.edge_ids)
        yield f'    <nodes count="{len(self.p.nodes)}">\n'
        yield from self.nodes()
        yield "    </nodes>\n"
        yield f'    <edges count="{self.p.edge_count}">\n'
        yield from self.edges()
        yield "    </edges>\n  </graph>\n</gexf>\n"

    def graph_open(self) -> Iterator[str]:
        kind = "directed" if self.p.directed else "undirected"
        if not self.dynamic:
            yield f'  <graph mode="static" defaultedgetype="{kind}">\n'
            return
        days = [d for d in self.p.dates.values() if d]
        span = f' start="{min(days)}" end="{max(days)}"' if days else ""
        yield (
            f'  <graph mode="dynamic" defaultedgetype="{kind}" timeformat="date" '
            f'timerepresentation="interval"{span}>\n'
        )

    def attributes(self, cls: str, types: dict[str, str], ids: dict[str, str]) -> Iterator[str]:
        yield f'    <attributes class="{cls}" mode="static">\n'
        for name, xml_type in types.items():
            yield f'      <attribute id="{ids[name]}" title={_attr(name)} type="{xml_type}"/>\n'
        yield "    </attributes>\n"

    def nodes(self) -> Iterator[str]:
        types, ids, dates = self.p.node_types, self.node_ids, self.p.dates
        for i, n, d in self.p.node_rows(self.graph):
            when = f' start="{dates[n]}"' if self.dynamic and dates[n] else ""
            yield f"      <node id={_attr(n)} label={_attr(d.get('label') or n)}{when}>\n"
            yield from self._attvalues(d, types, ids)
            r, g, b = _color(d)
            size, x, y = self.p.drawing[i]
            yield (
                f'        <viz:color r="{r}" g="{g}" b="{b}"/>\n'
                f'        <viz:size value="{size}"/>\n'
                f'        <viz:position x="{x}" y="{y}" z="0.0"/>\n'
                "      </node>\n"
            )

    def edges(self) -> Iterator[str]:
        types, ids, dates = self.p.edge_types, self.edge_ids, self.p.dates
        for i, (u, v, d) in enumerate(self.p.edge_rows(self.graph)):
            start = max(dates[u], dates[v], _day(d.get("first"))) if self.dynamic else ""
            when = f' start="{start}"' if start else ""
            weight = float(d.get("weight", 1))
            yield (
                f'      <edge id="{i}" source={_attr(u)} target={_attr(v)} '
                f'label={_attr(d.get("kind", ""))} weight="{weight!r}"{when}>\n'
            )
            yield from self._attvalues(d, types, ids)
            yield "      </edge>\n"

    @staticmethod
    def _attvalues(d: dict[str, Any], types: dict[str, str], ids: dict[str, str]) -> Iterator[str]:
        rows = [
            f'          <attvalue for="{ids[k]}" value={_attr(_value(v, types[k]))}/>\n'
            for k, v in d.items()
            if k in types
        ]
        if rows:
            yield "        <attvalues>\n"
            yield from rows
            yield "        </attvalues>\n"


def graphml_id(node_id: str) -> str:
    """``node_id`` as a GraphML id (an XML NMTOKEN): ``company/nvidia`` -> ``company:nvidia``.

    Any other character outside ``[A-Za-z0-9.-]`` becomes ``_hex_``, so the mapping is
    one-to-one.
    """
    return _NOT_NMTOKEN.sub(_escape_char, str(node_id))


def _escape_char(m: re.Match[str]) -> str:
    return ":" if m.group() == "/" else f"_{ord(m.group()):x}_"


class GraphMLWriter:
    """Writes one ``Prepared`` graph as GraphML with a typed key per attribute."""

    def __init__(self, graph: nx.DiGraph, prepared: Prepared) -> None:
        self.graph, self.p = graph, prepared
        self.node_keys = {k: f"n{i}" for i, k in enumerate(prepared.node_types)}
        self.edge_keys = {k: f"e{i}" for i, k in enumerate(prepared.edge_types)}
        self.label_key = "label"
        self.draw_keys = {name: f"v_{name}" for name in ("x", "y", "size", "r", "g", "b")}

    def lines(self) -> Iterator[str]:
        """The document, a line at a time."""
        yield '<?xml version="1.0" encoding="UTF-8"?>\n'
        yield (
            f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}" '
            f'xsi:schemaLocation="{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd">\n'
        )
        yield from self.keys()
        kind = "directed" if self.p.directed else "undirected"
        yield f'  <graph id="G" edgedefault="{kind}">\n'
        yield from self.nodes()
        yield from self.edges()
        yield "  </graph>\n</graphml>\n"

    def keys(self) -> Iterator[str]:
        def key(for_: str, kid: str, name: str, xml_type: str) -> str:
            return (
                f'  <key id="{kid}" for="{for_}" attr.name={_attr(name)} '
                f'attr.type="{_GRAPHML_TYPES[xml_type]}"/>\n'
            )

        yield key("node", self.label_key, "label", "string")
        for name, t in self.p.node_types.items():
            yield key("node", self.node_keys[name], name, t)
        for name in ("x", "y", "size"):
            yield key("node", self.draw_keys[name], name, "double")
        for name in ("r", "g", "b"):
            yield key("node", self.draw_keys[name], name, "integer")
        yield key("edge", "weight", "weight", "double")
        for name, t in self.p.edge_types.items():
            yield key("edge", self.edge_keys[name], name, t)

    def nodes(self) -> Iterator[str]:
        types, keys, dk = self.p.node_types, self.node_keys, self.draw_keys
        for i, n, d in self.p.node_rows(self.graph):
            r, g, b = _color(d)
            size, x, y = self.p.drawing[i]
            rows = [f'      <data key="label">{_attr(d.get("label") or n)[1:-1]}</data>\n']
            rows += self._data(d, types, keys)
            rows += [
                f'      <data key="{dk["x"]}">{x!r}</data>\n',
                f'      <data key="{dk["y"]}">{y!r}</data>\n',
                f'      <data key="{dk["size"]}">{size!r}</data>\n',
                f'      <data key="{dk["r"]}">{r}</data><data key="{dk["g"]}">{g}</data>'
                f'<data key="{dk["b"]}">{b}</data>\n',
            ]
            yield f'    <node id="{graphml_id(n)}">\n'
            yield from rows
            yield "    </node>\n"

    def edges(self) -> Iterator[str]:
        types, keys = self.p.edge_types, self.edge_keys
        for i, (u, v, d) in enumerate(self.p.edge_rows(self.graph)):
            yield f'    <edge id="e{i}" source="{graphml_id(u)}" target="{graphml_id(v)}">\n'
            yield f'      <data key="weight">{float(d.get("weight", 1))!r}</data>\n'
            yield from self._data(d, types, keys)
            yield "    </edge>\n"

    @staticmethod
    def _data(d: dict[str, Any], types: dict[str, str], keys: dict[str, str]) -> list[str]:
        return [
            f'      <data key="{keys[k]}">{_attr(_value(v, types[k]))[1:-1]}</data>\n'
            for k, v in d.items()
            if k in types
        ]
