"""A read-only SPARQL 1.1 Protocol endpoint over a build's store.

``GET /sparql?query=...`` and ``POST /sparql`` (form-encoded ``query=`` or an
``application/sparql-query`` body) answer SELECT and ASK as SPARQL JSON, XML, CSV or TSV
and CONSTRUCT/DESCRIBE as Turtle, N-Triples, RDF/XML or JSON-LD, chosen by the Accept
header. Updates are refused (403). Each query has a time limit and a result-size cap;
past either the client gets a 503 or 413 with a one-line reason.

>>> server = make_server(Store("out", create=False))   # doctest: +SKIP
>>> server.serve_forever()                             # doctest: +SKIP
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from graph.query import syntax_error, with_prefixes

log = logging.getLogger(__name__)

ENDPOINT_PATH = "/sparql"

RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
"""Media types of SELECT/ASK results; the first is the default."""

GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
"""Media types of CONSTRUCT/DESCRIBE results; the first is the default."""


@dataclass(frozen=True)
class Limits:
    """How much one query may take: seconds of work and bytes of result."""

    timeout: float = 10.0
    max_bytes: int = 50 * 1024 * 1024


class _Refused(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


class _CappedBuffer:
    """A binary sink that stops the serializer (and so the query) past a deadline or size."""

    def __init__(self, limits: Limits, deadline: float) -> None:
        self.chunks: list[bytes] = []
        self.size = 0
        self.limits = limits
        self.deadline = deadline

    def write(self, data: bytes) -> int:
        if time.monotonic() > self.deadline:
            raise _Refused(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"query timed out after {self.limits.timeout:g} s; narrow it or add a LIMIT",
            )
        self.size += len(data)
        if self.size > self.limits.max_bytes:
            raise _Refused(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"result larger than {self.limits.max_bytes} bytes; add a LIMIT",
            )
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def negotiate(accept: str, offered: dict[str, Any]) -> str:
    """The offered media type the Accept header prefers (q-values honoured)."""
    default = next(iter(offered))
    if not accept.strip():
        return default
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media))
    for neg_q, _, media in sorted(ranked):
        if neg_q == 0:
            break
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*"):
            kind = media.split("/")[0]
            match = next((m for m in offered if kind == "*" or m.startswith(kind + "/")), None)
            if match:
                return match
    raise _Refused(
        HTTPStatus.NOT_ACCEPTABLE,
        f"cannot answer as {accept!r}; accepted: {', '.join(offered)}",
    )


def answer(store: ox.Store, query: str, accept: str, limits: Limits) -> tuple[str, bytes]:
    """Run ``query`` and serialise its result for ``accept``: (media type, body)."""
    deadline = time.monotonic() + limits.timeout
    try:
        result = store.query(with_prefixes(query), use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise _Refused(HTTPStatus.BAD_REQUEST, str(syntax_error(exc, query))) from exc
    except (OSError, ValueError, RuntimeError) as exc:
        raise _Refused(HTTPStatus.BAD_REQUEST, f"query failed: {exc}") from exc
    sink = _CappedBuffer(limits, deadline)
    try:
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, GRAPH_TYPES)
            result.serialize(sink, GRAPH_TYPES[media])
        else:
            media = negotiate(accept, RESULT_TYPES)
            result.serialize(sink, RESULT_TYPES[media])
    finally:
        # pyoxigraph results may only be dropped on the thread that made them; an
        # error's traceback would otherwise carry this one to the request thread
        del result
    return media, b"".join(sink.chunks)


class SparqlHandler(BaseHTTPRequestHandler):
    """Answers ``/sparql``; the server carries ``store`` and ``limits``."""

    server: SparqlServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path != ENDPOINT_PATH:
            return self._error(HTTPStatus.NOT_FOUND, f"no such resource; query {ENDPOINT_PATH}")
        params = parse_qs(url.query)
        if "update" in params:
            return self._read_only()
        if "query" not in params:
            return self._error(HTTPStatus.BAD_REQUEST, "missing 'query' parameter")
        self._query(params["query"][0])

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != ENDPOINT_PATH:
            return self._error(HTTPStatus.NOT_FOUND, f"no such resource; query {ENDPOINT_PATH}")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return self._read_only()
        if ctype == "application/sparql-query":
            return self._query(body)
        if ctype == "application/x-www-form-urlencoded":
            params = parse_qs(body)
            if "update" in params:
                return self._read_only()
            if "query" in params:
                return self._query(params["query"][0])
            return self._error(HTTPStatus.BAD_REQUEST, "missing 'query' parameter")
        return self._error(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            "send application/sparql-query or application/x-www-form-urlencoded",
        )

    def _read_only(self) -> None:
        self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only; updates are refused")

    def _query(self, query: str) -> None:
        accept = self.headers.get("Accept") or ""
        outcome: dict[str, Any] = {}

        def work() -> None:
            try:
                outcome["ok"] = answer(self.server.store, query, accept, self.server.limits)
            except _Refused as exc:
                outcome["refused"] = exc
            except Exception as exc:  # an engine failure: report it, keep serving
                log.exception("query failed")
                outcome["refused"] = _Refused(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))

        if not self.server.slots.acquire(timeout=self.server.limits.timeout):
            return self._error(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries running; retry")
        worker = threading.Thread(target=self._run_and_release, args=(work,), daemon=True)
        worker.start()
        worker.join(self.server.limits.timeout)
        if worker.is_alive():  # still computing: answer now, the thread ends on its own
            return self._error(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"query timed out after {self.server.limits.timeout:g} s; narrow it or add a LIMIT",
            )
        if "refused" in outcome:
            exc = outcome["refused"]
            return self._error(exc.status, str(exc))
        media, body = outcome["ok"]
        self._send(HTTPStatus.OK, media + "; charset=utf-8", body)

    def _run_and_release(self, work: Any) -> None:
        try:
            work()
        finally:
            self.server.slots.release()

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _send(self, status: HTTPStatus, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s " + format, self.address_string(), *args)


class SparqlServer(ThreadingHTTPServer):
    """A threading HTTP server that holds the store, the limits and the query slots."""

    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], store: ox.Store, limits: Limits, max_running: int = 4
    ) -> None:
        super().__init__(address, SparqlHandler)
        self.store = store
        self.limits = limits
        self.slots = threading.BoundedSemaphore(max_running)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{ENDPOINT_PATH}"


def make_server(
    store: ox.Store, host: str = "127.0.0.1", port: int = 7878, limits: Limits | None = None
) -> SparqlServer:
    """A SPARQL endpoint over ``store`` (not yet serving: call ``serve_forever``)."""
    return SparqlServer((host, port), store, limits or Limits())
