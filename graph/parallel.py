"""Extraction spread over worker processes or a Dask cluster, in input order.

The parent process cuts articles into batches and sends each, with a description of the
extractor (:class:`ExtractorSpec`), to a worker; the worker keeps one loaded
:class:`~graph.extract.Extractor` per spec and sends back the facts, which are small.
Parsed spaCy documents never cross a process boundary, and at most ``window`` batches
are in flight, so memory stays flat however long the input.

>>> from graph.parallel import extract_parallel                          # doctest: +SKIP
>>> facts = list(extract_parallel(articles, extractor, jobs=2))         # doctest: +SKIP
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from graph.errors import NewsgraphError
from graph.extract import Extractor
from graph.model import Article, ArticleFacts
from ontology.gazetteer import Gazetteer

log = logging.getLogger(__name__)

MIN_PARALLEL = 32
"""Articles below which extraction stays in this process: starting workers costs more."""

BATCH = 32
"""Articles per task sent to a worker."""

CONNECT_TIMEOUT = 10.0
"""Seconds to wait for a Dask scheduler to answer."""


@dataclass(frozen=True)
class ExtractorSpec:
    """All a worker needs to build an extractor that behaves like the parent's."""

    model: str
    gazetteer: Gazetteer
    fast: bool
    fingerprint: str

    @classmethod
    def of(cls, extractor: Extractor) -> ExtractorSpec:
        return cls(extractor.model, extractor.gazetteer, extractor.fast, extractor.fingerprint)


_extractors: dict[str, Extractor] = {}
"""The extractors loaded in this (worker) process, by fingerprint."""


def _extractor_for(spec: ExtractorSpec) -> Extractor:
    extractor = _extractors.get(spec.fingerprint)
    if extractor is None:
        extractor = Extractor(spec.model, fast=spec.fast, gazetteer=spec.gazetteer)
        _extractors.clear()  # one model per worker is enough
        _extractors[spec.fingerprint] = extractor
    return extractor


def extract_batch(spec: ExtractorSpec, articles: list[Article]) -> list[ArticleFacts]:
    """A worker's task: the facts of a batch of articles (top-level, so it pickles)."""
    return list(_extractor_for(spec).extract_many(articles))


def _warm(spec: ExtractorSpec) -> None:
    _extractor_for(spec).nlp  # noqa: B018 - loads the model before the first batch


def ordered(
    submit: Callable[[list[Article]], Future[list[ArticleFacts]]],
    articles: Iterable[Article],
    window: int,
    batch: int = BATCH,
) -> Iterator[ArticleFacts]:
    """Submit batches, keeping ``window`` in flight, and yield results in input order."""
    stream = iter(articles)
    pending: deque[Future[list[ArticleFacts]]] = deque()

    def fill() -> None:
        while len(pending) < window:
            chunk = list(islice(stream, batch))
            if not chunk:
                return
            pending.append(submit(chunk))

    fill()
    while pending:
        results = pending.popleft().result()
        fill()
        yield from results


class LocalPool:
    """``jobs`` worker processes on this machine (spawned: safe beside threads)."""

    def __init__(self, spec: ExtractorSpec, jobs: int) -> None:
        self.spec = spec
        self.jobs = jobs
        self._pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm,
            initargs=(spec,),
        )

    @property
    def window(self) -> int:
        return self.jobs * 2

    def submit(self, chunk: list[Article]) -> Future[list[ArticleFacts]]:
        return self._pool.submit(extract_batch, self.spec, chunk)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class DaskPool:
    """The workers of a Dask distributed cluster, reached at its scheduler's address.

    Each worker needs newsgraph and the spaCy model installed.
    """

    def __init__(self, spec: ExtractorSpec, address: str) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise NewsgraphError(
                "--scheduler needs Dask distributed: pip install 'newsgraph[cluster]'"
            ) from exc
        try:
            self._client: Any = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise NewsgraphError(f"{address}: cannot reach the Dask scheduler ({exc})") from exc
        workers = self._client.scheduler_info().get("workers", {})
        self.threads = max(1, sum(w.get("nthreads", 1) for w in workers.values()))
        self._spec = self._client.scatter(spec, broadcast=True, hash=False)

    @property
    def window(self) -> int:
        return self.threads * 2

    def submit(self, chunk: list[Article]) -> Future[list[ArticleFacts]]:
        return self._client.submit(extract_batch, self._spec, chunk, pure=False)

    def close(self) -> None:
        self._client.close()


def extract_parallel(
    articles: Iterable[Article],
    extractor: Extractor,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
) -> Iterator[ArticleFacts]:
    """Facts of ``articles`` in input order, on ``jobs`` local processes or on the Dask
    cluster whose scheduler is at ``scheduler`` (``tcp://host:8786``).

    With one job, or fewer than ``MIN_PARALLEL`` articles and no cluster, everything
    runs in this process with ``extractor``.
    """
    stream = iter(articles)
    head = list(islice(stream, MIN_PARALLEL))
    if scheduler is None and (jobs <= 1 or len(head) < MIN_PARALLEL):
        yield from extractor.extract_many(chain(head, stream))
        return
    if not head:
        return
    spec = ExtractorSpec.of(extractor)
    pool: LocalPool | DaskPool = (
        DaskPool(spec, scheduler) if scheduler is not None else LocalPool(spec, jobs)
    )
    try:
        yield from ordered(pool.submit, chain(head, stream), pool.window)
    finally:
        pool.close()
