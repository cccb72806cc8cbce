"""Publishing to any SPARQL 1.1 store over the Graph Store Protocol.

``newsgraph build --store URL`` sends each named graph with ``PUT URL?graph=IRI``
(N-Triples) and removes graphs it published before but no longer has with
``DELETE URL?graph=IRI``. Only graphs whose triples changed since the last publish to
that URL are sent: their digests are kept in the build's ``facts.sqlite``. Graphs in
the store that newsgraph never wrote are left alone.

>>> target = GraphStore("http://127.0.0.1:7878/store", cache.db)   # doctest: +SKIP
>>> target.publish(partitions)                                     # doctest: +SKIP
"""

from __future__ import annotations

import base64
import logging
import os
import sqlite3
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from graph.errors import StoreError
from graph.store import PublishReport, Triple, graph_digest

if TYPE_CHECKING:
    from exports.rdf import Partition

log = logging.getLogger(__name__)

TIMEOUT = 120.0
"""Seconds to wait for the store to answer one request."""


def check_url(url: str) -> str:
    """An http(s) URL, or a one-line error."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{url}: --store needs an http:// or https:// Graph Store URL")
    return url


class GraphStore:
    """A Graph Store Protocol endpoint, and what newsgraph last published to it.

    Credentials in the URL (``http://user:pass@host/store``) are sent as HTTP Basic auth.
    """

    def __init__(self, url: str, db: sqlite3.Connection) -> None:
        parts = urllib.parse.urlsplit(check_url(url))
        self._auth = None
        if parts.username is not None:
            token = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
            self._auth = "Basic " + base64.b64encode(token.encode()).decode()
            netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
            parts = parts._replace(netloc=netloc)
        self.url = urllib.parse.urlunsplit(parts)
        self.db = db
        with db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS remote_published (target TEXT NOT NULL,"
                " graph TEXT NOT NULL, digest TEXT NOT NULL, PRIMARY KEY (target, graph))"
            )

    # -- HTTP ---------------------------------------------------------------------------

    def _request(self, method: str, graph: str, body: bytes | BinaryIO | None = None) -> int:
        sep = "&" if "?" in self.url else "?"
        url = f"{self.url}{sep}graph={urllib.parse.quote(graph, safe='')}"
        req = urllib.request.Request(url, data=body, method=method)
        if body is not None:
            req.add_header("Content-Type", "application/n-triples")
            if not isinstance(body, bytes):  # a file, sent in blocks
                req.add_header("Content-Length", str(os.fstat(body.fileno()).st_size))
        if self._auth:
            req.add_header("Authorization", self._auth)
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as resp:
                resp.read()
                return resp.status
        except urllib.error.HTTPError as exc:
            if method == "DELETE" and exc.code == 404:  # already gone
                return exc.code
            detail = exc.read(300).decode("utf-8", "replace").strip().splitlines()
            reason = detail[0] if detail else exc.reason
            raise StoreError(
                f"{self.url}: the store refused {method} of <{graph}> (HTTP {exc.code}: {reason})"
            ) from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{self.url}: cannot reach the store ({reason})") from exc

    def put(self, graph: str, triples: Iterable[Triple]) -> None:
        """Replace one named graph with these triples."""
        body = ox.serialize(
            (ox.Triple(s, p, o) for s, p, o in triples), format=ox.RdfFormat.N_TRIPLES
        )
        self._request("PUT", graph, body or b"")

    def put_file(self, graph: str, path: Path) -> None:
        """Replace one named graph with the N-Triples in ``path``."""
        with path.open("rb") as body:
            self._request("PUT", graph, body)

    def delete(self, graph: str) -> None:
        self._request("DELETE", graph)

    # -- publishing ---------------------------------------------------------------------

    def _published(self) -> dict[str, str]:
        rows = self.db.execute(
            "SELECT graph, digest FROM remote_published WHERE target = ?", (self.url,)
        )
        return dict(rows.fetchall())

    def publish(self, partitions: Iterable[Partition]) -> PublishReport:
        """Make the store hold exactly these named graphs (of those newsgraph wrote),
        sending only the ones that changed."""
        report = PublishReport()
        # A digest is recorded only once its PUT succeeded, and a PUT replaces the graph
        # whole, so a publish that is killed half-way is simply finished by the next one.
        old = self._published()
        seen: set[str] = set()
        for part in partitions:
            name = part.name
            seen.add(name.value)
            if part.by_subject:
                changed, count, digest = self._put_big(part, old.get(name.value))
            else:
                triples = list(part.triples())
                count, digest = len(triples), graph_digest(triples)
                changed = old.get(name.value) != digest
                if changed:
                    self.put(name.value, triples)
            report.quads += count
            if not changed:
                report.unchanged += 1
                continue
            report.quads_written += count
            if name.value in old:
                report.replaced += 1
            else:
                report.added += 1
            with self.db:
                self.db.execute(
                    "INSERT OR REPLACE INTO remote_published VALUES (?, ?, ?)",
                    (self.url, name.value, digest),
                )
        for stale in sorted(set(old) - seen):
            self.delete(stale)
            report.removed += 1
            with self.db:
                self.db.execute(
                    "DELETE FROM remote_published WHERE target = ? AND graph = ?",
                    (self.url, stale),
                )
        return report

    def _put_big(self, part: Partition, old: str | None) -> tuple[bool, int, str]:
        """PUT a graph kept by subject if it changed: its N-Triples go through a temporary
        file, so the graph is never in memory whole. Returns (changed, triples, digest);
        the digest adds up those of its subjects, so it does not depend on their order."""
        total, count = 0, 0
        with tempfile.TemporaryDirectory(prefix="newsgraph-put-") as tmp:
            path = Path(tmp) / "graph.nt"
            try:
                with path.open("wb") as fh:
                    for unit in part.units:
                        count += len(unit)
                        total = (total + int(graph_digest(unit), 16)) % (1 << 160)
                        fh.write(
                            ox.serialize(
                                (ox.Triple(s, p, o) for s, p, o in unit),
                                format=ox.RdfFormat.N_TRIPLES,
                            )
                            or b""
                        )
            except OSError as exc:
                raise StoreError(
                    f"{path}: cannot stage <{part.name.value}> for the store "
                    f"({exc.strerror or exc})"
                ) from exc
            digest = f"{total:040x}"
            if digest == old:
                return False, count, digest
            self.put_file(part.name.value, path)
        return True, count, digest
