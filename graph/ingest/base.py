"""The reader interface: one small class per input format.

A reader says whether it can read a document (by its name and its first characters)
and turns the decoded text into articles. A new format is one new module with one
such class, added to ``READERS`` in ``graph/ingest/__init__.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from graph.model import Article


@dataclass(frozen=True)
class Skipped:
    """An input, or one record of it, that was not read, and why."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


class Reader(Protocol):
    """Reads one input format."""

    name: str
    """Short format name, recorded on each article (``frontmatter``, ``jsonl`` ...)."""

    def accepts(self, source: str, head: str) -> bool:
        """True if this reader should read ``source``, whose text starts with ``head``."""
        ...

    def read(self, source: str, text: str) -> Iterator[Article | Skipped]:
        """Yield the articles in ``text``.

        Raise ``InputError`` when the whole document is unreadable; a reader of many
        records (JSON Lines, feeds) yields ``Skipped`` for one bad record and goes on.
        """
        ...
