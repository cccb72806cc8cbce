"""Gephi: the graph as GEXF and GraphML, attributes flattened to scalars."""

from __future__ import annotations

from pathlib import Path

import networkx as nx


def flatten(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy whose attributes are all strings, numbers or booleans (lists joined by "|")."""
    out = nx.DiGraph()
    out.graph["name"] = graph.graph.get("name", "newsgraph")
    for n, d in graph.nodes(data=True):
        out.add_node(n, **{k: _scalar(v) for k, v in d.items()})
    for u, v, d in graph.edges(data=True):
        out.add_edge(u, v, **{k: _scalar(x) for k, x in d.items()})
    return out


def _scalar(value: object) -> str | int | float | bool:
    if isinstance(value, (list, tuple)):
        return "|".join(_scalar_text(v) for v in value)
    if isinstance(value, dict):
        return ";".join(f"{k}={v}" for k, v in value.items())
    if value is None:
        return ""
    return value  # type: ignore[return-value]


def _scalar_text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "-".join(str(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("text", value))
    return str(value)


def write_gexf(graph: nx.DiGraph, path: str | Path) -> Path:
    path = Path(path)
    nx.write_gexf(flatten(graph), path)
    return path


def write_graphml(graph: nx.DiGraph, path: str | Path) -> Path:
    path = Path(path)
    nx.write_graphml(flatten(graph), path)
    return path
