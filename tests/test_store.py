"""The persistent store: incremental publishing, one named graph per article, exports."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from exports.rdf import Partition, publish, store_partitions
from graph.build import build_graph
from graph.cli import main
from graph.errors import StoreError
from graph.model import ArticleFacts
from graph.store import Store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
FIXTURE = Path(__file__).parent / "fixtures" / "linked-data-facts.jsonl"


def load_facts() -> list[ArticleFacts]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [ArticleFacts.from_dict(json.loads(line)) for line in lines]


def small_graph(facts: list[ArticleFacts]) -> nx.DiGraph:
    graph = build_graph(facts)
    graph.add_edge("chip/h100", "company/nvidia", kind="madeBy", weight=1)
    return graph


def put(store: Store, facts: list[ArticleFacts]) -> None:
    store.facts.keep_only(set())
    store.facts.put_many((f"key-{f.article.id}-{len(f.article.text)}", f) for f in facts)


def publish_facts(store: Store, facts: list[ArticleFacts]):
    put(store, facts)
    return publish(small_graph(facts), store)


def quads(store: Store) -> set[str]:
    return {str(q) for q in store.rdf}


def test_publish_writes_only_what_changed(tmp_path):
    one, two, three = load_facts()
    store = Store(tmp_path)
    first = publish_facts(store, [one, two])
    assert (first.added, first.replaced, first.removed, first.unchanged) == (3, 0, 0, 0)

    again = publish_facts(store, [one, two])
    assert (again.added, again.replaced, again.unchanged, again.quads_written) == (0, 0, 3, 0)

    grown = publish_facts(store, [one, two, three])
    # the new article's graph, and the corpus graph (new entities and co-mentions)
    assert (grown.added, grown.replaced, grown.removed, grown.unchanged) == (1, 1, 0, 2)


@pytest.fixture(params=["one chunk", "many chunks"])
def chunked(request, monkeypatch):
    """Publish with the real chunk size, or in chunks of a few quads, so that chunks
    are still loading in the background while changed graphs are removed."""
    if request.param == "many chunks":
        monkeypatch.setattr("graph.store.LOAD_CHUNK", 7)


@pytest.mark.parametrize("corpus_kept_whole_first", [False, True])
def test_incremental_store_equals_a_fresh_one(tmp_path, corpus_kept_whole_first, chunked):
    """Patching the corpus graph subject by subject gives what a fresh publish does,
    also over a store whose corpus graph an older version published whole."""
    one, two, three = load_facts()
    store = Store(tmp_path / "inc")
    put(store, [one, two])
    parts = list(store_partitions(small_graph([one, two]), store))
    if corpus_kept_whole_first:
        parts = [Partition(p.name, [list(p.triples())]) for p in parts]
    store.publish(parts)
    grown = publish_facts(store, [one, two, three])
    assert grown.replaced == 1  # the corpus graph, patched
    fresh = Store(tmp_path / "fresh")
    publish_facts(fresh, [one, two, three])
    assert quads(store) == quads(fresh)
    triples = {(q.subject, q.predicate, q.object) for q in store.rdf}
    assert len(triples) == len(store.rdf)  # nothing duplicated across graphs


def test_changed_article_replaces_its_graph_and_removed_one_disappears(tmp_path, chunked):
    one, two, three = load_facts()
    store = Store(tmp_path)
    publish_facts(store, [one, two, three])
    article = dataclasses.replace(two.article, text=two.article.text + " Demand is strong.")
    edited = dataclasses.replace(two, article=article)
    report = publish_facts(store, [one, edited, three])
    assert (report.added, report.replaced, report.removed, report.unchanged) == (0, 1, 0, 3)
    graph = ox.NamedNode("https://newsgraph.example/id/graph/" + two.article.id)
    hashes = {
        q.object.value
        for q in store.rdf.quads_for_pattern(None, None, None, graph)
        if q.predicate.value.endswith("#contentHash")
    }
    assert len(hashes) == 1  # the old graph is gone, not kept beside the new one

    shrunk = publish_facts(store, [one, three])
    assert shrunk.removed == 1
    assert not store.rdf.contains_named_graph(graph)
    fresh = Store(tmp_path / "fresh")
    publish_facts(fresh, [one, three])
    assert quads(store) == quads(fresh)


def test_publish_survives_a_deleted_rdf_folder(tmp_path):
    facts = load_facts()
    store = Store(tmp_path)
    publish_facts(store, facts)
    expected = quads(store)
    store.close()
    shutil.rmtree(tmp_path / "store")
    store = Store(tmp_path)
    report = publish_facts(store, facts)
    assert report.added == 4
    assert quads(store) == expected


def test_missing_store_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no newsgraph store here; run 'newsgraph build"):
        Store(tmp_path / "nothing", create=False)


def test_cli_build_reextracts_only_the_new_article(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = sorted(EXAMPLES.glob("*.txt"))[:3]
    for f in files[:2]:
        shutil.copy(f, corpus)
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(corpus), "-o", str(out)])
    assert first.exit_code == 0, first.output
    shutil.copy(files[2], corpus)
    second = runner.invoke(main, ["build", str(corpus), "-o", str(out)])
    assert second.exit_code == 0, second.output
    # only the new article is extracted; its graph is added and the corpus graph updated
    assert "(1 extracted, " in second.output
    assert "store: 1 graphs added, 1 replaced, 0 removed" in second.output
    store = Store(out, create=False)
    articles = [g for g in store.rdf.named_graphs() if "/graph/article/" in g.value]
    assert len(articles) == len({g.value for g in articles})
    export = runner.invoke(
        main, ["export", "--format", "nq", "--store", str(out), "-o", str(tmp_path / "a.nq")]
    )
    assert export.exit_code == 0, export.output
    assert len(set(ox.parse(path=tmp_path / "a.nq", format=ox.RdfFormat.N_QUADS))) == len(store.rdf)
