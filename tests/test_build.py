"""The built graph of the example corpus: the nodes and edges a user expects."""

from __future__ import annotations

import networkx as nx

from graph.build import build_graph, entity_nodes
from graph.model import Article, ArticleFacts, Entity, Mention


def _by_label(graph: nx.DiGraph, kind: str) -> dict[str, str]:
    return {d["label"]: n for n, d in graph.nodes(data=True) if d["kind"] == kind}


def test_expected_entities_have_one_node_each_with_the_right_type(example_graph) -> None:
    expected = {
        "Company": ["Nvidia", "Akash Network", "Render Network", "OpenAI", "Tesla"],
        "Person": ["Elon Musk", "Greg Osuri", "Lennart Heim", "Chris Miller"],
        "Product": ["ChatGPT"],
    }
    labels = [
        d["label"] for n, d in example_graph.nodes(data=True) if n in entity_nodes(example_graph)
    ]
    for kind, names in expected.items():
        have = _by_label(example_graph, kind)
        for name in names:
            assert name in have, f"{name} missing as {kind}"
            assert labels.count(name) == 1, f"{name} has more than one node"


def test_no_junk_nodes(example_graph) -> None:
    for n in entity_nodes(example_graph):
        label = example_graph.nodes[n]["label"]
        assert label not in {"AI", "Compute", "Posts", "Got it", "App store"}
        assert "\n" not in label


def test_musk_is_one_person_across_articles(example_graph) -> None:
    musk = _by_label(example_graph, "Person")["Elon Musk"]
    d = example_graph.nodes[musk]
    assert d["articles"] == 2
    assert d["wikidata"] == "Q317521"
    assert {"Musk", "@elonmusk"} <= set(d["aliases"])


def test_related_articles_are_article_nodes_linked_by_related_to(example_graph) -> None:
    related = [(u, v) for u, v, k in example_graph.edges(data="kind") if k == "relatedTo"]
    assert len(related) == 4
    titles = {example_graph.nodes[v]["title"] for _, v in related}
    assert "Twitter Changing to X and It Will Be AI Powered Interactivity" in titles
    for u, v in related:
        assert example_graph.nodes[u]["kind"] == example_graph.nodes[v]["kind"] == "Article"


def test_publishers_and_topics(example_graph) -> None:
    pubs = _by_label(example_graph, "Publisher")
    assert {"Bloomberg L.P.", "Semiconductor Engineering", "Nasdaq"} <= set(pubs)
    topics = _by_label(example_graph, "Topic")
    assert "AI Hardware" in topics
    kinds = {k for _, _, k in example_graph.edges(data="kind")}
    assert {"mentions", "coMentionedWith", "relatedTo", "publishedBy", "hasTopic"} <= kinds


def test_mentions_carry_counts_and_comentions_weights(example_graph) -> None:
    nvidia = _by_label(example_graph, "Company")["Nvidia"]
    [(_article, _, e)] = [
        (u, v, e)
        for u, v, e in example_graph.in_edges(nvidia, data=True)
        if e["kind"] == "mentions"
    ]
    assert e["count"] == len(e["offsets"]) >= 5
    openai = _by_label(example_graph, "Company")["OpenAI"]
    musk = _by_label(example_graph, "Person")["Elon Musk"]
    u, v = sorted((openai, musk))
    data = example_graph.edges[u, v]
    assert data["kind"] == "coMentionedWith"
    assert data["weight"] == 2  # named together in 002 and 004
    assert len(data["evidence"]) == 2 and data["first"] <= data["last"]


def _facts(article_id: str, text: str, partial: bool, names: list[str]) -> ArticleFacts:
    a = Article(id=article_id, title="T", text=text, source=f"{article_id}.txt", partial=partial)
    ents = tuple(
        Entity(
            id=f"company/{n.lower()}", label=n, type="Company", mentions=(Mention(n, 0, len(n)),)
        )
        for n in names
    )
    return ArticleFacts(article=a, entities=ents)


def test_the_same_article_twice_is_one_node_and_the_fuller_wins() -> None:
    short = _facts("article/1", "Acme", True, ["Acme"])
    full = _facts("article/1", "Acme and Globex, at length", False, ["Acme", "Globex"])
    g = build_graph([short, full])
    assert [n for n, k in g.nodes(data="kind") if k == "Article"] == ["article/1"]
    assert g.nodes["article/1"]["partial"] is False
    assert g.nodes["company/acme"]["articles"] == 1
    assert g.has_edge("company/acme", "company/globex")


def test_chips_are_linked_to_their_maker_when_both_are_named() -> None:
    from ontology.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    h100 = gaz.get("chip/h100")
    assert h100 is not None and h100.maker == "Nvidia"
    a = Article(id="article/9", title="T", text="Nvidia H100", source="a.txt")
    ents = (
        Entity(
            id="company/nvidia", label="Nvidia", type="Company", mentions=(Mention("Nvidia", 0, 6),)
        ),
        Entity(id="chip/h100", label="H100", type="Chip", mentions=(Mention("H100", 7, 11),)),
    )
    g = build_graph([ArticleFacts(article=a, entities=ents)], gaz)
    assert g.edges["chip/h100", "company/nvidia"]["kind"] == "madeBy"
    alone = build_graph([ArticleFacts(article=a, entities=ents[1:])], gaz)
    assert "company/nvidia" not in alone
