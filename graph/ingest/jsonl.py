"""JSON and JSON Lines: one article per object.

Accepts a JSON Lines file, a JSON array of objects, an object with an ``articles``
(or ``items``/``data``/``results``...) list, or a single article object. Field names
are the common ones of news APIs and exports (see ``graph.ingest.fields``); HTML in a
text field is turned into plain text. In JSON Lines a bad line is skipped with its line
number and the rest of the file is read; a JSON document with a syntax error is one
skip with the line and column of the error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from graph.ingest.base import MALFORMED, NO_ARTICLE, Skipped, UnreadableInput
from graph.ingest.dates import normalize_date
from graph.ingest.fields import first_str, publisher_of, topics_of
from graph.ingest.htmltext import html_to_text, looks_like_html
from graph.model import Article

_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);", re.I)
_LIST_KEYS = ("articles", "items", "data", "results", "documents", "entries", "posts", "response")
_TITLE = ("title", "headline", "webTitle", "name")
_BODY = (
    "text",
    "body",
    "bodyText",
    "content",
    "article",
    "articleBody",
    "full_text",
    "maintext",
)
_EXCERPT = ("description", "summary", "excerpt", "abstract", "snippet", "lead")
_URL = ("url", "link", "originalUrl", "canonical_url", "webUrl", "uri", "permalink")
_DATE = (
    "published",
    "publishedAt",
    "published_at",
    "publishedDateTime",
    "datePublished",
    "webPublicationDate",
    "pubDate",
    "date",
    "date_publish",
    "created_at",
    "timestamp",
)


class JsonReader:
    name = "json"

    def accepts(self, source: str, head: str) -> bool:
        if source.lower().endswith((".json", ".jsonl", ".ndjson", ".jsonlines")):
            return True
        return head.lstrip("\ufeff \t\r\n")[:1] in ("{", "[")

    def read(self, source: str, text: str) -> Iterator[Article | Skipped]:
        text = text.lstrip("\ufeff")
        try:
            whole = json.loads(text)
        except ValueError as exc:  # JSONDecodeError, or a number too long to convert
            if not _is_json_lines(text):
                raise UnreadableInput(source, f"malformed JSON ({_why(exc)})", MALFORMED) from exc
        except RecursionError as exc:
            raise UnreadableInput(source, "JSON is nested too deeply", MALFORMED) from exc
        else:
            records = _records_of(whole)
            if records is None:
                raise UnreadableInput(
                    source, f"JSON holds a {type(whole).__name__}, not article objects", NO_ARTICLE
                )
            if not records:
                raise UnreadableInput(source, "JSON holds no article objects", NO_ARTICLE)
            for i, record in enumerate(records):
                yield _article_or_skip(record, f"{source}#{i}")
            return
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            where = f"{source}:{lineno}"
            try:
                record = json.loads(line)
            except ValueError as exc:
                yield Skipped(where, f"malformed JSON line ({_why(exc)})", MALFORMED)
                continue
            except RecursionError:
                yield Skipped(where, "JSON is nested too deeply", MALFORMED)
                continue
            yield _article_or_skip(record, where)


def _why(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg.removesuffix(' at')} at line {exc.lineno}, column {exc.colno}"
    return str(exc).split(";")[0]


def _is_json_lines(text: str) -> bool:
    """JSON Lines: the first non-blank line is a JSON value on its own."""
    for line in text.splitlines():
        if line.strip():
            try:
                json.loads(line)
            except (ValueError, RecursionError):
                return False
            return True
    return False


def _records_of(whole: Any) -> list[Any] | None:
    if isinstance(whole, list):
        return whole
    if isinstance(whole, dict):
        for key in _LIST_KEYS:
            value = whole.get(key)
            if isinstance(value, dict):  # {"response": {"results": [...]}} (the Guardian)
                value = _records_of(value)
            if isinstance(value, list):
                return value
        return [whole]
    return None


def _field(record: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first of ``keys`` with text, looking into ``{"rendered": ...}`` objects
    (WordPress) and a nested ``fields`` object (the Guardian)."""
    flat = {
        k: (v.get("rendered") if isinstance(v, dict) and "rendered" in v else v)
        for k, v in record.items()
    }
    nested = record.get("fields")
    if isinstance(nested, dict):
        flat = {**nested, **{k: v for k, v in flat.items() if v not in (None, "")}}
    value = first_str(flat, *keys)
    if value and (looks_like_html(value) or _ENTITY.search(value)):
        value = html_to_text(value)
    return value or None


def _article_or_skip(record: Any, where: str) -> Article | Skipped:
    if not isinstance(record, dict):
        return Skipped(where, f"expected a JSON object, found {type(record).__name__}", MALFORMED)
    title = _field(record, _TITLE) or ""
    body = _field(record, _BODY) or ""
    excerpt = _field(record, _EXCERPT) or ""
    if not title and not body and not excerpt:
        return Skipped(where, "record has no title and no text", NO_ARTICLE)
    date = next((d for d in (normalize_date(record.get(k)) for k in _DATE) if d), None)
    return Article.create(
        title=title,
        body=body or excerpt,
        source=where,
        url=_field(record, _URL),
        published=date,
        publisher=publisher_of(record),
        topics=topics_of(record),
        partial=not body,
        format="json",
    )
