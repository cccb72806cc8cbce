"""YAML front-matter documents: ``---`` / YAML / ``---`` / optional body.

The example corpus form (an aggregator's export): ``title``, ``excerpt``,
``publishedDateTime``, ``originalUrl``/``webUrl``, ``provider.name``, ``topics`` and a
``related:`` list whose entries become articles of their own. The usual static-site
keys (``date``, ``url``, ``tags``, ``source``...) are read too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from graph.ingest.base import MALFORMED, NO_ARTICLE, Skipped, UnreadableInput
from graph.ingest.dates import normalize_date
from graph.ingest.fields import first_str, publisher_of, topics_of
from graph.model import Article, RelatedRef

_FENCE = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)(.*)\Z", re.S
)


class FrontMatterReader:
    name = "frontmatter"

    def accepts(self, source: str, head: str) -> bool:
        return head.lstrip("\ufeff").startswith("---")

    def read(self, source: str, text: str) -> Iterator[Article | Skipped]:
        match = _FENCE.match(text)
        if not match:
            raise UnreadableInput(
                source, "malformed front matter: starts with '---' but has no closing '---'"
            )
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            raise UnreadableInput(source, f"malformed front matter: {_yaml_problem(exc)}") from exc
        except RecursionError as exc:
            raise UnreadableInput(source, "malformed front matter: nested too deeply") from exc
        if not isinstance(meta, dict):
            raise UnreadableInput(
                source, "malformed front matter: not a YAML mapping of fields", MALFORMED
            )
        body = match.group(2).strip()

        related_articles = []
        related = meta.get("related") or []
        if not isinstance(related, list):
            yield Skipped(f"{source}#related", "related: is not a list of entries", MALFORMED)
            related = []
        for i, entry in enumerate(related):
            where = f"{source}#related[{i}]"
            if not isinstance(entry, dict) or not first_str(entry, "title"):
                yield Skipped(where, "related entry has no title", NO_ARTICLE)
                continue
            related_articles.append(_article(entry, "", where, self.name, partial=True))

        main = _article(
            meta,
            body,
            source,
            self.name,
            partial=not body,
            related=tuple(RelatedRef(a.id, a.title, a.url) for a in related_articles),
        )
        if not main.text:
            raise UnreadableInput(
                source, "front matter has neither a title nor any text", NO_ARTICLE
            )
        yield main
        yield from related_articles


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """PyYAML's complaint with file line numbers (the YAML starts on line 2)."""

    def at(mark: object) -> str:
        return f" (line {mark.line + 2})" if mark is not None else ""

    problem = getattr(exc, "problem", None) or "invalid YAML"
    where = at(getattr(exc, "problem_mark", None))
    context = getattr(exc, "context", None)
    if context:
        return f"{context}{at(getattr(exc, 'context_mark', None))}, {problem}{where}"
    return f"{problem}{where}"


def _article(
    meta: dict[str, Any],
    body: str,
    source: str,
    fmt: str,
    *,
    partial: bool,
    related: tuple[RelatedRef, ...] = (),
) -> Article:
    title = first_str(meta, "title", "headline", "name") or ""
    excerpt = first_str(meta, "excerpt", "description", "summary", "subtitle") or ""
    text = "\n\n".join(part for part in (excerpt, body) if part)
    return Article.create(
        title=title,
        body=text,
        source=source,
        url=first_str(meta, "originalUrl", "canonical_url", "url", "webUrl", "link"),
        published=normalize_date(
            meta.get("publishedDateTime")
            or meta.get("date")
            or meta.get("published")
            or meta.get("datePublished")
        ),
        publisher=publisher_of(meta),
        topics=topics_of(meta),
        related=related,
        partial=partial,
        format=fmt,
    )
