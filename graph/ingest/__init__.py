"""Ingest: files, folders and standard input -> ``Article`` records.

>>> from graph.ingest import read
>>> reading = read(["examples/articles"])
>>> titles = [a.title for a in reading]       # doctest: +SKIP
>>> reading.skipped                            # what was not read, and why

Readers are chosen by content as well as by name (``READERS``, first match wins).
A bad file never stops the rest: it is recorded in ``Reading.skipped`` with one line
saying what is wrong with it.
"""

from __future__ import annotations

import logging
import os
import stat
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from graph.errors import InputError
from graph.ingest.base import (
    EMPTY,
    KINDS,
    MISSING,
    TOO_LARGE,
    UNREADABLE,
    Reader,
    Skipped,
    UnreadableInput,
)
from graph.ingest.decoding import decode
from graph.ingest.feeds import FeedReader
from graph.ingest.frontmatter import FrontMatterReader
from graph.ingest.htmlpage import HtmlReader
from graph.ingest.jsonl import JsonReader
from graph.ingest.plaintext import PlainTextReader
from graph.model import Article

log = logging.getLogger(__name__)

READERS: list[Reader] = [
    HtmlReader(),
    FeedReader(),
    FrontMatterReader(),
    JsonReader(),
    PlainTextReader(),
]
"""The readers, most specific first; the plain-text reader takes whatever is left."""

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
_SKIP_DIRS = {".git", "__pycache__", "node_modules", ".venv"}

__all__ = [
    "DEFAULT_MAX_BYTES",
    "KINDS",
    "READERS",
    "Reading",
    "Skipped",
    "decode",
    "read",
    "read_bytes",
    "read_text",
    "summarize",
]


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
                self._skip(Skipped(exc.source, exc.problem, getattr(exc, "kind", UNREADABLE)))
            except (RecursionError, ValueError, LookupError, TypeError) as exc:
                # A reader bug on strange input must not cost the rest of the build.
                log.debug("reader failed on %s", source, exc_info=True)
                name = "<stdin>" if source == "-" else source
                problem = f"could not be read ({type(exc).__name__}: {exc})"
                self._skip(Skipped(name, problem, UNREADABLE))

    def _skip(self, item: Skipped) -> None:
        self.skipped.append(item)
        log.info("skipped %s", item)
        if self._on_skip:
            self._on_skip(item)


def read(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Reading:
    """Read articles from files, folders (recursively) and ``-`` (standard input).

    Files over ``max_bytes`` are skipped unread. Iterate the result for the articles;
    afterwards ``.skipped`` lists what was not read and why.
    """
    return Reading(paths, max_bytes=max_bytes, on_skip=on_skip)


def read_bytes(data: bytes, source: str = "<bytes>") -> list[Article | Skipped]:
    """The articles (and skipped records) of one document given as bytes.

    Raises ``InputError`` when the whole document cannot be read.
    """
    return list(_parse(source, decode(source, data)))


def read_text(text: str, source: str = "<text>") -> list[Article]:
    """Read the articles of one document given as a string (handy in notebooks)."""
    return [a for a in _parse(source, text) if isinstance(a, Article)]


def summarize(skipped: Iterable[Skipped]) -> str:
    """``"3 skipped: 2 binary, 1 malformed"``: the skips counted by kind."""
    counts = Counter(s.kind for s in skipped)
    total = sum(counts.values())
    if not total:
        return "0 skipped"
    parts = ", ".join(f"{n} {kind}" for kind, n in counts.most_common())
    return f"{total} skipped: {parts}"


def _expand(paths: list[str], skip: Callable[[Skipped], None]) -> Iterator[str]:
    for raw in paths:
        if raw == "-":
            yield "-"
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, skip)
        elif path.exists():
            yield raw  # a named FIFO or /dev/stdin is fine when asked for by name
        elif path.is_symlink():
            skip(Skipped(raw, "broken symbolic link", MISSING))
        else:
            skip(Skipped(raw, "no such file or folder", MISSING))


def _walk(folder: Path, skip: Callable[[Skipped], None]) -> Iterator[str]:
    def unreadable(exc: OSError) -> None:
        where = exc.filename or str(folder)
        skip(Skipped(where, f"cannot read folder: {exc.strerror or exc}", UNREADABLE))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                problem = "broken symbolic link" if os.path.islink(path) else exc.strerror
                skip(Skipped(path, f"cannot read: {problem}", UNREADABLE))
                continue
            if not stat.S_ISREG(mode):
                skip(Skipped(path, "not a regular file (a pipe, socket or device)", UNREADABLE))
                continue
            yield path


def _read_one(source: str, max_bytes: int) -> Iterator[Article | Skipped]:
    if source == "-":
        source = "<stdin>"
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            size = os.path.getsize(source)
            if size > max_bytes:
                raise UnreadableInput(
                    source,
                    f"file is {size:,} bytes, over the limit of {max_bytes:,} "
                    "(raise it with --max-bytes)",
                    TOO_LARGE,
                )
            with open(source, "rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise UnreadableInput(
                source, f"cannot read: {exc.strerror or exc}", UNREADABLE
            ) from exc
    if len(data) > max_bytes:
        raise UnreadableInput(
            source,
            f"input is over the limit of {max_bytes:,} bytes (raise it with --max-bytes)",
            TOO_LARGE,
        )
    if not data.strip():
        raise UnreadableInput(source, "empty file" if data == b"" else "blank file", EMPTY)
    yield from _parse(source, decode(source, data))


def _parse(source: str, text: str) -> Iterator[Article | Skipped]:
    if not text.strip():
        raise UnreadableInput(source, "no text (only white space)", EMPTY)
    head = text[:4096]
    reader = next(r for r in READERS if r.accepts(source, head))
    yield from reader.read(source, text)
