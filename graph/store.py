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

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from graph.errors import StoreError
from graph.model import ArticleFacts

FACTS_FILE = "facts.sqlite"
RDF_DIR = "store"


class FactsCache:
    """Extracted facts by cache key, in SQLite (one transaction per ``put_many``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(path)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, article TEXT NOT NULL,"
                " source TEXT NOT NULL, json TEXT NOT NULL)"
            )
            self.db.commit()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a newsgraph facts database ({exc})") from exc

    def get(self, key: str) -> ArticleFacts | None:
        row = self.db.execute("SELECT json FROM facts WHERE key = ?", (key,)).fetchone()
        return ArticleFacts.from_dict(json.loads(row[0])) if row else None

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

    def close(self) -> None:
        self.db.close()


class Store:
    """A build's output folder: the facts cache and the RDF store."""

    def __init__(self, out_dir: str | Path, *, create: bool = True) -> None:
        self.out = Path(out_dir)
        if not create and not (self.out / RDF_DIR).is_dir():
            raise StoreError(
                f"{self.out}: no newsgraph store here; run 'newsgraph build PATH -o {self.out}'"
                " first, or pass --store"
            )
        self.out.mkdir(parents=True, exist_ok=True)
        self._facts: FactsCache | None = None
        self._rdf: ox.Store | None = None
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

    def publish_nquads(self, nquads: bytes) -> int:
        """Replace the published graph with the given N-Quads; returns the quad count."""
        store = self.rdf
        store.clear()
        store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        store.optimize()
        store.flush()
        return len(store)

    def close(self) -> None:
        if self._facts is not None:
            self._facts.close()
            self._facts = None
        if self._rdf is not None:
            if not self._read_only:
                self._rdf.flush()
            self._rdf = None
