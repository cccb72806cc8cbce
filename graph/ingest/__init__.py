"""Ingest: files, folders and standard input -> ``Article`` records.

>>> from graph.ingest import read
>>> reading = read(["examples/articles"])
>>> titles = [a.title for a in reading]       # doctest: +SKIP
>>> reading.skipped                            # what was not read, and why

Readers are chosen by content as well as by name (``READERS``, first match wins).
A bad file never stops the rest: it is recorded in ``Reading.skipped``.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from graph.errors import InputError
from graph.ingest.base import Reader, Skipped
from graph.ingest.frontmatter import FrontMatterReader
from graph.ingest.jsonl import JsonReader
from graph.ingest.plaintext import PlainTextReader
from graph.model import Article

log = logging.getLogger(__name__)

READERS: list[Reader] = [FrontMatterReader(), JsonReader(), PlainTextReader()]
"""The readers, most specific first; the plain-text reader takes whatever is left."""

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_SKIP_DIRS = {".git", "__pycache__", "node_modules", ".venv"}

__all__ = ["READERS", "Reading", "Skipped", "read", "read_text"]


class Reading:
    """An iterator over the articles of some inputs that remembers what it skipped."""

    def __init__(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        max_bytes: int,
        on_skip: Callable[[Skipped], None] | None,
    ) -> None:
        self._paths = [str(p) for p in paths]
        self._max_bytes = max_bytes
        self._on_skip = on_skip
        self.skipped: list[Skipped] = []
        self.files = 0

    def __iter__(self) -> Iterator[Article]:
        for source in _expand(self._paths, self._skip):
            self.files += 1
            try:
                for item in _read_one(source, self._max_bytes):
                    if isinstance(item, Skipped):
                        self._skip(item)
                    else:
                        yield item
            except InputError as exc:
                self._skip(Skipped(exc.source, exc.problem))

    def _skip(self, item: Skipped) -> None:
        self.skipped.append(item)
        log.warning("skipped %s", item)
        if self._on_skip:
            self._on_skip(item)


def read(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Reading:
    """Read articles from files, folders (recursively) and ``-`` (standard input)."""
    return Reading(paths, max_bytes=max_bytes, on_skip=on_skip)


def read_text(text: str, source: str = "<text>") -> list[Article]:
    """Read the articles of one document given as a string (handy in notebooks)."""
    return [a for a in _parse(source, text) if isinstance(a, Article)]


def _expand(paths: list[str], skip: Callable[[Skipped], None]) -> Iterator[str]:
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield os.path.join(root, name)
        elif path.exists():
            yield raw
        else:
            skip(Skipped(raw, "no such file or folder"))


def _read_one(source: str, max_bytes: int) -> Iterator[Article | Skipped]:
    if source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        source = "<stdin>"
    else:
        try:
            size = os.path.getsize(source)
            if size > max_bytes:
                raise InputError(
                    source,
                    f"file is {size:,} bytes, over the limit of "
                    f"{max_bytes:,} (raise it with --max-bytes)",
                )
            with open(source, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(source, f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise InputError(source, f"input is over the limit of {max_bytes:,} bytes")
    yield from _parse(source, decode(source, data))


def _parse(source: str, text: str) -> Iterator[Article | Skipped]:
    if not text.strip():
        raise InputError(source, "empty file")
    head = text[:2048]
    reader = next(r for r in READERS if r.accepts(source, head))
    yield from reader.read(source, text)


def decode(source: str, data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, "invalid UTF-16 text") from exc
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc
