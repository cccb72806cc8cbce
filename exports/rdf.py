"""RDF: the built graph as linked data, one named graph per article.

Each article's graph holds what was read and extracted from it (the article, its
mentions, its claims) and its provenance (PROV-O: the extraction run with its time,
model and versions; the source file; the content hash). The corpus graph holds what the
build derived across articles (entities, co-mentions, publishers, topics, articles known
only from a ``related`` list). ``graph.ttl`` is their union; ``graph.trig`` keeps the
named graphs.

Terms are made with pyoxigraph directly (rdflib is an order of magnitude slower on big
graphs); ``to_dataset`` hands the same quads to rdflib.

>>> quads = list(iter_quads(graph))           # doctest: +SKIP
>>> write_rdf(graph, "out/graph.ttl")         # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from ontology import ENTITY_TYPES
from ontology.ids import DEFAULT_BASE, node_iri, short_hash
from ontology.vocab import NG, PREFIXES, SCHEMA, WD

if TYPE_CHECKING:
    from graph.store import FactsCache, PublishReport, Store

MAPPING_VERSION = "2"
"""Bumped whenever the mapping below changes what an article's graph holds."""

FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json-ld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
    "rdf": ox.RdfFormat.RDF_XML,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
"""Format keys accepted by ``write_rdf`` and ``newsgraph export``, with aliases."""

RDFLIB_NAMES = {
    ox.RdfFormat.TURTLE: "turtle",
    ox.RdfFormat.N_TRIPLES: "nt",
    ox.RdfFormat.N_QUADS: "nquads",
    ox.RdfFormat.TRIG: "trig",
    ox.RdfFormat.JSON_LD: "json-ld",
    ox.RdfFormat.RDF_XML: "xml",
}
"""The rdflib parser name of each format (for reading an export back)."""

Term = ox.NamedNode | ox.Literal
Triple = tuple[ox.NamedNode, ox.NamedNode, Term]


@dataclass(frozen=True)
class Partition:
    """One named graph: its IRI and its triples, in units that change together.

    ``units`` may be a one-shot iterator (the corpus graph is made as it is consumed).
    With ``by_subject`` each unit is the triples of one subject, and a store keeps and
    patches them apart; otherwise the graph is one unit, replaced whole when it changes.
    """

    name: ox.NamedNode
    units: Iterable[Sequence[Triple]]
    by_subject: bool = False

    def triples(self) -> Iterator[Triple]:
        return chain.from_iterable(self.units)


Provenance = Mapping[str, str]
"""An article's extraction record: ``model``, ``model_version``, ``extractor_version``,
``extracted_at`` (ISO 8601) and ``content_hash``; any may be missing."""


def rdf_format(key: str) -> ox.RdfFormat:
    """The RDF format of a key (``ttl``, ``nt``, ``nq``, ``trig``, ``jsonld``, ``xml``)."""
    try:
        return FORMATS[key.lower()]
    except KeyError:
        raise ValueError(
            f"unknown RDF format {key!r}; choose one of {', '.join(sorted(FORMATS))}"
        ) from None


@cache
def iri(value: str) -> ox.NamedNode:
    """A named node (cached: the vocabulary is used millions of times)."""
    return ox.NamedNode(value)


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=iri(XSD.integer))


def boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=iri(XSD.boolean))


def date_literal(value: str) -> ox.Literal:
    """``xsd:date`` for a date, ``xsd:dateTime`` for a date and time."""
    return ox.Literal(value, datatype=iri(XSD.dateTime if "T" in value else XSD.date))


def corpus_graph_iri(base: str = DEFAULT_BASE) -> ox.NamedNode:
    return ox.NamedNode(node_iri("graph/corpus", base))


def article_graph_iri(article_id: str, base: str = DEFAULT_BASE) -> ox.NamedNode:
    return ox.NamedNode(node_iri("graph/" + article_id, base))


# The vocabulary as named nodes, made once.
TYPE, LABEL, SAME_AS = iri(RDF.type), iri(RDFS.label), iri(OWL.sameAs)
ALT_LABEL, PREF_LABEL = iri(SKOS.altLabel), iri(SKOS.prefLabel)
NAME, DESCRIPTION, HEADLINE = iri(SCHEMA.name), iri(SCHEMA.description), iri(SCHEMA.headline)
URL, DATE_PUBLISHED, TEXT = iri(SCHEMA.url), iri(SCHEMA.datePublished), iri(SCHEMA.text)
BUNDLE, GENERATED_BY, DERIVED_FROM = (
    iri(PROV.Bundle),
    iri(PROV.wasGeneratedBy),
    iri(PROV.wasDerivedFrom),
)
USED, ENDED_AT = iri(PROV.used), iri(PROV.endedAtTime)


@cache
def ng(term: str) -> ox.NamedNode:
    """A newsgraph term as a named node; a misspelt term fails (``NG`` is closed)."""
    return iri(str(getattr(NG, term)))


class RdfWriter:
    """Turns the networkx graph into triples, partitioned by named graph.

    Args:
        graph: the built graph (see ``graph.build``).
        base: the base IRI of every node.
        provenance: per article ID, its extraction record (see ``Provenance``).
    """

    def __init__(
        self,
        graph: nx.DiGraph,
        base: str = DEFAULT_BASE,
        provenance: Mapping[str, Provenance] | None = None,
    ) -> None:
        self.graph = graph
        self.base = base
        self.provenance = provenance or {}
        self._iris: dict[str, ox.NamedNode] = {}

    def iri(self, node_id: str) -> ox.NamedNode:
        node = self._iris.get(node_id)
        if node is None:
            node = self._iris[node_id] = ox.NamedNode(node_iri(node_id, self.base))
        return node

    def once(self, node_id: str) -> ox.NamedNode:
        """The IRI of a node made for one subject (a mention, a co-mention): not kept."""
        return ox.NamedNode(node_iri(node_id, self.base))

    def article_ids(self) -> list[str]:
        """Articles that get a named graph of their own: those read, not only referenced."""
        return [
            n
            for n, d in self.graph.nodes(data=True)
            if d["kind"] == "Article" and not (d.get("partial") and not d.get("source"))
        ]

    def partitions(self) -> Iterator[Partition]:
        """Every named graph: the corpus graph (in units of one subject), then each
        article's. Triples are made as they are consumed, so the corpus graph is never
        in memory whole."""
        yield Partition(corpus_graph_iri(self.base), self.corpus_units(), by_subject=True)
        for node_id in self.article_ids():
            yield Partition(
                article_graph_iri(node_id, self.base), [list(self.article_graph(node_id))]
            )

    # -- corpus graph: entities, publishers, topics, co-mentions --------------------------

    def corpus_triples(self) -> Iterator[Triple]:
        """The corpus graph's triples."""
        return chain.from_iterable(self.corpus_units())

    def corpus_units(self) -> Iterator[list[Triple]]:
        """The corpus graph's triples, one list per subject: what a store patches apart."""
        own = set(self.article_ids())
        for node_id, d in self.graph.nodes(data=True):
            unit = list(self._corpus_node(node_id, d, own))
            if unit:
                yield unit
        for u, v, e in self.graph.edges(data=True):
            if e["kind"] == "coMentionedWith":
                yield list(self._comention(u, v, e))

    def _corpus_node(self, node_id: str, d: dict, own: set[str]) -> Iterator[Triple]:
        kind = d["kind"]
        s = self.iri(node_id)
        if kind in ENTITY_TYPES:
            yield s, TYPE, ng(kind)
            yield s, LABEL, ox.Literal(d["label"])
            yield s, NAME, ox.Literal(d["label"])
            for alias in d.get("aliases", ()):
                yield s, ALT_LABEL, ox.Literal(alias)
            if d.get("wikidata"):
                yield s, SAME_AS, iri(WD[d["wikidata"]])
            if d.get("description"):
                yield s, DESCRIPTION, ox.Literal(d["description"], language="en")
            yield s, ng("mentionCount"), integer(d.get("mentions", 0))
            yield s, ng("articleCount"), integer(d.get("articles", 0))
            if kind == "Chip":
                yield s, ng("generic"), boolean(bool(d.get("generic")))
            # co-mention edges run from the smaller ID; the relation is stated both ways
            for other, e in self.graph.succ[node_id].items():
                if e["kind"] in ("coMentionedWith", "madeBy"):
                    yield s, ng(e["kind"]), self.iri(other)
            for other, e in self.graph.pred[node_id].items():
                if e["kind"] == "coMentionedWith":
                    yield s, ng("coMentionedWith"), self.iri(other)
        elif kind in ("Publisher", "Topic"):
            yield s, TYPE, ng(kind)
            yield s, LABEL, ox.Literal(d["label"])
            if kind == "Topic":
                yield s, PREF_LABEL, ox.Literal(d["label"])
        elif kind == "Article" and node_id not in own:
            yield from self._article_description(node_id, d)

    def _comention(self, u: str, v: str, e: dict) -> Iterator[Triple]:
        a, b = self.iri(u), self.iri(v)
        c = self.once(f"comention/{short_hash(u, v)}")
        yield c, TYPE, ng("CoMention")
        yield c, ng("entity"), a
        yield c, ng("entity"), b
        yield c, ng("weight"), integer(e["weight"])
        for article in e.get("evidence", ()):
            yield c, ng("evidence"), self.iri(article)
        if e.get("first"):
            yield c, ng("firstDate"), date_literal(e["first"])
        if e.get("last"):
            yield c, ng("lastDate"), date_literal(e["last"])

    # -- one article's graph: the article, its mentions and claims, its provenance --------

    def article_graph(self, article_id: str) -> Iterator[Triple]:
        """Everything one article's named graph holds."""
        d = self.graph.nodes[article_id]
        yield from self._article_description(article_id, d)
        yield from self._provenance(article_id, d)
        s = self.iri(article_id)
        for _, target, e in self.graph.out_edges(article_id, data=True):
            kind = e["kind"]
            t = self.iri(target)
            if kind == "mentions":
                yield s, ng("mentions"), t
                m = self.once(f"mention/{short_hash(article_id, target)}")
                yield s, ng("hasMention"), m
                yield m, TYPE, ng("Mention")
                yield m, ng("entity"), t
                yield m, ng("count"), integer(e["count"])
                offsets = " ".join(f"{a}-{b}" for a, b in e.get("offsets", ()))
                if offsets:
                    yield m, ng("offsets"), ox.Literal(offsets)
            elif kind in ("relatedTo", "publishedBy", "hasTopic"):
                yield s, ng(kind), t
        for claim_id, _, e in self.graph.in_edges(article_id, data=True):
            if e["kind"] == "statedIn":
                yield from self.claim_triples(claim_id)

    def article_triples(self, article_id: str) -> Iterator[Triple]:
        """Alias of ``article_graph`` (the name earlier versions used)."""
        return self.article_graph(article_id)

    def _article_description(self, article_id: str, d: dict) -> Iterator[Triple]:
        s = self.iri(article_id)
        yield s, TYPE, ng("Article")
        if d.get("title"):
            yield s, HEADLINE, ox.Literal(d["title"])
        yield s, LABEL, ox.Literal(d.get("label") or d.get("title") or article_id)
        if d.get("url"):
            yield s, URL, ox.Literal(d["url"], datatype=iri(XSD.anyURI))
        if d.get("published"):
            yield s, DATE_PUBLISHED, date_literal(d["published"])
        if d.get("source"):
            yield s, ng("sourceFile"), ox.Literal(d["source"])
        yield s, ng("partial"), boolean(bool(d.get("partial")))

    def _provenance(self, article_id: str, d: dict) -> Iterator[Triple]:
        """PROV-O: the named graph was generated by an extraction run that used the article."""
        p = self.provenance.get(article_id, {})
        s = self.iri(article_id)
        g = article_graph_iri(article_id, self.base)
        run = self.once(
            "run/" + short_hash(article_id, d.get("source", ""), *(p.get(k, "") for k in sorted(p)))
        )
        if p.get("content_hash"):
            yield s, ng("contentHash"), ox.Literal(p["content_hash"])
        yield g, TYPE, BUNDLE
        yield g, DERIVED_FROM, s
        yield g, GENERATED_BY, run
        yield run, TYPE, ng("ExtractionRun")
        yield run, USED, s
        if p.get("extracted_at"):
            yield run, ENDED_AT, date_literal(p["extracted_at"])
        for key, term in (
            ("model", "model"),
            ("model_version", "modelVersion"),
            ("extractor_version", "extractorVersion"),
        ):
            if p.get(key):
                yield run, ng(term), ox.Literal(p[key])
        yield run, ng("mappingVersion"), ox.Literal(MAPPING_VERSION)

    def claim_triples(self, claim_id: str) -> Iterator[Triple]:
        d = self.graph.nodes[claim_id]
        c = self.iri(claim_id)
        yield c, TYPE, ng("Claim")
        yield c, TEXT, ox.Literal(d["text"])
        yield c, LABEL, ox.Literal(d["label"])
        yield c, ng("claimKind"), ox.Literal(d["claim_kind"])
        yield c, ng("statedIn"), self.iri(d["article"])
        yield c, ng("startOffset"), integer(d["start"])
        yield c, ng("endOffset"), integer(d["end"])
        for speaker, _, e in self.graph.in_edges(claim_id, data=True):
            if e["kind"] == "claims":
                yield self.iri(speaker), ng("claims"), c
                yield c, ng("claimant"), self.iri(speaker)
        for _, target, e in self.graph.out_edges(claim_id, data=True):
            if e["kind"] == "about":
                yield c, ng("about"), self.iri(target)
        for i, q in enumerate(d.get("quantities", ())):
            qn = self.once(f"{claim_id}/q{i}")
            yield c, ng("hasQuantity"), qn
            yield qn, TYPE, ng("Quantity")
            yield qn, LABEL, ox.Literal(q["text"])
            yield qn, ng("value"), ox.Literal(_decimal(q["value"]), datatype=iri(XSD.decimal))
            yield qn, ng("unit"), ox.Literal(q["unit"])
            if q.get("per"):
                yield qn, ng("per"), ox.Literal(q["per"])
            if q.get("qualifier"):
                yield qn, ng("qualifier"), ox.Literal(q["qualifier"])


def _decimal(value: float | int | str) -> str:
    """The xsd:decimal lexical form of a number (no exponent: ``7e5`` -> ``700000``)."""
    from decimal import Decimal

    text = format(Decimal(str(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def iter_quads(
    graph: nx.DiGraph,
    base: str = DEFAULT_BASE,
    provenance: Mapping[str, Provenance] | None = None,
) -> Iterator[ox.Quad]:
    """Every quad of the graph: the corpus graph, then one named graph per article."""
    for part in RdfWriter(graph, base, provenance).partitions():
        for s, p, o in part.triples():
            yield ox.Quad(s, p, o, part.name)


def prefixes() -> dict[str, str]:
    """The prefix bindings used in serialisations."""
    return {p: str(ns) for p, ns in PREFIXES.items()}


def write_partitions(partitions: Iterable[Partition], path: str | Path, fmt: ox.RdfFormat) -> Path:
    """Write named graphs in ``fmt``; formats without named graphs get their union.

    The partitions of ``RdfWriter`` share no triple, so their union is their concatenation.
    """
    path = Path(path)
    if fmt.supports_datasets:
        items: Iterator[ox.Quad | ox.Triple] = (
            ox.Quad(s, p, o, part.name) for part in partitions for s, p, o in part.triples()
        )
    else:
        items = (ox.Triple(s, p, o) for part in partitions for s, p, o in part.triples())
    ox.serialize(items, path, fmt, prefixes=prefixes())
    return path


def write_rdf(
    graph: nx.DiGraph,
    path: str | Path,
    fmt: str | None = None,
    base: str = DEFAULT_BASE,
    provenance: Mapping[str, Provenance] | None = None,
) -> Path:
    """Write the graph as RDF; the format comes from ``fmt`` or the file's extension."""
    path = Path(path)
    fmt_ = rdf_format(fmt or path.suffix.lstrip("."))
    return write_partitions(RdfWriter(graph, base, provenance).partitions(), path, fmt_)


def _bind(g: Graph) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)


def to_dataset(
    graph: nx.DiGraph,
    base: str = DEFAULT_BASE,
    provenance: Mapping[str, Provenance] | None = None,
) -> Dataset:
    """The graph as an rdflib ``Dataset``: one named graph per article plus the corpus."""
    ds = Dataset()
    _bind(ds)
    data = ox.serialize(iter_quads(graph, base, provenance), format=ox.RdfFormat.N_QUADS)
    ds.parse(data=data or b"", format="nquads")
    return ds


def to_rdflib(
    graph: nx.DiGraph,
    base: str = DEFAULT_BASE,
    provenance: Mapping[str, Provenance] | None = None,
) -> Graph:
    """The graph as one rdflib ``Graph``: the union of all named graphs."""
    g = Graph()
    _bind(g)
    triples = (
        ox.Triple(q.subject, q.predicate, q.object) for q in iter_quads(graph, base, provenance)
    )
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    g.parse(data=data or b"", format="nt")
    return g


RDF_BUILD_OUTPUTS = ("graph.ttl", "graph.trig", "graph.jsonld")
"""The RDF files ``newsgraph build`` writes from the store."""


def provenance_records(graph: nx.DiGraph, cache: FactsCache) -> dict[str, Provenance]:
    """Each article's extraction record, read from a build's facts cache."""
    records = cache.provenance()
    by_id = {article: record for (article, _), record in sorted(records.items())}
    provenance = {}
    for n, d in graph.nodes(data=True):
        if d["kind"] == "Article":
            # the same article read from two sources is cached once, under one of them
            record = records.get((n, d.get("source", ""))) or by_id.get(n)
            if record is not None:
                provenance[n] = record
    return provenance


def store_partitions(
    graph: nx.DiGraph, store: Store, base: str = DEFAULT_BASE
) -> Iterator[Partition]:
    """The named graphs to publish into a build's store, with each article's provenance
    read from the store's facts cache."""
    return RdfWriter(graph, base, provenance_records(graph, store.facts)).partitions()


def publish(graph: nx.DiGraph, store: Store, base: str = DEFAULT_BASE) -> PublishReport:
    """Publish the graph into a build's store; only what changed is written."""
    return store.publish(store_partitions(graph, store, base))
