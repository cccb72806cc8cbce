"""Small helpers the extraction tests share."""

from __future__ import annotations

from graph.extract import Extractor
from graph.model import Article, ArticleFacts


def facts_of(extractor: Extractor, text: str) -> ArticleFacts:
    """What ``extractor`` finds in ``text`` as an untitled article's body."""
    return extractor.extract(Article.create(title="", body=text, source="test.txt"))


def entities_of(extractor: Extractor, text: str) -> dict[str, tuple[str, list[str]]]:
    """The entities extracted from ``text`` as a body: label -> (type, mention texts)."""
    facts = facts_of(extractor, text)
    return {e.label: (e.type, [m.text for m in e.mentions]) for e in facts.entities}


def types_of(extractor: Extractor, text: str) -> dict[str, str]:
    """The entities extracted from ``text`` as a body: label -> type."""
    return {label: type_ for label, (type_, _) in entities_of(extractor, text).items()}
