"""HTML pages: the article's main text (trafilatura) and the page's own metadata.

trafilatura drops navigation, banners, share buttons and footers, and reads the title,
site name, canonical URL and date from the page's metadata (Open Graph, JSON-LD,
``<meta>``). The publication time with its time zone is taken from the page's own
``article:published_time`` / ``datePublished`` / ``<time datetime>`` when it has one,
since trafilatura keeps only the day.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser

from graph.ingest.base import NO_ARTICLE, UNSAFE, Skipped, UnreadableInput
from graph.ingest.dates import normalize_date
from graph.ingest.sniff import ENTITIES_REFUSED, first_tag
from graph.model import Article

log = logging.getLogger(__name__)

_HTML_TAGS = {"!doctype html", "html", "head", "body", "meta", "title", "div", "p", "article"}
# "Enable JavaScript to read this page": never the article.
_NOSCRIPT = re.compile(r"<noscript\b.*?</noscript\s*>", re.I | re.S)
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.created",
    "date",
    "pubdate",
    "publishdate",
    "sailthru.date",
    "parsely-pub-date",
)


class HtmlReader:
    name = "html"

    def accepts(self, source: str, head: str) -> bool:
        tag = first_tag(head)
        if tag in _HTML_TAGS:
            return True
        return source.lower().endswith((".html", ".htm", ".xhtml")) and tag not in (
            "rss",
            "feed",
            "rdf:rdf",
        )

    def read(self, source: str, text: str) -> Iterator[Article | Skipped]:
        root = re.search(r"<(?:html|body)\b", text, re.I)
        if "<!ENTITY" in text[: root.start() if root else len(text)]:
            raise UnreadableInput(source, ENTITIES_REFUSED, UNSAFE)
        import trafilatura

        doc = trafilatura.bare_extraction(
            _NOSCRIPT.sub(" ", text),
            with_metadata=True,
            include_comments=False,
            include_tables=True,
        )
        body = (doc.text or "").strip() if doc is not None else ""
        meta = _page_meta(text)
        title = (doc.title if doc is not None else None) or meta.get("title") or ""
        if not body:
            raise UnreadableInput(source, "no article text found in the HTML page", NO_ARTICLE)
        published = meta.get("published") or normalize_date(doc.date)
        yield Article.create(
            title=title,
            body=body,
            source=source,
            url=doc.url or meta.get("url"),
            published=published,
            publisher=doc.sitename or meta.get("publisher"),
            topics=tuple(dict.fromkeys([*(doc.categories or []), *(doc.tags or [])])),
            format=self.name,
        )


def _page_meta(text: str) -> dict[str, str]:
    """Publication time, title, URL and publisher from the page's head, as written."""
    parser = _MetaParser()
    try:
        parser.feed(text[:300_000])
        parser.close()
    except (AssertionError, ValueError):  # the stdlib parser gives up on some garbage
        pass
    found: dict[str, str] = {}
    for name in _PUBLISHED_META:
        for raw in parser.meta.get(name, []):
            date = normalize_date(raw)
            if date:
                found["published"] = date
                break
        if "published" in found:
            break
    if "published" not in found:
        for raw in parser.times:
            date = normalize_date(raw)
            if date:
                found["published"] = date
                break
    for key, names in (
        ("title", ("og:title", "twitter:title", "<title>")),
        ("url", ("og:url", "<canonical>")),
        ("publisher", ("og:site_name", "application-name")),
    ):
        for name in names:
            if parser.meta.get(name):
                found[key] = " ".join(parser.meta[name][0].split())
                break
    return found


class _MetaParser(HTMLParser):
    """Collects ``<meta>`` values, JSON-LD ``datePublished`` and ``<time datetime>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, list[str]] = {}
        self.times: list[str] = []
        self._in: str | None = None
        self._buf: list[str] = []

    def _add(self, name: str, value: str | None) -> None:
        if value and value.strip():
            self.meta.setdefault(name.lower(), []).append(value.strip())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v for k, v in attrs}
        if tag == "meta":
            name = a.get("property") or a.get("name") or a.get("itemprop")
            if name:
                self._add(name, a.get("content"))
        elif tag == "link" and "canonical" in (a.get("rel") or "").lower().split():
            self._add("<canonical>", a.get("href"))
        elif tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"] or "")
        elif tag == "title" or (tag == "script" and a.get("type") == "application/ld+json"):
            self._in, self._buf = tag, []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != self._in:
            return
        content = "".join(self._buf)
        self._in = None
        if tag == "title":
            self._add("<title>", content)
            return
        try:
            data = json.loads(content)
        except (ValueError, RecursionError):
            return
        for item in _jsonld_items(data):
            self._add("datepublished", item.get("datePublished"))


def _jsonld_items(data: object) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _jsonld_items(item)
    elif isinstance(data, dict):
        if isinstance(data.get("datePublished"), str):
            yield data
        yield from _jsonld_items(data.get("@graph"))
