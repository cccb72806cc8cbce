"""The errors newsgraph raises on purpose.

Every message names the value, where it came from, and what to do about it; the CLI
prints it as one line. Anything else reaching the user is a bug.
"""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base class of every error newsgraph raises for a user's input or setup."""


class InputError(NewsgraphError):
    """A file or record could not be read as an article."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class GazetteerError(NewsgraphError):
    """An entity file (gazetteer YAML) is malformed."""


class ModelError(NewsgraphError):
    """The spaCy pipeline cannot be loaded."""


class StoreError(NewsgraphError):
    """The on-disk store is missing, locked or unreadable."""


class QueryError(NewsgraphError):
    """A SPARQL query is malformed or failed."""
