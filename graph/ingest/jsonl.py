"""JSON and JSON Lines: one article per object.

Accepts a JSON Lines file, a JSON array of objects, an object with an ``articles``
(or ``items``/``data``/``results``) list, or a single article object. Field names are
the common ones (see ``graph.ingest.fields``); a bad line is skipped with its line
number and the rest of the file is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from graph.errors import InputError
from graph.ingest.base import Skipped
from graph.ingest.dates import normalize_date
from graph.ingest.fields import first_str, publisher_of, topics_of
from graph.model import Article

_LIST_KEYS = ("articles", "items", "data", "results", "documents", "entries", "posts")


class JsonReader:
    name = "json"

    def accepts(self, source: str, head: str) -> bool:
        lower = source.lower()
        return lower.endswith((".json", ".jsonl", ".ndjson")) or head.lstrip("\ufeff \t\r\n")[
            :1
        ] in ("{", "[")

    def read(self, source: str, text: str) -> Iterator[Article | Skipped]:
        text = text.lstrip("\ufeff")
        try:
            whole = json.loads(text)
        except json.JSONDecodeError:
            whole = None  # not one JSON document: JSON Lines
        except RecursionError as exc:
            raise InputError(source, "JSON is nested too deeply") from exc
        if whole is not None:
            records = _records_of(whole)
            if records is None:
                raise InputError(source, "JSON holds no article objects")
            for i, record in enumerate(records):
                yield _article_or_skip(record, f"{source}#{i}")
            return
        good = 0
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            where = f"{source}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Skipped(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
                continue
            except RecursionError:
                yield Skipped(where, "JSON is nested too deeply")
                continue
            item = _article_or_skip(record, where)
            good += isinstance(item, Article)
            yield item
        if not good and not text.strip():
            raise InputError(source, "empty JSON file")


def _records_of(whole: Any) -> list[Any] | None:
    if isinstance(whole, list):
        return whole
    if isinstance(whole, dict):
        for key in _LIST_KEYS:
            if isinstance(whole.get(key), list):
                return whole[key]
        return [whole]
    return None


def _article_or_skip(record: Any, where: str) -> Article | Skipped:
    if not isinstance(record, dict):
        return Skipped(where, f"expected a JSON object, found {type(record).__name__}")
    title = first_str(record, "title", "headline", "name") or ""
    body = (
        first_str(
            record,
            "text",
            "body",
            "content",
            "article",
            "articleBody",
            "full_text",
            "description",
            "summary",
            "excerpt",
        )
        or ""
    )
    if not title and not body:
        return Skipped(where, "record has no title and no text")
    return Article.create(
        title=title,
        body=body,
        source=where,
        url=first_str(record, "url", "link", "originalUrl", "webUrl", "canonical_url", "uri"),
        published=normalize_date(
            record.get("published")
            or record.get("publishedAt")
            or record.get("date")
            or record.get("pubDate")
            or record.get("datePublished")
            or record.get("publishedDateTime")
            or record.get("created_at")
        ),
        publisher=publisher_of(record),
        topics=topics_of(record),
        partial=not body,
        format="json",
    )
