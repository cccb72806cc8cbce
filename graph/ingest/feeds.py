"""RSS and Atom feeds (feedparser): one article per entry.

An entry with full content (``content:encoded``, Atom ``<content>``) is a full article;
one with only a summary is partial, so the full page wins when both are read. The
feed's own title is the publisher unless the entry names its source.

XML that declares entities or external references is refused before any parsing
(``defusedxml``): a "billion laughs" feed costs nothing.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from typing import Any

from graph.ingest.base import MALFORMED, NO_ARTICLE, UNSAFE, Skipped, UnreadableInput
from graph.ingest.dates import normalize_date
from graph.ingest.htmltext import html_to_text, looks_like_html
from graph.ingest.sniff import ENTITIES_REFUSED, first_tag
from graph.model import Article

_FEED_TAGS = {"rss", "feed", "rdf:rdf", "!doctype rss"}


class FeedReader:
    name = "feed"

    def accepts(self, source: str, head: str) -> bool:
        tag = first_tag(head)
        if tag in _FEED_TAGS:
            return True
        if source.lower().endswith((".rss", ".atom", ".xml", ".rdf")):
            return True
        return head.lstrip("\ufeff \t\r\n").startswith("<?xml") and tag not in (
            "html",
            "!doctype html",
        )

    def read(self, source: str, text: str) -> Iterator[Article | Skipped]:
        _refuse_unsafe_xml(source, text)
        import feedparser

        parsed = feedparser.parse(
            text.encode("utf-8"),
            response_headers={"content-type": "application/xml; charset=utf-8"},
            sanitize_html=True,
            resolve_relative_uris=False,
        )
        entries = parsed.get("entries") or []
        if not entries:
            if parsed.get("bozo"):
                problem = _bozo(parsed.get("bozo_exception"))
                raise UnreadableInput(source, f"malformed feed: {problem}", MALFORMED)
            if not parsed.get("version"):
                raise UnreadableInput(source, "XML, but not an RSS or Atom feed", NO_ARTICLE)
            raise UnreadableInput(source, "feed has no entries", NO_ARTICLE)
        channel = parsed.get("feed") or {}
        publisher = _clean(channel.get("title"))
        for i, entry in enumerate(entries):
            yield _article(entry, f"{source}#{i}", publisher, self.name)


def _refuse_unsafe_xml(source: str, text: str) -> None:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException, EntitiesForbidden
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(
            text.encode("utf-8"), forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except EntitiesForbidden as exc:
        raise UnreadableInput(source, ENTITIES_REFUSED, UNSAFE) from exc
    except DefusedXmlException as exc:
        raise UnreadableInput(
            source, "XML refers to an external document (DTD or entity): refused", UNSAFE
        ) from exc
    except (ParseError, ValueError):
        pass  # malformed XML: feedparser's tolerant parser says what it can read


def _bozo(exc: object) -> str:
    message = str(getattr(exc, "getMessage", lambda: exc)()) if exc else "not well-formed XML"
    line = getattr(exc, "getLineNumber", lambda: None)()
    return f"{message} at line {line}" if line else message


def _article(entry: Any, where: str, publisher: str | None, fmt: str) -> Article | Skipped:
    title = _clean(entry.get("title")) or ""
    content = entry.get("content") or []
    full = max((c.get("value") or "" for c in content), key=len, default="")
    summary = entry.get("summary") or ""
    body = _text(full) or _text(summary)
    if not title and not body:
        return Skipped(where, "feed entry has no title and no text", NO_ARTICLE)
    source_title = (entry.get("source") or {}).get("title")
    return Article.create(
        title=title,
        body=body,
        source=where,
        url=entry.get("link") or None,
        published=_date(entry),
        publisher=_clean(source_title) or publisher,
        topics=tuple(
            dict.fromkeys(t for t in (_clean(x.get("term")) for x in entry.get("tags") or []) if t)
        ),
        partial=not _text(full),
        format=fmt,
    )


def _date(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        date = normalize_date(entry.get(key))
        if date:
            return date
        parsed = entry.get(f"{key}_parsed")  # feedparser's reading, in UTC
        if parsed:
            stamp = dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.timezone.utc)
            return normalize_date(stamp)
    return None


def _text(value: str) -> str:
    return html_to_text(value) if looks_like_html(value) or "&" in value else value.strip()


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = (
        " ".join(html_to_text(value).split())
        if "<" in value or "&" in value
        else " ".join(value.split())
    )
    return text or None
