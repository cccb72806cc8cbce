"""The newsgraph vocabulary and the namespaces it is bound with.

Terms are a ``DefinedNamespace`` with ``_fail = True``: a misspelt term fails at once
instead of minting a wrong IRI.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

NG_IRI = "https://newsgraph.example/ontology#"


class NG(DefinedNamespace):
    """newsgraph's own terms (documented in ``ontology/newsgraph.ttl``)."""

    _NS = Namespace(NG_IRI)
    _fail = True

    # classes
    Company: URIRef  # a business
    Organization: URIRef  # a non-business organisation: agency, university, non-profit
    Person: URIRef
    Chip: URIRef  # a chip, chip product line or chip family ("GPU")
    Product: URIRef  # software, AI model, service or system
    Place: URIRef
    Article: URIRef  # a news article read from the input
    Publisher: URIRef
    Topic: URIRef
    Claim: URIRef  # a statement made in an article
    Mention: URIRef  # an article naming an entity, with how often and where
    CoMention: URIRef  # two entities named in the same articles
    Quantity: URIRef  # a number stated in a claim, normalised
    ExtractionRun: URIRef  # one run of the extractor over an article

    # relations
    mentions: URIRef  # article -> entity
    coMentionedWith: URIRef  # entity <-> entity
    relatedTo: URIRef  # article -> article
    publishedBy: URIRef  # article -> publisher
    hasTopic: URIRef  # article -> topic
    claims: URIRef  # speaker -> claim
    claimant: URIRef  # claim -> speaker (inverse of claims)
    about: URIRef  # claim -> entity
    statedIn: URIRef  # claim -> article
    hasMention: URIRef  # article -> mention
    entity: URIRef  # mention / co-mention -> entity
    evidence: URIRef  # co-mention -> article
    hasQuantity: URIRef  # claim -> quantity
    madeBy: URIRef  # chip / product -> company

    # data
    count: URIRef  # how many times an article names an entity
    offsets: URIRef  # "start-end" character ranges of the mentions
    weight: URIRef  # number of articles behind a co-mention
    firstDate: URIRef
    lastDate: URIRef
    mentionCount: URIRef  # total mentions of an entity in the corpus
    articleCount: URIRef  # number of articles naming an entity
    generic: URIRef  # true for a chip family rather than a named part
    claimKind: URIRef  # quote | prediction | quantitative | assertion
    startOffset: URIRef
    endOffset: URIRef
    value: URIRef
    unit: URIRef
    per: URIRef
    qualifier: URIRef
    sourceFile: URIRef
    contentHash: URIRef
    model: URIRef
    modelVersion: URIRef
    extractorVersion: URIRef
    mappingVersion: URIRef  # version of the graph -> RDF mapping that wrote a named graph
    partial: URIRef  # only a title and excerpt are known


SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, Namespace | str] = {
    "ng": Namespace(NG_IRI),
    "schema": SCHEMA,
    "prov": PROV,
    "dct": DCTERMS,
    "skos": SKOS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "wd": WD,
}
"""Prefix bindings used in every serialisation and prepended to every query."""


def sparql_prefixes() -> str:
    """PREFIX lines for the namespaces above."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
