"""Exports: the built graph -> RDF, an HTML page, Gephi files. One module per target.

``EXPORTERS`` maps a format key to a function ``(graph, path, **options)``; an unknown
key raises an error that lists the valid ones.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

__all__ = ["FORMATS", "export"]

FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "xml", "gexf", "graphml", "html")


def export(graph: nx.DiGraph, fmt: str, path: str | Path, **options: Any) -> Path:
    """Write ``graph`` to ``path`` in format ``fmt`` (one of ``FORMATS``)."""
    writer = _writer(fmt)
    return writer(graph, path, **options)


def _writer(fmt: str) -> Callable[..., Path]:
    if fmt in ("ttl", "nt", "nq", "trig", "jsonld", "xml"):
        from exports.rdf import write_rdf

        return lambda g, p, base=None, **_: write_rdf(g, p, fmt, **({"base": base} if base else {}))
    if fmt == "gexf":
        from exports.gephi import write_gexf

        return lambda g, p, projection="full", min_weight=1, dynamic=None, **_: write_gexf(
            g, p, projection=projection, min_weight=min_weight, dynamic=dynamic
        )
    if fmt == "graphml":
        from exports.gephi import write_graphml

        return lambda g, p, projection="full", min_weight=1, **_: write_graphml(
            g, p, projection=projection, min_weight=min_weight
        )
    if fmt == "html":
        from exports.html import write_html

        return lambda g, p, title="newsgraph", max_nodes=500, **_: write_html(
            g, p, title=title, max_nodes=max_nodes
        )
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
