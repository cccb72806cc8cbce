"""The persistent store in a build's output folder.

Two parts, both real on-disk databases with atomic commits:

- ``facts.sqlite``: the extracted facts of each article, keyed by its content and the
  extractor's fingerprint, so an unchanged article is never extracted twice;
- ``store/``: an Oxigraph RDF store holding the published graph (one named graph per
  article plus the corpus graph) that ``query`` and ``serve`` answer from.

>>> store = Store("out")                       # doctest: +SKIP
>>> store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")   # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graph.errors import StoreError
from graph.model import ArticleFacts

if TYPE_CHECKING:
    from exports.rdf import Partition

log = logging.getLogger(__name__)

FACTS_FILE = "facts.sqlite"
RDF_DIR = "store"
LOAD_CHUNK = 50_000
"""Quads per bulk load: Oxigraph's loader holds a chunk in memory, so this bounds it."""

Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, ox.NamedNode | ox.BlankNode | ox.Literal]


def graph_digest(triples: Iterable[Triple]) -> str:
    """A digest of a set of triples, independent of their order."""
    return lines_digest(ntriples(triples))


def ntriples(triples: Iterable[Triple]) -> list[str]:
    """Each triple as an N-Triples line without its final `` .`` (what ``str`` of a
    pyoxigraph term gives)."""
    return [f"{s} {p} {o}" for s, p, o in triples]


def lines_digest(lines: Iterable[str]) -> str:
    """The digest of a set of N-Triples lines, independent of their order."""
    text = "".join(line + "\n" for line in sorted(set(lines)))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class PublishReport:
    """What ``Store.publish`` did, in named graphs and quads."""

    added: int = 0
    replaced: int = 0
    removed: int = 0
    unchanged: int = 0
    quads_written: int = 0
    quads: int = 0
    """Quads the store holds after publishing."""


def _subject_term(text: str) -> ox.NamedNode | ox.BlankNode:
    """A subject back from its N-Triples form (``<iri>`` or ``_:id``)."""
    return ox.BlankNode(text[2:]) if text.startswith("_:") else ox.NamedNode(text[1:-1])


class FactsCache:
    """Extracted facts by cache key, in SQLite (one transaction per ``put_many``)."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(path)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, article TEXT NOT NULL,"
                " source TEXT NOT NULL, json TEXT NOT NULL)"
            )
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)"
            )
            self.db.commit()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a newsgraph facts database ({exc})") from exc

    def get(self, key: str) -> ArticleFacts | None:
        row = self.db.execute("SELECT json FROM facts WHERE key = ?", (key,)).fetchone()
        return ArticleFacts.from_dict(json.loads(row[0])) if row else None

    def __contains__(self, key: str) -> bool:
        return self.db.execute("SELECT 1 FROM facts WHERE key = ?", (key,)).fetchone() is not None

    def put_many(self, items: Iterable[tuple[str, ArticleFacts]]) -> None:
        rows = [
            (k, f.article.id, f.article.source, json.dumps(f.to_dict(), ensure_ascii=False))
            for k, f in items
        ]
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?, ?, ?)", rows)

    def keep_only(self, keys: set[str]) -> int:
        """Forget facts not in ``keys`` (articles removed or changed); returns how many."""
        old = {k for (k,) in self.db.execute("SELECT key FROM facts")}
        stale = old - keys
        with self.db:
            self.db.executemany("DELETE FROM facts WHERE key = ?", [(k,) for k in stale])
        return len(stale)

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM facts").fetchone()[0]

    def provenance(self) -> dict[tuple[str, str], dict[str, str]]:
        """Per (article ID, source), how its facts were made: the extractor's record
        (model, versions, time) and ``content_hash``, the SHA-256 of the article text."""
        rows = self.db.execute(
            "SELECT article, source, json_extract(json, '$.extractor'),"
            " json_extract(json, '$.article.text') FROM facts"
        )
        out: dict[tuple[str, str], dict[str, str]] = {}
        for article, source, extractor, text in rows:
            record = {k: str(v) for k, v in json.loads(extractor or "{}").items()}
            record["content_hash"] = (
                "sha256:" + hashlib.sha256((text or "").encode("utf-8")).hexdigest()
            )
            out[(article, source)] = record
        return out

    def all(self) -> list[ArticleFacts]:
        """Every article's facts, in the order they were stored."""
        rows = self.db.execute("SELECT json FROM facts ORDER BY rowid")
        return [ArticleFacts.from_dict(json.loads(j)) for (j,) in rows]

    def get_meta(self, name: str) -> str | None:
        """A value the last build recorded (see ``set_meta``)."""
        row = self.db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_meta(self, **values: str | None) -> None:
        """Record values in one transaction; ``None`` forgets one."""
        with self.db:
            for name, value in values.items():
                if value is None:
                    self.db.execute("DELETE FROM meta WHERE name = ?", (name,))
                else:
                    self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def close(self) -> None:
        self.db.close()


class _Loader:
    """Bulk-loads quads into a store in chunks of ``LOAD_CHUNK``, as N-Quads text: Oxigraph
    parses that faster than it takes Python quad objects, and the lines are already made
    for the digests.

    Oxigraph loads without holding the GIL, so each chunk loads in a thread while the
    next one is made; at most one chunk is loading and one filling.
    """

    def __init__(self, store: ox.Store, report: PublishReport) -> None:
        self.store = store
        self.report = report
        self.lines: list[str] = []
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="oxigraph-load")
        self._loading: Future[None] | None = None

    def add(self, name: ox.NamedNode, lines: Sequence[str]) -> None:
        tail = f" {name} .\n"
        self.lines.extend(line + tail for line in lines)
        if len(self.lines) >= LOAD_CHUNK:
            self.flush(wait=False)

    def flush(self, wait: bool = True) -> None:
        """Start loading the lines so far; with ``wait``, return when all have loaded."""
        if self.lines:
            self.report.quads_written += len(self.lines)
            text = "".join(self.lines)
            self.lines.clear()
            self.wait()
            # the quads were made here from the graph's own terms: no need to check IRIs
            self._loading = self._pool.submit(
                self.store.bulk_load, text, ox.RdfFormat.N_QUADS, lenient=True
            )
        if wait:
            self.wait()

    def wait(self) -> None:
        """Return when the chunk loading (if any) is in the store; raise its error."""
        loading, self._loading = self._loading, None
        if loading is not None:
            loading.result()

    def remove_graph(self, name: ox.NamedNode) -> None:
        """Remove a named graph, after the chunk loading (which may hold some of it)."""
        self.wait()
        self.store.remove_graph(name)

    def remove_subject(self, name: ox.NamedNode, subject: ox.NamedNode | ox.BlankNode) -> None:
        """Remove one subject's triples from a named graph, after the chunk loading."""
        self.wait()
        for quad in list(self.store.quads_for_pattern(subject, None, None, name)):
            self.store.remove(quad)

    def close(self) -> None:
        self._pool.shutdown(wait=True)


class PublishedGraphs:
    """The digest of each named graph (or, for a graph kept by subject, of each of its
    subjects) as last published: a table beside the facts, read one row at a time so a
    graph of millions of subjects never has its digests in memory."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        with self.db:
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS published (graph TEXT NOT NULL, unit TEXT NOT NULL,"
                " digest TEXT NOT NULL, PRIMARY KEY (graph, unit))"
            )

    def get(self, graph: str, unit: str = "") -> str | None:
        row = self.db.execute(
            "SELECT digest FROM published WHERE graph = ? AND unit = ?", (graph, unit)
        ).fetchone()
        return row[0] if row else None

    def graphs(self) -> set[str]:
        return {g for (g,) in self.db.execute("SELECT DISTINCT graph FROM published")}

    def put_many(self, rows: Iterable[tuple[str, str, str]]) -> None:
        """Record (graph, unit, digest) rows; the caller commits."""
        self.db.executemany("INSERT OR REPLACE INTO published VALUES (?, ?, ?)", rows)

    def forget_graph(self, graph: str) -> None:
        self.db.execute("DELETE FROM published WHERE graph = ?", (graph,))

    def forget_all(self) -> None:
        with self.db:
            self.db.execute("DELETE FROM published")


class Store:
    """A build's output folder: the facts cache and the RDF store."""

    def __init__(self, out_dir: str | Path, *, create: bool = True) -> None:
        self.out = Path(out_dir)
        if not create and not (self.out / RDF_DIR).is_dir():
            raise StoreError(
                f"{self.out}: no newsgraph store here; run 'newsgraph build PATH -o {self.out}'"
                " first, or pass --store"
            )
        try:
            self.out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"{self.out}: cannot create the output folder ({exc.strerror or exc})"
            ) from exc
        self._facts: FactsCache | None = None
        self._rdf: ox.Store | None = None
        self._published: PublishedGraphs | None = None
        self._read_only = not create

    @property
    def facts(self) -> FactsCache:
        if self._facts is None:
            self._facts = FactsCache(self.out / FACTS_FILE)
        return self._facts

    @property
    def rdf(self) -> ox.Store:
        if self._rdf is None:
            path = str(self.out / RDF_DIR)
            try:
                self._rdf = ox.Store.read_only(path) if self._read_only else ox.Store(path)
            except OSError as exc:
                raise StoreError(f"{path}: cannot open the RDF store ({exc})") from exc
        return self._rdf

    @property
    def published(self) -> PublishedGraphs:
        if self._published is None:
            self._published = PublishedGraphs(self.facts.db)
        return self._published

    def publish(self, partitions: Iterable[Partition]) -> PublishReport:
        """Make the store hold exactly these named graphs, writing only what changed.

        A graph whose triples are unchanged since the last publish is left alone; a
        changed graph is replaced whole, except one kept by subject (the corpus graph),
        where only the subjects that changed are rewritten; graphs not given any more
        are removed. Partitions are consumed as they come and quads are loaded in chunks,
        so memory holds two chunks (one loading, one filling), never a whole big graph.
        """
        store = self.rdf
        report = PublishReport()
        if self.facts.get_meta("publishing"):
            # the last publish was killed half-way and what the store holds is unknown:
            # start again from an empty store
            log.warning("%s: the last build stopped while publishing; republishing all", self.out)
            store.clear()
            self.published.forget_all()
        self.facts.set_meta(publishing="1")
        existing = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
        loader = _Loader(store, report)
        try:
            seen: set[str] = set()
            rows: list[tuple[str, str, str]] = []
            for part in partitions:
                name = part.name.value
                seen.add(name)
                present = name in existing
                if part.by_subject:
                    changed = self._publish_by_subject(part, present, loader)
                else:
                    lines = [line for unit in part.units for line in ntriples(unit)]
                    report.quads += len(lines)
                    digest = lines_digest(lines)
                    changed = not present or self.published.get(name) != digest
                    if changed:
                        if present:
                            loader.remove_graph(part.name)
                            self.published.forget_graph(name)
                        rows.append((name, "", digest))
                        loader.add(part.name, lines)
                        if len(rows) >= 10_000:
                            self.published.put_many(rows)
                            rows.clear()
                if not present:
                    report.added += 1
                elif changed:
                    report.replaced += 1
                else:
                    report.unchanged += 1
            for stale in existing - seen:
                loader.remove_graph(ox.NamedNode(stale))
                report.removed += 1
            self.published.put_many(rows)
            for stale in self.published.graphs() - seen:
                self.published.forget_graph(stale)
            loader.flush()
            store.flush()
            self.facts.db.commit()
        finally:
            loader.close()
        self.facts.set_meta(publishing=None)
        return report

    def _publish_by_subject(self, part: Partition, present: bool, loader: _Loader) -> bool:
        """Publish a graph kept by subject, rewriting only the subjects whose triples
        changed; returns whether any did."""
        name = part.name.value
        db = self.facts.db
        if present and self.published.get(name) is not None:
            # published whole last time (by an older newsgraph): start it afresh
            loader.remove_graph(part.name)
            present = False
        if not present:
            self.published.forget_graph(name)
        db.execute("CREATE TEMP TABLE IF NOT EXISTS seen_units (unit TEXT PRIMARY KEY)")
        db.execute("DELETE FROM seen_units")
        changed = False
        rows: list[tuple[str, str, str]] = []
        for unit in part.units:
            if not unit:
                continue
            loader.report.quads += len(unit)
            subject = unit[0][0]
            key = str(subject)
            lines = ntriples(unit)
            digest = lines_digest(lines)
            if present:
                db.execute("INSERT OR IGNORE INTO seen_units VALUES (?)", (key,))
                old = self.published.get(name, key)
                if old == digest:
                    continue
                if old is not None:
                    loader.remove_subject(part.name, subject)
            changed = True
            rows.append((name, key, digest))
            loader.add(part.name, lines)
            if len(rows) >= 10_000:
                self.published.put_many(rows)
                rows.clear()
        self.published.put_many(rows)
        if present:
            gone = db.execute(
                "SELECT unit FROM published WHERE graph = ? AND unit != ''"
                " AND unit NOT IN (SELECT unit FROM seen_units)",
                (name,),
            ).fetchall()
            for (key,) in gone:
                changed = True
                loader.remove_subject(part.name, _subject_term(key))
            db.executemany(
                "DELETE FROM published WHERE graph = ? AND unit = ?", [(name, k) for (k,) in gone]
            )
            db.execute("DELETE FROM seen_units")
        return changed

    def export(self, path: str | Path, fmt: ox.RdfFormat, prefixes: dict[str, str]) -> Path:
        """Write the whole store to ``path``; formats without named graphs get their union."""
        path = Path(path)
        try:
            if fmt.supports_datasets:
                self.rdf.dump(path, fmt, prefixes=prefixes)
            else:
                # newsgraph's named graphs share no triple, so their union is their
                # concatenation, streamed without a second store in memory
                ox.serialize(
                    (
                        ox.Triple(q.subject, q.predicate, q.object)
                        for q in self.rdf.quads_for_pattern(None, None, None)
                    ),
                    path,
                    fmt,
                    prefixes=prefixes,
                )
        except OSError as exc:
            raise StoreError(f"{path}: cannot write the export ({exc})") from exc
        return path

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._published = None
        if self._facts is not None:
            self._facts.close()
            self._facts = None
        if self._rdf is not None:
            if not self._read_only:
                self._rdf.flush()
            self._rdf = None
