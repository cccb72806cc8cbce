"""The RDF mapping: typed literals, stable IRIs, provenance, SHACL, every syntax."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from pyshacl import validate
from rdflib.namespace import PROV, RDF, XSD

from exports.rdf import FORMATS, RDFLIB_NAMES, iter_quads, publish, rdf_format, write_rdf
from graph.build import build_graph
from graph.model import ArticleFacts
from graph.store import Store
from ontology import ONTOLOGY_DIR
from ontology.vocab import NG, SCHEMA

FIXTURE = Path(__file__).parent / "fixtures" / "linked-data-facts.jsonl"
SYNTAXES = ("ttl", "nt", "nq", "trig", "jsonld", "xml")


def load_facts() -> list[ArticleFacts]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [ArticleFacts.from_dict(json.loads(line)) for line in lines]


def small_graph(facts: list[ArticleFacts] | None = None) -> nx.DiGraph:
    """Three hand-made articles with entities, claims and quantities, and one madeBy edge."""
    graph = build_graph(facts or load_facts())
    graph.add_edge("chip/h100", "company/nvidia", kind="madeBy", weight=1)
    return graph


def published(tmp_path: Path, facts: list[ArticleFacts] | None = None) -> Store:
    facts = facts or load_facts()
    store = Store(tmp_path)
    store.facts.put_many((f"key-{f.article.id}", f) for f in facts)
    publish(small_graph(facts), store)
    return store


def union(path: Path) -> rdflib.Graph:
    fmt = rdf_format(path.suffix.lstrip("."))
    data: rdflib.Graph = rdflib.Dataset() if fmt.supports_datasets else rdflib.Graph()
    data.parse(path, format=RDFLIB_NAMES[fmt])
    g = rdflib.Graph()
    for s, p, o, *_ in data.quads((None, None, None, None)) if fmt.supports_datasets else data:
        g.add((s, p, o))
    return g


def shacl(data: rdflib.Graph) -> tuple[bool, str]:
    shapes = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    ontology = rdflib.Graph().parse(ONTOLOGY_DIR / "newsgraph.ttl")
    conforms, _, text = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    return conforms, text


@pytest.mark.parametrize("fmt", SYNTAXES)
def test_every_store_export_parses_in_both_libraries_with_equal_counts(tmp_path, fmt):
    store = published(tmp_path / "out")
    path = store.export(tmp_path / f"all.{fmt}", rdf_format(fmt), {"ng": str(NG._NS)})
    oxigraph_count = len(set(ox.parse(path=path, format=FORMATS[fmt])))
    if FORMATS[fmt].supports_datasets:
        ds = rdflib.Dataset()
        ds.parse(path, format=RDFLIB_NAMES[FORMATS[fmt]])
        rdflib_count = len(list(ds.quads((None, None, None, None))))
        assert rdflib_count == len(store.rdf)  # every quad, in its own named graph
    else:
        rdflib_count = len(union(path))
    assert oxigraph_count == rdflib_count > 300


def test_named_graphs_hold_each_article_and_nothing_is_duplicated(tmp_path):
    store = published(tmp_path)
    graphs = {g.value for g in store.rdf.named_graphs()}
    assert graphs == {
        f"https://newsgraph.example/id/graph/{a}"
        for a in ("corpus", *(f.article.id for f in load_facts()))
    }
    triples = {(q.subject, q.predicate, q.object) for q in store.rdf}
    assert len(triples) == len(store.rdf)  # no triple sits in two graphs


def test_literals_are_typed_and_entities_link_to_wikidata(tmp_path):
    g = union(write_rdf(small_graph(), tmp_path / "g.ttl"))
    a1 = rdflib.URIRef("https://newsgraph.example/id/" + load_facts()[0].article.id)
    assert g.value(a1, SCHEMA.datePublished).datatype == XSD.dateTime
    assert g.value(a1, SCHEMA.url).datatype == XSD.anyURI
    values = {o for o in g.objects(None, NG.value)}
    assert rdflib.Literal("700000", datatype=XSD.decimal) in values
    nvidia = rdflib.URIRef("https://newsgraph.example/id/company/nvidia")
    assert (nvidia, rdflib.OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q182477")) in g
    assert g.value(nvidia, NG.articleCount).datatype == XSD.integer
    assert (rdflib.URIRef("https://newsgraph.example/id/chip/h100"), NG.madeBy, nvidia) in g


def test_iris_are_stable_across_builds_and_follow_the_base(tmp_path):
    first = {str(q) for q in iter_quads(small_graph())}
    again = {str(q) for q in iter_quads(small_graph(list(reversed(load_facts()))))}
    assert first == again
    custom = {
        q.subject.value for q in iter_quads(small_graph(), base="http://data.example.org/kg/")
    }
    assert "http://data.example.org/kg/company/nvidia" in custom
    assert not any(s.startswith("https://newsgraph.example/id/") for s in custom)


def test_article_graphs_carry_prov_o_provenance(tmp_path):
    store = published(tmp_path)
    facts = load_facts()[0]
    ds = rdflib.Dataset()
    ds.parse(data=store.rdf.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    name = rdflib.URIRef("https://newsgraph.example/id/graph/" + facts.article.id)
    g = ds.graph(name)
    assert (name, RDF.type, PROV.Bundle) in g
    run = g.value(name, PROV.wasGeneratedBy)
    assert g.value(run, RDF.type) == NG.ExtractionRun
    assert str(g.value(run, NG.model)) == facts.extractor["model"]
    assert str(g.value(run, NG.modelVersion)) == facts.extractor["model_version"]
    assert g.value(run, PROV.endedAtTime).datatype == XSD.dateTime
    article = g.value(name, PROV.wasDerivedFrom)
    assert str(g.value(article, NG.sourceFile)) == facts.article.source
    assert str(g.value(article, NG.contentHash)).startswith("sha256:")


def test_claims_graph_conforms_to_the_shapes(tmp_path):
    store = published(tmp_path)
    conforms, text = shacl(union(store.export(tmp_path / "all.nq", ox.RdfFormat.N_QUADS, {})))
    assert conforms, text


def test_shapes_reject_a_malformed_claim(tmp_path):
    g = union(write_rdf(small_graph(), tmp_path / "g.nt"))
    claim = next(g.subjects(RDF.type, NG.Claim))
    g.set((claim, NG.claimKind, rdflib.Literal("rumour")))
    g.remove((claim, SCHEMA.text, None))
    conforms, text = shacl(g)
    assert not conforms
    assert "claimKind" in text and "text" in text


def test_every_rdf_file_build_writes_conforms(built_store):
    for name in ("graph.ttl", "graph.trig", "graph.jsonld"):
        conforms, text = shacl(union(built_store / name))
        assert conforms, f"{name}: {text}"


def test_article_cached_under_another_source_keeps_its_provenance(tmp_path):
    first, *rest = load_facts()
    moved = dataclasses.replace(first, article=dataclasses.replace(first.article, source="b.txt"))
    store = Store(tmp_path)
    store.facts.put_many([("k0", moved), *((f"k{i}", f) for i, f in enumerate(rest, 1))])
    publish(small_graph([first, *rest]), store)
    article = ox.NamedNode("https://newsgraph.example/id/" + first.article.id)
    hashes = list(store.rdf.quads_for_pattern(article, ox.NamedNode(str(NG.contentHash)), None))
    assert len(hashes) == 1
