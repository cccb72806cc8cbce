"""Graph metrics the drawing exports share, computed once the same way for all of them."""

from __future__ import annotations

import igraph as ig
import networkx as nx


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
    edges = [(index[u], index[v]) for u, v in graph.edges()]
    weights = [
        max(float(w if w is not None else 1), 0.0)
        for _, _, w in graph.edges(data="weight", default=1)
    ]
    h = ig.Graph(n=len(nodes), edges=edges, directed=directed)
    ranks = h.pagerank(weights=weights if edges else None, directed=directed)
    return dict(zip(nodes, ranks))
