"""RDF: the built graph as linked data, one named graph per article.

Each article's graph holds what was read and extracted from it (the article, its
mentions, its claims); the corpus graph holds what the build derived across articles
(entity descriptions, co-mentions, publishers, topics). ``graph.ttl`` is their union;
``graph.trig`` keeps the named graphs.

>>> ds = to_dataset(graph)                    # doctest: +SKIP
>>> write_rdf(graph, "out/graph.ttl")         # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from ontology import ENTITY_TYPES
from ontology.ids import DEFAULT_BASE, node_iri, short_hash
from ontology.vocab import NG, PREFIXES, SCHEMA, WD

FORMATS = {
    "ttl": "turtle",
    "turtle": "turtle",
    "nt": "nt",
    "ntriples": "nt",
    "nq": "nquads",
    "nquads": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "json-ld": "json-ld",
    "xml": "xml",
    "rdfxml": "xml",
}
"""Format keys accepted by ``write_rdf`` -> rdflib serializer names."""

QUAD_FORMATS = {"nquads", "trig"}

Triple = tuple[URIRef | BNode, URIRef, URIRef | Literal | BNode]


def corpus_graph_iri(base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(node_iri("graph/corpus", base))


def article_graph_iri(article_id: str, base: str = DEFAULT_BASE) -> URIRef:
    return URIRef(node_iri("graph/" + article_id, base))


def date_literal(value: str) -> Literal:
    """``xsd:date`` for a date, ``xsd:dateTime`` for a date and time."""
    return Literal(value, datatype=XSD.dateTime if "T" in value else XSD.date)


class RdfWriter:
    """Turns the networkx graph into triples, partitioned by named graph."""

    def __init__(self, graph: nx.DiGraph, base: str = DEFAULT_BASE) -> None:
        self.graph = graph
        self.base = base

    def iri(self, node_id: str) -> URIRef:
        return URIRef(node_iri(node_id, self.base))

    def partitions(self) -> Iterator[tuple[URIRef, list[Triple]]]:
        """(named graph IRI, its triples) for the corpus graph, then each article."""
        yield corpus_graph_iri(self.base), list(self.corpus_triples())
        for node_id, data in self.graph.nodes(data=True):
            if data["kind"] == "Article":
                yield article_graph_iri(node_id, self.base), list(self.article_triples(node_id))

    # -- corpus graph: entities, publishers, topics, co-mentions --------------------------

    def corpus_triples(self) -> Iterator[Triple]:
        for node_id, d in self.graph.nodes(data=True):
            kind = d["kind"]
            s = self.iri(node_id)
            if kind in ENTITY_TYPES:
                yield s, RDF.type, NG[kind]
                yield s, RDFS.label, Literal(d["label"])
                yield s, SCHEMA.name, Literal(d["label"])
                for alias in d.get("aliases", ()):
                    yield s, SKOS.altLabel, Literal(alias)
                if d.get("wikidata"):
                    yield s, OWL.sameAs, WD[d["wikidata"]]
                if d.get("description"):
                    yield s, SCHEMA.description, Literal(d["description"], lang="en")
                yield s, NG.mentionCount, Literal(d.get("mentions", 0))
                yield s, NG.articleCount, Literal(d.get("articles", 0))
                if kind == "Chip":
                    yield s, NG.generic, Literal(bool(d.get("generic")))
            elif kind in ("Publisher", "Topic"):
                yield s, RDF.type, NG[kind]
                yield s, RDFS.label, Literal(d["label"])
                if kind == "Topic":
                    yield s, SKOS.prefLabel, Literal(d["label"])
        for u, v, e in self.graph.edges(data=True):
            if e["kind"] == "coMentionedWith":
                yield from self._comention(u, v, e)
            elif e["kind"] == "madeBy":
                yield self.iri(u), NG.madeBy, self.iri(v)

    def _comention(self, u: str, v: str, e: dict) -> Iterator[Triple]:
        a, b = self.iri(u), self.iri(v)
        yield a, NG.coMentionedWith, b
        yield b, NG.coMentionedWith, a
        c = self.iri(f"comention/{short_hash(u, v)}")
        yield c, RDF.type, NG.CoMention
        yield c, NG.entity, a
        yield c, NG.entity, b
        yield c, NG.weight, Literal(e["weight"])
        for article in e.get("evidence", ()):
            yield c, NG.evidence, self.iri(article)
        if e.get("first"):
            yield c, NG.firstDate, date_literal(e["first"])
        if e.get("last"):
            yield c, NG.lastDate, date_literal(e["last"])

    # -- one article's graph: the article, its mentions and claims ------------------------

    def article_triples(self, article_id: str) -> Iterator[Triple]:
        d = self.graph.nodes[article_id]
        s = self.iri(article_id)
        yield s, RDF.type, NG.Article
        if d.get("title"):
            yield s, SCHEMA.headline, Literal(d["title"])
        yield s, RDFS.label, Literal(d.get("label") or d.get("title") or article_id)
        if d.get("url"):
            yield s, SCHEMA.url, Literal(d["url"], datatype=XSD.anyURI)
        if d.get("published"):
            yield s, SCHEMA.datePublished, date_literal(d["published"])
        if d.get("source"):
            yield s, NG.sourceFile, Literal(d["source"])
        yield s, NG.partial, Literal(bool(d.get("partial")))
        for _, target, e in self.graph.out_edges(article_id, data=True):
            kind = e["kind"]
            t = self.iri(target)
            if kind == "mentions":
                yield s, NG.mentions, t
                m = self.iri(f"mention/{short_hash(article_id, target)}")
                yield s, NG.hasMention, m
                yield m, RDF.type, NG.Mention
                yield m, NG.entity, t
                yield m, NG.count, Literal(e["count"])
                offsets = " ".join(f"{a}-{b}" for a, b in e.get("offsets", ()))
                if offsets:
                    yield m, NG.offsets, Literal(offsets)
            elif kind in ("relatedTo", "publishedBy", "hasTopic"):
                yield s, NG[kind], t
        for claim_id, _, e in self.graph.in_edges(article_id, data=True):
            if e["kind"] == "statedIn":
                yield from self.claim_triples(claim_id)

    def claim_triples(self, claim_id: str) -> Iterator[Triple]:
        d = self.graph.nodes[claim_id]
        c = self.iri(claim_id)
        yield c, RDF.type, NG.Claim
        yield c, SCHEMA.text, Literal(d["text"])
        yield c, RDFS.label, Literal(d["label"])
        yield c, NG.claimKind, Literal(d["claim_kind"])
        yield c, NG.statedIn, self.iri(d["article"])
        yield c, NG.startOffset, Literal(d["start"])
        yield c, NG.endOffset, Literal(d["end"])
        for speaker, _, e in self.graph.in_edges(claim_id, data=True):
            if e["kind"] == "claims":
                yield self.iri(speaker), NG.claims, c
        for _, target, e in self.graph.out_edges(claim_id, data=True):
            if e["kind"] == "about":
                yield c, NG.about, self.iri(target)
        for i, q in enumerate(d.get("quantities", ())):
            qn = self.iri(f"{claim_id}/q{i}")
            yield c, NG.hasQuantity, qn
            yield qn, RDF.type, NG.Quantity
            yield qn, RDFS.label, Literal(q["text"])
            yield qn, NG.value, Literal(str(q["value"]), datatype=XSD.decimal)
            yield qn, NG.unit, Literal(q["unit"])
            if q.get("per"):
                yield qn, NG.per, Literal(q["per"])
            if q.get("qualifier"):
                yield qn, NG.qualifier, Literal(q["qualifier"])


def _bind(g: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)


def to_dataset(graph: nx.DiGraph, base: str = DEFAULT_BASE) -> Dataset:
    """The graph as an rdflib ``Dataset``: one named graph per article plus the corpus."""
    ds = Dataset()
    _bind(ds)
    for graph_iri, triples in RdfWriter(graph, base).partitions():
        g = ds.graph(graph_iri)
        for t in triples:
            g.add(t)
    return ds


def to_rdflib(graph: nx.DiGraph, base: str = DEFAULT_BASE) -> Graph:
    """The graph as one rdflib ``Graph``: the union of all named graphs."""
    g = Graph()
    _bind(g)
    for _, triples in RdfWriter(graph, base).partitions():
        for t in triples:
            g.add(t)
    return g


def write_rdf(
    graph: nx.DiGraph, path: str | Path, fmt: str | None = None, base: str = DEFAULT_BASE
) -> Path:
    """Write the graph as RDF; the format comes from ``fmt`` or the file's extension."""
    path = Path(path)
    key = (fmt or path.suffix.lstrip(".")).lower()
    if key not in FORMATS:
        raise ValueError(f"unknown RDF format {key!r}; choose one of {', '.join(sorted(FORMATS))}")
    rdflib_format = FORMATS[key]
    data = to_dataset(graph, base) if rdflib_format in QUAD_FORMATS else to_rdflib(graph, base)
    data.serialize(destination=str(path), format=rdflib_format, encoding="utf-8")
    return path
