"""The library API behind ``newsgraph build``: read, extract (with the cache), build.

>>> from graph.pipeline import build_corpus
>>> result = build_corpus(["examples/articles"], "out")   # doctest: +SKIP
>>> result.graph.number_of_nodes()                        # doctest: +SKIP
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph import ingest
from graph.build import build_graph
from graph.extract import Extractor
from graph.ingest import Skipped
from graph.model import Article, ArticleFacts
from graph.store import Store

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    """What a build made and what it did."""

    graph: nx.DiGraph
    articles: int = 0
    extracted: int = 0
    cached: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def extract_with_cache(
    articles: Iterable[Article],
    extractor: Extractor,
    store: Store | None,
    *,
    batch_size: int = 64,
    n_process: int = 1,
    on_fact: Callable[[ArticleFacts, bool], None] | None = None,
) -> Iterator[ArticleFacts]:
    """Facts for each article: from the store's cache when unchanged, else extracted.

    New facts are committed in batches, so a build that is killed keeps what it did.
    ``on_fact(facts, was_cached)`` is called for each article (progress reporting).
    """
    keys: dict[str, str] = {}
    todo: list[Article] = []

    def pending() -> Iterator[Article]:
        yield from todo
        todo.clear()

    def fresh() -> Iterator[ArticleFacts]:
        batch: list[tuple[str, ArticleFacts]] = []
        for facts in extractor.extract_many(pending(), batch_size=batch_size, n_process=n_process):
            if store is not None:
                batch.append((keys[facts.article.id + facts.article.source], facts))
                if len(batch) >= batch_size:
                    store.facts.put_many(batch)
                    batch.clear()
            if on_fact:
                on_fact(facts, False)
            yield facts
        if store is not None and batch:
            store.facts.put_many(batch)

    for article in articles:
        key = extractor.cache_key(article)
        keys[article.id + article.source] = key
        cached = store.facts.get(key) if store is not None else None
        if cached is not None:
            if on_fact:
                on_fact(cached, True)
            yield cached
            continue
        todo.append(article)
        if len(todo) >= batch_size * 4:
            yield from fresh()
    if todo:
        yield from fresh()
    if store is not None:
        store.facts.keep_only(set(keys.values()))


def build_corpus(
    paths: Sequence[str | Path],
    out: str | Path | None = None,
    *,
    extractor: Extractor | None = None,
    max_bytes: int = ingest.DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skipped], None] | None = None,
    on_fact: Callable[[ArticleFacts, bool], None] | None = None,
    n_process: int = 1,
) -> BuildResult:
    """Read ``paths``, extract each article (re-using ``out``'s cache), build the graph."""
    extractor = extractor or Extractor()
    store = Store(out) if out is not None else None
    t0 = time.perf_counter()
    reading = ingest.read(paths, max_bytes=max_bytes, on_skip=on_skip)
    counts = {"extracted": 0, "cached": 0}

    def count(facts: ArticleFacts, cached: bool) -> None:
        counts["cached" if cached else "extracted"] += 1
        if on_fact:
            on_fact(facts, cached)

    facts = list(extract_with_cache(reading, extractor, store, on_fact=count, n_process=n_process))
    t1 = time.perf_counter()
    graph = build_graph(facts, extractor.gazetteer)
    t2 = time.perf_counter()
    if store is not None:
        store.close()
    return BuildResult(
        graph=graph,
        articles=len(facts),
        extracted=counts["extracted"],
        cached=counts["cached"],
        skipped=list(reading.skipped),
        timings={"read+extract": t1 - t0, "build": t2 - t1},
    )
