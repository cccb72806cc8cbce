"""The library API behind ``newsgraph build``: read, extract (with the cache), build.

>>> from graph.pipeline import build_corpus
>>> result = build_corpus(["examples/articles"], "out")   # doctest: +SKIP
>>> result.graph.number_of_nodes()                        # doctest: +SKIP
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import networkx as nx

from graph import ingest
from graph.build import GraphBuilder, fullness
from graph.errors import StoreError
from graph.extract import Extractor
from graph.ingest import Skipped
from graph.model import Article, ArticleFacts
from graph.parallel import extract_parallel
from graph.store import FactsCache, Store
from ontology.gazetteer import Gazetteer

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


@dataclass(frozen=True)
class Entry:
    """An article read, as pass 2 needs it: where its facts are cached and how full it is."""

    key: str
    article_id: str
    source: str
    fullness: tuple[bool, int]


class _Timed:
    """Wraps an iterator and adds up the time spent inside it (reading, for timings)."""

    def __init__(self, items: Iterable[Article]) -> None:
        self._it = iter(items)
        self.seconds = 0.0

    def __iter__(self) -> Iterator[Article]:
        return self

    def __next__(self) -> Article:
        t = time.perf_counter()
        try:
            return next(self._it)
        finally:
            self.seconds += time.perf_counter() - t


def extract_to_cache(
    articles: Iterable[Article],
    extractor: Extractor,
    cache: FactsCache,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    on_article: Callable[[bool], None] | None = None,
    commit_every: int = 64,
) -> list[Entry]:
    """Pass 1: make sure every article's facts are in ``cache``; return the entries.

    Unchanged articles (same content, same extractor) are not extracted again. New
    facts are committed every ``commit_every`` articles, so a build that is killed
    keeps what it did and the next one carries on from there. ``on_article(cached)``
    is called once per article (progress reporting).
    """
    entries: list[Entry] = []
    fresh_keys: deque[str] = deque()
    seen: set[str] = set()

    def to_extract() -> Iterator[Article]:
        for article in articles:
            key = extractor.cache_key(article)
            entries.append(Entry(key, article.id, article.source, fullness(article)))
            if key in seen or key in cache:
                seen.add(key)
                if on_article:
                    on_article(True)
                continue
            seen.add(key)
            fresh_keys.append(key)
            yield article

    batch: list[tuple[str, ArticleFacts]] = []
    for facts in extract_parallel(to_extract(), extractor, jobs=jobs, scheduler=scheduler):
        batch.append((fresh_keys.popleft(), facts))
        if len(batch) >= commit_every:
            cache.put_many(batch)
            batch.clear()
        if on_article:
            on_article(False)
    if batch:
        cache.put_many(batch)
    return entries


def select(entries: Iterable[Entry]) -> list[Entry]:
    """One entry per article ID, the fullest (the first of equals), in reading order."""
    best: dict[str, Entry] = {}
    for e in entries:
        old = best.get(e.article_id)
        if old is None or e.fullness > old.fullness:
            best[e.article_id] = e
    return list(best.values())


def cached_facts(entries: Iterable[Entry], cache: FactsCache) -> Iterator[ArticleFacts]:
    """Pass 2: each entry's facts from the cache, one at a time.

    The same text read from two places is cached once; each entry keeps its own source.
    """
    for e in entries:
        facts = cache.get(e.key)
        if facts is None:
            raise StoreError(f"{cache.path}: facts of {e.source} are missing; build again")
        if facts.article.source != e.source:
            facts = replace(facts, article=replace(facts.article, source=e.source))
        yield facts


def graph_from_cache(
    entries: Sequence[Entry], cache: FactsCache, gazetteer: Gazetteer | None = None
) -> nx.DiGraph:
    """Pass 2: the graph of the selected entries, streamed from the cache."""
    builder = GraphBuilder()
    for facts in cached_facts(entries, cache):
        builder.add(facts)
    return builder.finish(gazetteer)


@dataclass
class Extraction:
    """Pass 1's outcome: the entries in reading order and what it took."""

    entries: list[Entry]
    extracted: int = 0
    cached: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def extract_corpus(
    paths: Sequence[str | Path],
    extractor: Extractor,
    cache: FactsCache,
    *,
    max_bytes: int = ingest.DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skipped], None] | None = None,
    on_article: Callable[[bool], None] | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
) -> Extraction:
    """Read ``paths`` and run pass 1 (``extract_to_cache``); forget facts of articles no
    longer read. Timings: ``read`` and ``extract`` in seconds."""
    t0 = time.perf_counter()
    reading = ingest.read(paths, max_bytes=max_bytes, on_skip=on_skip)
    timed = _Timed(reading)
    result = Extraction(entries=[])

    def count(cached: bool) -> None:
        if cached:
            result.cached += 1
        else:
            result.extracted += 1
        if on_article:
            on_article(cached)

    result.entries = extract_to_cache(
        timed, extractor, cache, jobs=jobs, scheduler=scheduler, on_article=count
    )
    cache.keep_only({e.key for e in result.entries})
    result.skipped = list(reading.skipped)
    result.timings = {"read": timed.seconds, "extract": time.perf_counter() - t0 - timed.seconds}
    return result


def build_corpus(
    paths: Sequence[str | Path],
    out: str | Path | None = None,
    *,
    extractor: Extractor | None = None,
    max_bytes: int = ingest.DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skipped], None] | None = None,
    on_article: Callable[[bool], None] | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
) -> BuildResult:
    """Read ``paths``, extract each article (re-using ``out``'s cache), build the graph.

    Memory holds the graph and one small entry per article, never the whole corpus's
    facts: pass 1 streams facts into the cache (an in-memory one without ``out``),
    pass 2 streams them back into the graph. ``graph.runner.run_build`` also writes
    the store and the output files.
    """
    extractor = extractor or Extractor()
    store = Store(out) if out is not None else None
    cache = store.facts if store is not None else FactsCache(":memory:")
    try:
        done = extract_corpus(
            paths, extractor, cache, max_bytes=max_bytes, on_skip=on_skip,
            on_article=on_article, jobs=jobs, scheduler=scheduler,
        )  # fmt: skip
        t = time.perf_counter()
        graph = graph_from_cache(select(done.entries), cache, extractor.gazetteer)
        return BuildResult(
            graph=graph,
            articles=len(done.entries),
            extracted=done.extracted,
            cached=done.cached,
            skipped=done.skipped,
            timings={**done.timings, "build": time.perf_counter() - t},
        )
    finally:
        if store is not None:
            store.close()
        else:
            cache.close()
