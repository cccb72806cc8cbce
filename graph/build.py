"""Build: the facts of every article -> one networkx graph.

The graph is a ``networkx.DiGraph`` whose node keys are node IDs (``company/nvidia``,
``article/5f0c...``; see ``ontology.ids``). Exporters rely on these attributes:

Every node
    ``kind`` (Company, Organization, Person, Chip, Product, Place, Article, Publisher,
    Topic, Claim) and ``label``.
Entity nodes
    ``aliases`` (list of surface forms), ``wikidata`` (QID or ""), ``mentions`` (total
    mention count), ``articles`` (number of articles naming it), ``generic`` (bool),
    ``description`` (or ""), ``first_seen``/``last_seen`` (dates or "").
Article nodes
    ``title``, ``url``, ``published`` (ISO 8601 or ""), ``publisher``, ``source``,
    ``topics`` (list), ``partial`` (bool: only a title and excerpt are known).
Claim nodes
    ``text``, ``claim_kind``, ``article``, ``start``, ``end``, ``quantities`` (list of dicts).

Every edge has ``kind`` and ``weight``:

- ``mentions`` Article -> entity: ``weight`` = ``count``, ``offsets`` (list of [start, end]);
- ``coMentionedWith`` entity -> entity (one edge per pair, source ID < target ID):
  ``weight`` = number of articles naming both, ``evidence`` (article IDs),
  ``first``/``last`` (dates of the earliest and latest of those articles, or "");
- ``madeBy`` Chip/Product -> Company, from the gazetteer's ``maker`` when both are in
  the graph;
- ``relatedTo`` Article -> Article, ``publishedBy`` Article -> Publisher,
  ``hasTopic`` Article -> Topic, ``claims`` speaker -> Claim, ``about`` Claim -> entity,
  ``statedIn`` Claim -> Article.

List-valued attributes stay lists here; each exporter flattens them as its format needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from graph.model import Article, ArticleFacts
from ontology.gazetteer import Gazetteer
from ontology.ids import publisher_id, topic_id


def build_graph(
    facts: Iterable[ArticleFacts], gazetteer: Gazetteer | None = None, *, name: str = "newsgraph"
) -> nx.DiGraph:
    """Merge the facts of many articles into one graph (entities merged by ID).

    Articles seen twice (the same ID) are merged: the fuller version wins.
    """
    best: dict[str, ArticleFacts] = {}
    for f in facts:
        old = best.get(f.article.id)
        if old is None or _fuller(f, old):
            best[f.article.id] = f
    builder = GraphBuilder(name)
    for f in best.values():
        builder.add(f)
    return builder.finish(gazetteer)


class GraphBuilder:
    """Adds articles' facts one at a time, so a corpus streams through in bounded memory.

    Each article's ID must be added once (``build_graph`` picks the fuller duplicate).

    >>> builder = GraphBuilder()
    >>> for facts in stream:            # doctest: +SKIP
    ...     builder.add(facts)
    >>> graph = builder.finish(gazetteer)   # doctest: +SKIP
    """

    def __init__(self, name: str = "newsgraph") -> None:
        self.graph = nx.DiGraph(name=name)

    def add(self, facts: ArticleFacts) -> None:
        _add_article(self.graph, facts)
        _add_comentions(self.graph, facts)

    def finish(self, gazetteer: Gazetteer | None = None) -> nx.DiGraph:
        """The graph, with what the gazetteer knows about its entities."""
        if gazetteer is not None:
            _describe(self.graph, gazetteer)
        return self.graph


def fullness(article: Article) -> tuple[bool, int]:
    """How complete an article is: a full text beats a title and excerpt, then length."""
    return (not article.partial, len(article.text))


def _fuller(new: ArticleFacts, old: ArticleFacts) -> bool:
    return fullness(new.article) > fullness(old.article)


def _add_article(graph: nx.DiGraph, f: ArticleFacts) -> None:
    a = f.article
    graph.add_node(
        a.id,
        kind="Article",
        label=a.title or a.source,
        title=a.title,
        url=a.url or "",
        published=a.published or "",
        publisher=a.publisher or "",
        source=a.source,
        topics=list(a.topics),
        partial=a.partial,
    )
    if a.publisher:
        pid = publisher_id(a.publisher)
        graph.add_node(pid, kind="Publisher", label=a.publisher)
        graph.add_edge(a.id, pid, kind="publishedBy", weight=1)
    for topic in a.topics:
        tid = topic_id(topic)
        graph.add_node(tid, kind="Topic", label=topic)
        graph.add_edge(a.id, tid, kind="hasTopic", weight=1)
    for ref in a.related:
        if ref.id not in graph:
            graph.add_node(
                ref.id,
                kind="Article",
                label=ref.title,
                title=ref.title,
                url=ref.url or "",
                published="",
                publisher="",
                source="",
                topics=[],
                partial=True,
            )
        graph.add_edge(a.id, ref.id, kind="relatedTo", weight=1)

    date = a.published or ""
    for e in f.entities:
        node = graph.nodes.get(e.id)
        if node is None:
            graph.add_node(
                e.id,
                kind=e.type,
                label=e.label,
                aliases=[],
                wikidata="",
                mentions=0,
                articles=0,
                generic=e.generic,
                description="",
                first_seen="",
                last_seen="",
            )
            node = graph.nodes[e.id]
        node["mentions"] += len(e.mentions)
        node["articles"] += 1
        node["wikidata"] = node["wikidata"] or (e.wikidata or "")
        for alias in (*e.aliases, *(m.text for m in e.mentions)):
            if alias != node["label"] and alias not in node["aliases"]:
                node["aliases"].append(alias)
        if date:
            node["first_seen"] = min(filter(None, (node["first_seen"], date)))
            node["last_seen"] = max(node["last_seen"], date)
        graph.add_edge(
            a.id,
            e.id,
            kind="mentions",
            weight=len(e.mentions),
            count=len(e.mentions),
            offsets=[[m.start, m.end] for m in e.mentions],
        )

    for c in f.claims:
        graph.add_node(
            c.id,
            kind="Claim",
            label=_short(c.text),
            text=c.text,
            claim_kind=c.kind,
            article=a.id,
            start=c.start,
            end=c.end,
            quantities=[q.to_dict() for q in c.quantities],
        )
        graph.add_edge(c.id, a.id, kind="statedIn", weight=1, start=c.start, end=c.end)
        if c.speaker is not None and c.speaker.id in graph:
            graph.add_edge(c.speaker.id, c.id, kind="claims", weight=1)
        for about in c.about:
            if about.id in graph:
                graph.add_edge(c.id, about.id, kind="about", weight=1)


def _add_comentions(graph: nx.DiGraph, f: ArticleFacts) -> None:
    ids = sorted({e.id for e in f.entities})
    date = f.article.published or ""
    for u, v in combinations(ids, 2):
        data = graph.get_edge_data(u, v)
        if data is None:
            graph.add_edge(u, v, kind="coMentionedWith", weight=0, evidence=[], first="", last="")
            data = graph.edges[u, v]
        data["weight"] += 1
        data["evidence"].append(f.article.id)
        if date:
            data["first"] = min(filter(None, (data["first"], date)))
            data["last"] = max(data["last"], date)


def _describe(graph: nx.DiGraph, gazetteer: Gazetteer) -> None:
    """Add what the gazetteer knows: QIDs, descriptions, aliases, who makes what."""
    names = gazetteer.by_name()
    made_by = []
    for node_id, data in graph.nodes(data=True):
        entry = gazetteer.get(node_id)
        if entry is None:
            continue
        maker = names.get(entry.maker.lower()) if entry.maker else None
        if maker is not None and maker.id in graph and maker.id != node_id:
            made_by.append((node_id, maker.id))
        data["wikidata"] = data.get("wikidata") or (entry.wikidata or "")
        data["description"] = entry.description or ""
        for alias in entry.aliases:
            if alias not in data["aliases"] and alias != data["label"]:
                data["aliases"].append(alias)
    for product, maker in made_by:
        graph.add_edge(product, maker, kind="madeBy", weight=1)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def entity_nodes(graph: nx.DiGraph) -> list[str]:
    """IDs of the entity nodes (not articles, publishers, topics or claims)."""
    from ontology import ENTITY_TYPES

    return [n for n, k in graph.nodes(data="kind") if k in ENTITY_TYPES]
