"""Graph metrics the drawing exports share, computed once the same way for all of them."""

from __future__ import annotations

from collections.abc import Sequence

import igraph as ig
import networkx as nx
import numpy as np


def pagerank(graph: nx.Graph, *, directed: bool | None = None) -> dict[str, float]:
    """Weighted PageRank of every node, by igraph (fast on large graphs).

    ``directed`` defaults to the graph's own; undirected counts each edge both ways.
    The same numbers as ``nx.pagerank(graph, weight="weight")``.
    """
    nodes = list(graph.nodes)
    if not nodes:
        return {}
    directed = graph.is_directed() if directed is None else directed
    index = {n: i for i, n in enumerate(nodes)}
    edges = np.fromiter(
        (i for u, v in graph.edges() for i in (index[u], index[v])),
        dtype=np.int64,
        count=2 * graph.number_of_edges(),
    ).reshape(-1, 2)
    weights = [
        max(float(w if w is not None else 1), 0.0)
        for _, _, w in graph.edges(data="weight", default=1)
    ]
    return dict(zip(nodes, pagerank_edges(len(nodes), edges, weights, directed=directed)))


def pagerank_edges(
    n: int, edges: np.ndarray, weights: Sequence[float], *, directed: bool
) -> list[float]:
    """Weighted PageRank of the nodes ``0..n-1`` joined by ``edges``, an (m, 2) array of
    node numbers; ``weights`` (one per edge) must be >= 0."""
    if n == 0:
        return []
    h = ig.Graph(n=n, edges=edges, directed=directed)
    return list(h.pagerank(weights=list(weights) if len(edges) else None, directed=directed))
