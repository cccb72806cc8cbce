"""The interactive HTML view: one self-contained file, safe to open and share.

pyvis holds the nodes and edges and ships the vis-network library; this module writes
the page itself, because pyvis's own template loads scripts from CDNs and inserts its
heading unescaped. Everything is inline, so the file works offline from disk; every
text from an article travels as JSON data and is shown as text, never parsed as HTML.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network

from graph.build import entity_nodes

COLORS = {
    "Company": "#1f77b4",
    "Organization": "#17becf",
    "Person": "#d62728",
    "Chip": "#2ca02c",
    "Product": "#9467bd",
    "Place": "#8c564b",
    "Article": "#7f7f7f",
    "Publisher": "#bcbd22",
    "Topic": "#e377c2",
    "Claim": "#ff7f0e",
}
SHAPES = {
    "Company": "dot",
    "Organization": "diamond",
    "Person": "star",
    "Chip": "square",
    "Product": "triangle",
    "Place": "triangleDown",
    "Article": "box",
    "Publisher": "ellipse",
    "Topic": "ellipse",
    "Claim": "box",
}
_VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"


def to_network(graph: nx.DiGraph, *, max_nodes: int = 500) -> Network:
    """The most important ``max_nodes`` nodes of ``graph`` as a pyvis ``Network``."""
    keep = _important(graph, max_nodes)
    sub = graph.subgraph(keep)
    pos = nx.spring_layout(sub, seed=7, k=1.5 / max(1, len(sub)) ** 0.5) if len(sub) else {}
    net = Network(directed=True, cdn_resources="in_line")
    for node_id, d in sub.nodes(data=True):
        kind = d["kind"]
        size = 8 + 4 * (d.get("mentions") or 1) ** 0.5 if kind not in ("Article", "Claim") else 8
        x, y = pos.get(node_id, (0.0, 0.0))
        net.add_node(
            node_id,
            label=_clip(str(d.get("label", node_id))),
            title=_tooltip(d),
            color=COLORS.get(kind, "#999999"),
            shape=SHAPES.get(kind, "dot"),
            size=size,
            x=float(x) * 1000,
            y=float(y) * 1000,
            group=kind,
        )
    for u, v, e in sub.edges(data=True):
        net.add_edge(
            u,
            v,
            title=f"{e['kind']} (weight {e.get('weight', 1)})",
            value=float(e.get("weight", 1)),
            arrows="to" if e["kind"] != "coMentionedWith" else "",
        )
    return net


def _important(graph: nx.DiGraph, limit: int) -> list[str]:
    if graph.number_of_nodes() <= limit:
        return list(graph.nodes)
    score = {n: graph.degree(n, weight="weight") for n in graph.nodes}
    ents = sorted(entity_nodes(graph), key=lambda n: -score[n])
    return sorted(graph.nodes, key=lambda n: -score[n] - (1e9 if n in ents[:limit] else 0))[:limit]


def _clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _tooltip(d: dict) -> str:
    parts = [f"{d['kind']}: {d.get('label', '')}"]
    if d.get("aliases"):
        parts.append("aka " + ", ".join(d["aliases"][:8]))
    if d.get("wikidata"):
        parts.append("Wikidata " + d["wikidata"])
    if d.get("published"):
        parts.append(d["published"])
    return "\n".join(parts)


def _json_for_script(data: object) -> str:
    """JSON that cannot close the <script> element it sits in."""
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def render_html(graph: nx.DiGraph, *, title: str = "newsgraph", max_nodes: int = 500) -> str:
    """The page as a string."""
    net = to_network(graph, max_nodes=max_nodes)
    js = (_VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    css = (_VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    legend = "".join(
        f'<span class="key"><i style="background:{c}"></i>{html.escape(k)}</span>'
        for k, c in COLORS.items()
    )
    data = {"nodes": net.nodes, "edges": net.edges}
    return _PAGE.format(
        title=html.escape(title),
        css=css,
        js=js,
        legend=legend,
        data=_json_for_script(data),
        n=len(net.nodes),
        m=len(net.edges),
    )


def write_html(
    graph: nx.DiGraph, path: str | Path, *, title: str = "newsgraph", max_nodes: int = 500
) -> Path:
    path = Path(path)
    path.write_text(render_html(graph, title=title, max_nodes=max_nodes), encoding="utf-8")
    return path


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>{css}
body{{margin:0;font:14px system-ui,sans-serif}} header{{padding:6px 10px;border-bottom:1px solid #ddd}}
#graph{{position:absolute;top:64px;bottom:0;left:0;right:0}} .key{{margin-right:10px}}
.key i{{display:inline-block;width:10px;height:10px;margin-right:4px;border-radius:2px}}
</style></head><body>
<header><h1 style="font-size:16px;margin:0">{title}</h1><div id="legend">{legend}
<span id="counts">{n} nodes, {m} edges</span></div></header>
<div id="graph"></div>
<script type="application/json" id="graph-data">{data}</script>
<script>{js}</script>
<script>
const data = JSON.parse(document.getElementById("graph-data").textContent);
const nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
window.network = new vis.Network(document.getElementById("graph"), {{nodes, edges}}, {{
  physics: false, interaction: {{hover: true, tooltipDelay: 150}},
  edges: {{smooth: false, color: {{opacity: 0.5}}, scaling: {{min: 1, max: 8}}}},
  nodes: {{font: {{size: 14}}}}
}});
</script></body></html>
"""
