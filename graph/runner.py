"""The whole job behind ``newsgraph build``: read, extract, build, store, export.

Every output is written to a temporary name and renamed into place, the store records
what it published, and the facts cache commits as it goes, so a build killed at any
point is finished by the next run with nothing lost and nothing twice. A build whose
inputs, extractor and options are unchanged since the last complete one rewrites
nothing.

>>> from graph.runner import run_build
>>> report = run_build(["examples/articles"], "out")   # doctest: +SKIP
>>> report.nodes, report.timings["extract"]           # doctest: +SKIP
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from graph import __version__, ingest
from graph.errors import StoreError
from graph.extract import Extractor
from graph.ingest import Skipped
from graph.pipeline import Entry, extract_corpus, graph_from_cache, select
from graph.store import PublishReport, Store
from ontology.ids import DEFAULT_BASE

RDF_OUTPUTS = ("graph.ttl", "graph.trig", "graph.jsonld")
OTHER_OUTPUTS = ("graph.gexf", "graph.graphml", "graph.html")
BUILD_OUTPUTS = RDF_OUTPUTS + OTHER_OUTPUTS
FORKED_OUTPUTS = ("graph.jsonld", "graph.gexf", "graph.html")


@dataclass(frozen=True)
class BuildOptions:
    """What the outputs depend on besides the facts."""

    base_iri: str = DEFAULT_BASE
    title: str = "newsgraph"
    html_nodes: int = 500
    store_url: str | None = None
    """Publish to this Graph Store Protocol endpoint instead of the local store."""


@dataclass
class BuildReport:
    """What a build did; ``up_to_date`` when nothing had changed and nothing was written."""

    articles: int = 0
    extracted: int = 0
    cached: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    up_to_date: bool = False
    nodes: int = 0
    edges: int = 0
    quads: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    publish: PublishReport | None = None
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage: read, extract, build, store, then one per output file."""


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed onto it only if writing succeeds."""
    tmp = path.with_name(f".{path.name}.partial")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def in_background(
    paths: Sequence[Path], write: Callable[[Path], None], timings: dict[str, float]
) -> Iterator[None]:
    """Write ``paths`` in one forked process while the body runs; wait for it, record
    its timings, and raise its error if it failed.

    The child shares the parent's memory (the graph) copy-on-write and ends with
    ``os._exit``, so it never touches the parent's open databases.
    """
    if not paths or "fork" not in multiprocessing.get_all_start_methods():
        yield
        for path in paths:
            t = time.perf_counter()
            write(path)
            timings[path.name] = time.perf_counter() - t
        return
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)

    def child() -> None:
        done: dict[str, float | str] = {}
        try:
            for path in paths:
                t = time.perf_counter()
                write(path)
                done[path.name] = time.perf_counter() - t
        except Exception as exc:  # sent to the parent, which raises it as one line
            done["error"] = f"{type(exc).__name__}: {exc}"
        send.send(done)

    proc = multiprocessing.get_context("fork").Process(target=child, daemon=True)
    release_free_memory()  # or the child would start with the parent's free pages too
    # the collector would touch every object of the graph and copy its pages into the
    # child; frozen objects are left alone
    gc.freeze()
    proc.start()
    gc.unfreeze()
    send.close()  # so that a child that dies unheard gives EOFError, not a hang
    try:
        yield
    finally:
        try:
            result = receive.recv()
        except EOFError:
            result = {}
        proc.join()
    if "error" in result or proc.exitcode != 0:
        raise StoreError(
            f"writing {', '.join(p.name for p in paths)} failed: "
            f"{result.get('error', f'exit code {proc.exitcode}')}"
        )
    timings.update({k: float(v) for k, v in result.items()})


def release_free_memory() -> None:
    """Collect garbage and hand the C heap's free pages back to the system.

    glibc keeps freed memory for reuse; after extraction that is hundreds of megabytes
    the rest of the build never needs. Elsewhere (no ``malloc_trim``) this only collects.
    """
    gc.collect()
    with suppress(AttributeError, OSError):
        ctypes.CDLL(None).malloc_trim(0)


def _manifest(entries: Sequence[Entry], extractor: Extractor, options: BuildOptions) -> str:
    h = hashlib.sha1()
    for part in (__version__, extractor.fingerprint, repr(options), *BUILD_OUTPUTS):
        h.update(part.encode("utf-8") + b"\x1f")
    for e in entries:
        h.update(f"{e.key}\x1e{e.source}\x1f".encode())
    return h.hexdigest()


def run_build(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    extractor: Extractor | None = None,
    options: BuildOptions | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    max_bytes: int = ingest.DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skipped], None] | None = None,
    on_article: Callable[[bool], None] | None = None,
    on_extracted: Callable[[], None] | None = None,
) -> BuildReport:
    """Build ``paths`` into the folder ``out``: the store and every file of
    ``BUILD_OUTPUTS``. ``on_extracted`` is called when extraction ends (to stop a
    progress bar)."""
    extractor = extractor or Extractor()
    options = options or BuildOptions()
    out = Path(out)
    store = Store(out)
    try:
        return _run(
            paths, store, extractor, options, jobs, scheduler, max_bytes, on_skip, on_article,
            on_extracted,
        )  # fmt: skip
    finally:
        store.close()


def _run(
    paths: Sequence[str | Path],
    store: Store,
    extractor: Extractor,
    options: BuildOptions,
    jobs: int,
    scheduler: str | None,
    max_bytes: int,
    on_skip: Callable[[Skipped], None] | None,
    on_article: Callable[[bool], None] | None,
    on_extracted: Callable[[], None] | None,
) -> BuildReport:
    from exports import export, gephi
    from exports.rdf import RdfWriter, provenance_records, rdf_format, write_partitions

    cache = store.facts
    done = extract_corpus(
        paths, extractor, cache, max_bytes=max_bytes, on_skip=on_skip, on_article=on_article,
        jobs=jobs, scheduler=scheduler,
    )  # fmt: skip
    if on_extracted:
        on_extracted()
    release_free_memory()
    report = BuildReport(
        articles=len(done.entries),
        extracted=done.extracted,
        cached=done.cached,
        skipped=done.skipped,
        timings=dict(done.timings),
    )
    chosen = select(done.entries)
    manifest = _manifest(chosen, extractor, options)
    outputs = [store.out / name for name in BUILD_OUTPUTS]
    report.outputs = outputs
    if (
        report.extracted == 0
        and cache.get_meta("manifest") == manifest
        and all(p.exists() for p in outputs)
        and (options.store_url or (store.out / "store").is_dir())
    ):
        report.up_to_date = True
        _summary_from(report, cache.get_meta("summary"), store.out)
        return report
    # from here until the end, the outputs do not match a finished build
    cache.set_meta(manifest=None, build_order=json.dumps([[e.key, e.source] for e in chosen]))

    t = time.perf_counter()
    graph = graph_from_cache(chosen, cache, extractor.gazetteer)
    report.timings["build"] = time.perf_counter() - t

    writer = RdfWriter(graph, options.base_iri, provenance_records(graph, cache))

    def write(path: Path) -> None:
        fmt = path.suffix.lstrip(".")
        with atomic_output(path) as tmp:
            if path.name not in RDF_OUTPUTS:
                export(
                    graph, fmt, tmp, base=options.base_iri, title=options.title,
                    max_nodes=options.html_nodes,
                )  # fmt: skip
            else:  # made again as they are written: never all in memory, and several
                # times faster than dumping the store
                write_partitions(writer.partitions(), tmp, rdf_format(fmt))

    unpublished: list[StoreError] = []

    def publish() -> None:
        t = time.perf_counter()
        if options.store_url:
            from graph.remote import GraphStore

            # a remote store that fails must not cost the local files: they are written
            # first, then the error is raised
            try:
                report.publish = GraphStore(options.store_url, cache.db).publish(
                    writer.partitions()
                )
            except StoreError as exc:
                unpublished.append(exc)
        else:
            report.publish = store.publish(writer.partitions())
        report.timings["store"] = time.perf_counter() - t

    # With more than one job, a forked process writes JSON-LD, GEXF and the page while
    # this one publishes to the store and writes Turtle, TriG and GraphML: about the same
    # time on each side on the full benchmark corpus.
    forked = [p for p in outputs if p.name in FORKED_OUTPUTS] if jobs > 1 else []
    here = [p for p in outputs if p not in forked]
    with gephi.unchanging(graph), in_background(forked, write, report.timings):
        publish()
        for path in here:
            t = time.perf_counter()
            write(path)
            report.timings[path.name] = time.perf_counter() - t

    if unpublished:  # the manifest stays unset, so the next build publishes again
        raise unpublished[0]
    assert report.publish is not None
    report.nodes = graph.number_of_nodes()
    report.edges = graph.number_of_edges()
    report.quads = report.publish.quads
    for _, kind in graph.nodes(data="kind"):
        report.kinds[kind] = report.kinds.get(kind, 0) + 1
    summary = {"nodes": report.nodes, "edges": report.edges, "quads": report.quads}
    cache.set_meta(
        manifest=manifest,
        summary=json.dumps({**summary, "kinds": report.kinds}),
        entity_files=json.dumps(extractor.entity_files),
    )
    return report


def _summary_from(report: BuildReport, stored: str | None, out: Path) -> None:
    if not stored:
        raise StoreError(f"{out}: the build summary is missing; delete the folder and build again")
    data = json.loads(stored)
    report.nodes, report.edges, report.quads = data["nodes"], data["edges"], data["quads"]
    report.kinds = dict(data.get("kinds", {}))


def stored_build_order(store: Store) -> list[Entry]:
    """The articles of the last build, in its order (for rebuilding its graph)."""
    raw = store.facts.get_meta("build_order")
    if raw is None:
        raise StoreError(f"{store.out}: no complete build here; run 'newsgraph build' again")
    return [Entry(key, "", source, (True, 0)) for key, source in json.loads(raw)]


def stored_entity_files(store: Store) -> list[str]:
    """The extra gazetteer files the last build was given (``--entities``), if any."""
    raw = store.facts.get_meta("entity_files")
    return list(json.loads(raw)) if raw else []
