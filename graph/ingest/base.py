"""The reader interface: one small class per input format.

A reader says whether it can read a document (by its name and its first characters)
and turns the decoded text into articles. A new format is one new module with one
such class, added to ``READERS`` in ``graph/ingest/__init__.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from graph.errors import InputError
from graph.model import Article

# Why an input was skipped, one short word or phrase each: what the CLI groups its
# summary by ("3 skipped: 2 binary, 1 malformed").
MISSING = "missing"
UNREADABLE = "unreadable"
TOO_LARGE = "too large"
EMPTY = "empty"
BINARY = "binary"
ENCODING = "encoding"
MALFORMED = "malformed"
UNSAFE = "unsafe"
NO_ARTICLE = "no article"

KINDS = (MISSING, UNREADABLE, TOO_LARGE, EMPTY, BINARY, ENCODING, MALFORMED, UNSAFE, NO_ARTICLE)


@dataclass(frozen=True)
class Skipped:
    """An input, or one record of it, that was not read, and why.

    ``kind`` is one of ``KINDS``, for summaries; ``problem`` is the sentence for people.
    """

    source: str
    problem: str
    kind: str = MALFORMED

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


class UnreadableInput(InputError):
    """A whole input (file, standard input) that cannot be read as articles."""

    def __init__(self, source: str, problem: str, kind: str = MALFORMED) -> None:
        super().__init__(source, problem)
        self.kind = kind


class Reader(Protocol):
    """Reads one input format."""

    name: str
    """Short format name, recorded on each article (``frontmatter``, ``json`` ...)."""

    def accepts(self, source: str, head: str) -> bool:
        """True if this reader should read ``source``, whose text starts with ``head``."""
        ...

    def read(self, source: str, text: str) -> Iterator[Article | Skipped]:
        """Yield the articles in ``text``.

        Raise ``UnreadableInput`` (an ``InputError``) when the whole document is
        unreadable; a reader of many records (JSON Lines, feeds) yields ``Skipped`` for
        one bad record and goes on.
        """
        ...
