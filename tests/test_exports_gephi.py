"""Gephi exports: GEXF 1.3 and GraphML that validate, read back, and open ready to use."""

from __future__ import annotations

import io
import math
import shutil
import subprocess
from pathlib import Path

import igraph
import networkx as nx
import pytest

from exports import export
from exports.gephi import (
    COLORS,
    GephiError,
    generate_gexf,
    graphml_id,
    layout,
    write_gexf,
    write_graphml,
)
from exports.metrics import pagerank
from ontology import ENTITY_TYPES

SCHEMAS = Path(__file__).resolve().parent / "fixtures" / "schemas"
VIZ_NS = 'xmlns:viz="http://gexf.net/1.3/viz"'


# ----------------------------------------------------------------------------- helpers


def xmllint(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    assert shutil.which("xmllint"), "xmllint is needed (apt-get install libxml2-utils)"
    return subprocess.run(
        ["xmllint", "--noout", "--nonet", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def assert_valid_gexf(path: Path, tmp_path: Path) -> None:
    """Valid against the RELAX NG grammar, and the official XSD.

    The XSD declares the viz elements in the core namespace (an upstream defect, see
    fixtures/schemas/SOURCES.md), so for the XSD pass only the viz prefix is rebound.
    """
    rng = xmllint("--relaxng", str(SCHEMAS / "gexf-1.3" / "gexf.rng"), str(path))
    assert rng.returncode == 0, rng.stderr
    text = path.read_text(encoding="utf-8")
    assert VIZ_NS in text
    rebound = tmp_path / ("xsd-" + path.name)
    rebound.write_text(text.replace(VIZ_NS, 'xmlns:viz="http://gexf.net/1.3"'), encoding="utf-8")
    xsd = xmllint("--schema", str(SCHEMAS / "gexf-1.3" / "gexf.xsd"), str(rebound))
    assert xsd.returncode == 0, xsd.stderr


def assert_valid_graphml(path: Path) -> None:
    env = {"XML_CATALOG_FILES": str(SCHEMAS / "graphml-1.1" / "catalog.xml"), "PATH": "/usr/bin"}
    result = xmllint("--schema", str(SCHEMAS / "graphml-1.1" / "graphml.xsd"), str(path), env=env)
    assert result.returncode == 0, result.stderr


def entity(g: nx.DiGraph, node_id: str, kind: str, first: str = "", **extra: object) -> None:
    g.add_node(
        node_id,
        kind=kind,
        label=extra.pop("label", node_id.split("/")[1].title()),
        aliases=extra.pop("aliases", []),
        wikidata=extra.pop("wikidata", ""),
        mentions=extra.pop("mentions", 1),
        articles=1,
        generic=False,
        description="",
        first_seen=first,
        last_seen=first,
    )


def article(g: nx.DiGraph, node_id: str, published: str, *entities: str) -> None:
    g.add_node(
        node_id,
        kind="Article",
        label=f"Story {node_id}",
        title=f"Story {node_id}",
        url="",
        published=published,
        publisher="",
        source=f"{node_id}.txt",
        topics=[],
        partial=False,
    )
    for e in entities:
        g.add_edge(node_id, e, kind="mentions", weight=1, count=1, offsets=[[0, 5]])


def comention(g: nx.DiGraph, u: str, v: str, weight: int, first: str = "") -> None:
    u, v = sorted((u, v))
    g.add_edge(
        u,
        v,
        kind="coMentionedWith",
        weight=weight,
        evidence=[f"article/{i}" for i in range(weight)],
        first=first,
        last=first,
    )


@pytest.fixture()
def dated_graph() -> nx.DiGraph:
    """Two articles a month apart: Nvidia and TSMC first, then Musk joins."""
    g = nx.DiGraph(name="dated")
    entity(g, "company/nvidia", "Company", "2023-07-01", aliases=["NVIDIA"], wikidata="Q182477")
    entity(g, "company/tsmc", "Company", "2023-07-01", mentions=3)
    entity(g, "person/musk", "Person", "2023-08-15")
    article(g, "article/a", "2023-07-01T09:00:00Z", "company/nvidia", "company/tsmc")
    article(g, "article/b", "2023-08-15", "company/nvidia", "person/musk")
    comention(g, "company/nvidia", "company/tsmc", 1, "2023-07-01")
    comention(g, "company/nvidia", "person/musk", 1, "2023-08-15")
    g.add_node("publisher/wire", kind="Publisher", label="Wire")
    g.add_edge("article/b", "publisher/wire", kind="publishedBy", weight=1)
    g.add_node(
        "claim/1",
        kind="Claim",
        label="Musk said",
        text='Musk said "GPUs <are> scarce" & costly',
        claim_kind="quote",
        article="article/b",
        start=10,
        end=40,
        quantities=[],
    )
    g.add_edge("claim/1", "article/b", kind="statedIn", weight=1, start=10, end=40)
    g.add_edge("person/musk", "claim/1", kind="claims", weight=1)
    g.add_edge("claim/1", "company/nvidia", kind="about", weight=1)
    return g


def two_clusters() -> nx.DiGraph:
    """Two tight groups of companies joined by one weak co-mention."""
    g = nx.DiGraph(name="clusters")
    left = [f"company/l{i}" for i in range(5)]
    right = [f"company/r{i}" for i in range(5)]
    for n in left + right:
        entity(g, n, "Company")
    for group in (left, right):
        for i, u in enumerate(group):
            for v in group[i + 1 :]:
                comention(g, u, v, 3)
    comention(g, left[0], right[0], 1)
    return g


# ----------------------------------------------------------------------------- the real graph


def test_gexf_of_the_example_graph_validates_against_the_official_schemas(
    example_graph: nx.DiGraph, tmp_path: Path
) -> None:
    for name, options in {
        "static.gexf": {"dynamic": False},
        "dynamic.gexf": {"dynamic": True},
        "entities.gexf": {"projection": "entities", "min_weight": 2},
    }.items():
        path = write_gexf(example_graph, tmp_path / name, **options)
        assert_valid_gexf(path, tmp_path)


def test_the_schema_check_rejects_what_networkx_writes_as_gexf_13(tmp_path: Path) -> None:
    """networkx's own 1.3 writer has a wrong xsi namespace and an empty graph name."""
    path = tmp_path / "networkx.gexf"
    nx.write_gexf(nx.path_graph(3), path, version="1.3")
    with pytest.raises(AssertionError, match="name"):
        assert_valid_gexf(path, tmp_path)


def test_gexf_reads_back_in_networkx_with_every_attribute(
    example_graph: nx.DiGraph, tmp_path: Path
) -> None:
    back = nx.read_gexf(write_gexf(example_graph, tmp_path / "graph.gexf"))
    assert back.is_directed()
    assert set(back) == set(example_graph)
    assert back.number_of_edges() == example_graph.number_of_edges()
    for n, d in example_graph.nodes(data=True):
        got = back.nodes[n]
        assert got["label"] == d["label"]
        assert got["type"] == d["kind"]
        for metric in ("degree", "weighted_degree", "pagerank", "community"):
            assert metric in got, (n, metric)
        assert got["degree"] == example_graph.degree(n)
        assert set(got["viz"]) == {"color", "size", "position"}
        if d["kind"] in ENTITY_TYPES:
            assert got["aliases"] == "|".join(d["aliases"])
            assert got["wikidata"] == d["wikidata"]
            assert got["mentions"] == d["mentions"]
            assert got["community"] >= 0
        else:
            assert got["community"] == -1
    for u, v, d in example_graph.edges(data=True):
        assert back.edges[u, v]["kind"] == d["kind"]
        assert back.edges[u, v]["weight"] == pytest.approx(d["weight"])
    # the gazetteer's QIDs come through: something a user can link to Wikidata
    assert any(str(q).startswith("Q") for _, q in back.nodes(data="wikidata"))


def test_graphml_validates_and_reads_the_same_in_networkx_and_igraph(
    example_graph: nx.DiGraph, tmp_path: Path
) -> None:
    path = write_graphml(example_graph, tmp_path / "graph.graphml")
    assert_valid_graphml(path)
    nxg = nx.read_graphml(path)
    ig = igraph.Graph.Read_GraphML(str(path))
    n, m = example_graph.number_of_nodes(), example_graph.number_of_edges()
    assert (nxg.number_of_nodes(), nxg.number_of_edges()) == (n, m)
    assert (ig.vcount(), ig.ecount()) == (n, m)
    assert nxg.is_directed() and ig.is_directed()
    wanted = {"label", "type", "aliases", "wikidata", "mentions", "degree"}
    wanted |= {"weighted_degree", "pagerank", "community", "x", "y", "size", "r", "g", "b"}
    assert wanted <= set(ig.vs.attributes())
    assert {"kind", "weight"} <= set(ig.es.attributes())
    for node_id, d in example_graph.nodes(data=True):
        got = nxg.nodes[graphml_id(node_id)]
        assert got["label"] == d["label"]
        assert got["type"] == d["kind"]
    by_id = {v["id"]: v for v in ig.vs}
    nvidia = next(n for n, d in example_graph.nodes(data=True) if d["label"] == "Nvidia")
    assert by_id[graphml_id(nvidia)]["mentions"] == example_graph.nodes[nvidia]["mentions"]
    kinds = sorted(d["kind"] for _, _, d in example_graph.edges(data=True))
    assert sorted(ig.es["kind"]) == kinds


def test_graphml_of_the_entity_projection_validates_and_is_undirected(
    example_graph: nx.DiGraph, tmp_path: Path
) -> None:
    path = write_graphml(example_graph, tmp_path / "e.graphml", projection="entities")
    assert_valid_graphml(path)
    ig = igraph.Graph.Read_GraphML(str(path))
    assert not ig.is_directed()
    assert set(ig.vs["type"]) <= set(ENTITY_TYPES)
    assert set(ig.es["kind"]) == {"coMentionedWith"}


def test_build_and_export_write_both_files_with_the_defaults(built_store: Path) -> None:
    gexf, graphml = built_store / "graph.gexf", built_store / "graph.graphml"
    back = nx.read_gexf(gexf)
    assert back.number_of_nodes() == nx.read_graphml(graphml).number_of_nodes()
    assert all("viz" in d and "pagerank" in d for _, d in back.nodes(data=True))


# ----------------------------------------------------------------------------- projection


def test_entities_projection_keeps_only_entities_and_their_comentions(
    dated_graph: nx.DiGraph,
) -> None:
    back = nx.read_gexf(io.BytesIO(_gexf(dated_graph, projection="entities")))
    assert not back.is_directed()
    assert set(back) == {"company/nvidia", "company/tsmc", "person/musk"}
    assert {k for _, _, k in back.edges(data="kind")} == {"coMentionedWith"}


def test_min_weight_drops_light_comentions_and_the_entities_left_alone() -> None:
    g = two_clusters()
    entity(g, "person/loner", "Person")
    comention(g, "company/l1", "person/loner", 1)
    back = nx.read_gexf(io.BytesIO(_gexf(g, projection="entities", min_weight=2)))
    assert all(w >= 2 for _, _, w in back.edges(data="weight"))
    assert "person/loner" not in back
    assert len(back) == 10
    # in the full graph only co-mention edges are filtered, never nodes or other edges
    full = nx.read_gexf(io.BytesIO(_gexf(g, min_weight=2)))
    assert "person/loner" in full


def test_options_a_user_gets_wrong_are_one_clear_error(
    dated_graph: nx.DiGraph, tmp_path: Path
) -> None:
    with pytest.raises(GephiError, match=r"unknown projection 'people'; choose one of full, ent"):
        write_gexf(dated_graph, tmp_path / "x.gexf", projection="people")
    with pytest.raises(GephiError, match=r"min_weight must be a number >= 0, not -1"):
        write_graphml(dated_graph, tmp_path / "x.graphml", min_weight=-1)
    missing = tmp_path / "no" / "such" / "dir" / "x.gexf"
    with pytest.raises(GephiError, match=r"x\.gexf: cannot write"):
        write_gexf(dated_graph, missing)


# ----------------------------------------------------------------------------- what Gephi shows


def test_colours_follow_the_type_and_sizes_follow_pagerank(dated_graph: nx.DiGraph) -> None:
    back = nx.read_gexf(io.BytesIO(_gexf(dated_graph)))
    for _, d in back.nodes(data=True):
        c = d["viz"]["color"]
        assert "#{:02x}{:02x}{:02x}".format(c["r"], c["g"], c["b"]) == COLORS[d["type"]]
    ranked = sorted(back.nodes(data=True), key=lambda nd: nd[1]["pagerank"])
    sizes = [d["viz"]["size"] for _, d in ranked]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]


def test_positions_are_a_spread_out_deterministic_layout(dated_graph: nx.DiGraph) -> None:
    first, again = _gexf(dated_graph), _gexf(dated_graph.copy())
    assert first == again  # same graph, same file: diffs of graph.gexf mean real changes
    back = nx.read_gexf(io.BytesIO(first))
    points = {
        (d["viz"]["position"]["x"], d["viz"]["position"]["y"]) for _, d in back.nodes(data=True)
    }
    assert len(points) == len(back)


def test_layout_pulls_each_cluster_together() -> None:
    g = two_clusters()
    pos = layout(nx.Graph(g))

    def spread(group: str) -> float:
        pts = [pos[n] for n in pos if n.startswith(group)]
        return max(math.dist(a, b) for a in pts for b in pts)

    gap = math.dist(pos["company/l3"], pos["company/r3"])
    assert gap > spread("company/l") and gap > spread("company/r")


def test_layout_of_a_graph_past_the_cap_places_every_node_near_its_neighbours() -> None:
    g = nx.Graph()
    hubs = [f"company/h{i}" for i in range(6)]
    for i, h in enumerate(hubs):
        g.add_edge(h, hubs[(i + 1) % 6])
        for j in range(8):
            g.add_edge(h, f"person/p{i}-{j}")
    g.add_edge("place/far", "place/away")  # no path to the rest
    pos = layout(g, max_nodes=6)
    assert set(pos) == set(g)
    assert all(math.isfinite(c) for p in pos.values() for c in p)
    assert len({(round(x, 2), round(y, 2)) for x, y in pos.values()}) == len(g)
    for i, h in enumerate(hubs):
        own = math.dist(pos[h], pos[f"person/p{i}-0"])
        other = math.dist(pos[hubs[(i + 3) % 6]], pos[f"person/p{i}-0"])
        assert own < other


def test_communities_split_the_two_clusters_and_skip_non_entities() -> None:
    g = two_clusters()
    article(g, "article/x", "", "company/l0")
    back = nx.read_gexf(io.BytesIO(_gexf(g)))
    left = {back.nodes[f"company/l{i}"]["community"] for i in range(5)}
    right = {back.nodes[f"company/r{i}"]["community"] for i in range(5)}
    assert len(left) == 1 and len(right) == 1 and left != right
    assert back.nodes["article/x"]["community"] == -1


def test_pagerank_agrees_with_networkx(dated_graph: nx.DiGraph) -> None:
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    for g in (dated_graph, nx.Graph(two_clusters())):
        ours = pagerank(g)
        theirs = _pagerank_python(g, weight="weight", tol=1e-12)
        for n in g:
            assert ours[n] == pytest.approx(theirs[n], abs=1e-6)


# ----------------------------------------------------------------------------- timeline


def test_dynamic_gexf_dates_every_node_and_edge_by_its_first_article(
    dated_graph: nx.DiGraph, tmp_path: Path
) -> None:
    path = write_gexf(dated_graph, tmp_path / "d.gexf", dynamic=True)
    assert_valid_gexf(path, tmp_path)
    back = nx.read_gexf(path)
    assert back.graph["mode"] == "dynamic"
    start = dict(back.nodes(data="start"))
    assert start["article/a"] == "2023-07-01"
    assert start["company/tsmc"] == "2023-07-01"
    assert start["person/musk"] == "2023-08-15"
    assert start["claim/1"] == "2023-08-15"  # the date of the article that states it
    assert start["publisher/wire"] == "2023-08-15"  # first article published by it
    for u, v, d in back.edges(data=True):
        assert d["start"] >= max(start[u], start[v]), (u, v)
    assert back.edges["company/nvidia", "person/musk"]["start"] == "2023-08-15"
    # character offsets keep their own names, apart from the timeline's start
    assert back.nodes["claim/1"]["char_start"] == 10


def test_default_is_dynamic_only_when_some_article_has_a_date(dated_graph: nx.DiGraph) -> None:
    assert b'mode="dynamic"' in _gexf(dated_graph)
    undated = two_clusters()
    assert b'mode="static"' in _gexf(undated)
    assert b"start=" not in _gexf(undated)
    assert b'mode="static"' in _gexf(dated_graph, dynamic=False)


# ----------------------------------------------------------------------------- text and files


def test_markup_and_control_characters_in_text_survive(dated_graph: nx.DiGraph) -> None:
    dated_graph.nodes["company/tsmc"]["label"] = 'T<S>M&C "Co"\x01'
    back = nx.read_gexf(io.BytesIO(_gexf(dated_graph)))
    assert back.nodes["company/tsmc"]["label"] == 'T<S>M&C "Co"'
    assert back.nodes["claim/1"]["text"] == 'Musk said "GPUs <are> scarce" & costly'


def test_graphml_ids_are_one_to_one() -> None:
    ids = ["company/nvidia", "company:nvidia", "company_2f_nvidia", "person/zoë o'neil"]
    assert len({graphml_id(i) for i in ids}) == len(ids)
    assert graphml_id("company/nvidia") == "company:nvidia"


def test_the_export_registry_writes_gephi_files(dated_graph: nx.DiGraph, tmp_path: Path) -> None:
    gexf = export(dated_graph, "gexf", tmp_path / "g.gexf")
    graphml = export(dated_graph, "graphml", tmp_path / "g.graphml")
    assert nx.read_gexf(gexf).number_of_nodes() == len(dated_graph)
    assert nx.read_graphml(graphml).number_of_nodes() == len(dated_graph)


def _gexf(g: nx.DiGraph, **options: object) -> bytes:
    buffer = io.BytesIO()
    write_gexf(g, buffer, **options)  # type: ignore[arg-type]
    assert buffer.getvalue() == "".join(generate_gexf(g, **options)).encode()  # type: ignore[arg-type]
    return buffer.getvalue()


def test_both_gephi_files_of_an_unchanging_graph_share_one_scan(
    dated_graph: nx.DiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from exports import gephi

    scans = []
    real = gephi._Scan

    def counting(*args, **kwargs):
        scans.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(gephi, "_Scan", counting)
    with gephi.unchanging(dated_graph):
        write_gexf(dated_graph, tmp_path / "a.gexf")
        write_graphml(dated_graph, tmp_path / "a.graphml")
    assert len(scans) == 1
    # outside the promise a changed graph is analysed again, and the change is drawn
    dated_graph.nodes[next(iter(dated_graph))]["label"] = "Renamed Node"
    write_gexf(dated_graph, tmp_path / "b.gexf")
    assert len(scans) == 2
    assert "Renamed Node" in (tmp_path / "b.gexf").read_text(encoding="utf-8")
