"""Plain-text pages: text copied or scraped from a web page, furniture and all.

The page states its title, date and publisher somewhere in its first lines, among
navigation words and banners. This reader finds them and keeps only the article:

- the title is a line the page repeats (breadcrumb, then heading), or the substantial
  line just before a date line, or else the first substantial line;
- the date is a line near the title that is essentially a date;
- the publisher is a short name line in the page header (a masthead, a site name);
- page furniture (app-store banners, cookie notices, chat widgets, "Got it", share
  buttons) is dropped wherever it stands; the header above the title and the short
  tag lines below the last paragraph are dropped too.

Lines are kept as lines, so nothing downstream can join words across them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from graph.ingest.base import NO_ARTICLE, Skipped, UnreadableInput
from graph.ingest.dates import find_date
from graph.model import Article

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣–]|\d{1,2}[.)]|#{1,6})\s+")  # and Markdown headings

# Whole lines that are page furniture, not article text.
_FURNITURE = [
    re.compile(p, re.I)
    for p in (
        r"^(got it|ok(ay)?|accept( all)?( cookies)?|reject( all)?|close|dismiss|menu|search"
        r"|home|posts?|subscribe( now)?|sign ?(in|up)|log ?(in|out)|register|share( this)?"
        r"|tweet|email|print|copy link|skip to (main )?content|read more|advertisement"
        r"|sponsored|related( articles| posts| stories)?|more stories|newsletter|follow us"
        r"|back to top|load more|comments?|view comments|listen|download( the)? app)$",
        r"\b(app ?store|play ?store|google play)\b.*\bbanner\b",
        r"\bbanner\b.*\b(app ?store|play ?store)\b",
        r"^live chat\b|\bchat (with us )?(via|on) whatsapp\b",
        r"\bcookies?\b.*\b(consent|accept|policy|settings|preferences|use of)\b",
        r"\bwe use cookies\b",
        r"\bcover image$|^image( credit| source)?:|^photo( credit)?:|^(getty|shutterstock) images?$",
        r"^((podcast|article|episode) )?(summary )?(created|powered|generated) (with|by)\b",
        r"^all rights reserved|^©|^copyright\b",
        r"^(open in|get the) app$|^install (our|the) app\b",
        r"^(sign up|subscribe) (for|to) (our|the)\b",
        r"^stay tuned!?$",
    )
]

_SENTENCE_END = re.compile(r"[.!?…:\"”’)]\s*$")


def is_furniture(line: str) -> bool:
    """True for a line that is page furniture (navigation, banners, widgets)."""
    text = line.strip()
    return bool(text) and len(text.split()) <= 20 and any(p.search(text) for p in _FURNITURE)


def _is_substantial(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 40 and not is_furniture(line)


def _is_name_line(line: str) -> bool:
    """A short masthead-like line: one to three capitalised words, no sentence."""
    words = line.split()
    return (
        1 <= len(words) <= 3
        and line[:1].isupper()
        and not _SENTENCE_END.search(line)
        and not is_furniture(line)
        and find_date(line) is None
    )


class PlainTextReader:
    """The fallback reader: any text that no structured reader claims."""

    name = "text"

    def accepts(self, source: str, head: str) -> bool:
        return True

    def read(self, source: str, text: str) -> Iterator[Article | Skipped]:
        page = parse_page(text)
        if not page.body:
            raise UnreadableInput(
                source, "no article text (only a title line, or only page furniture)", NO_ARTICLE
            )
        yield Article.create(
            title=page.title,
            body=page.body,
            source=source,
            published=page.published,
            publisher=page.publisher,
            format=self.name,
        )


class Page:
    """The parts of a plain-text page."""

    def __init__(self, title: str, body: str, published: str | None, publisher: str | None) -> None:
        self.title = title
        self.body = body
        self.published = published
        self.publisher = publisher


def parse_page(text: str) -> Page:
    """Split a plain-text page into title, body, date and publisher."""
    lines = [_BULLET.sub("", raw).strip() for raw in text.replace("\r\n", "\n").split("\n")]
    idx = [i for i, line in enumerate(lines) if line]  # indexes of non-empty lines
    if not idx:
        return Page("", "", None, None)
    head = idx[:12]

    title_at = _find_title(lines, head)
    published, date_at = None, None
    if title_at is not None:
        pos = idx.index(title_at)
        for j in idx[max(0, pos - 2) : pos + 4]:
            found = find_date(lines[j]) if j != title_at else None
            if found:
                published, date_at = found, j
                break

    # The header runs to the title, then over any date / masthead lines right after it.
    header_end = title_at if title_at is not None else -1
    if title_at is not None:
        for j in idx[idx.index(title_at) + 1 :]:
            if j == date_at or (j <= (date_at or title_at) + 2 and _is_name_line(lines[j])):
                header_end = j
            else:
                break
    publisher = None
    for j in idx:
        if j > max(header_end, (date_at or -1)):
            break
        if j != title_at and _is_name_line(lines[j]) and lines[j].lower() not in _NAV_WORDS:
            publisher = lines[j]
            break

    body_lines = [lines[j] for j in idx if j > header_end and not is_furniture(lines[j])]
    # Tag and category lists under the last paragraph ("Industry", "Cobalt & Lithium").
    while (
        body_lines and len(body_lines[-1].split()) <= 4 and not _SENTENCE_END.search(body_lines[-1])
    ):
        body_lines.pop()
    title = lines[title_at] if title_at is not None else ""
    if body_lines and body_lines[0] == title:
        body_lines.pop(0)
    return Page(title, "\n".join(body_lines), published, publisher)


_NAV_WORDS = {"home", "posts", "news", "blog", "articles", "latest", "menu", "topics"}


def _find_title(lines: list[str], head: list[int]) -> int | None:
    # A heading repeated straight after its breadcrumb: the page's own title.
    for a, b in itertools.pairwise(head):
        if lines[a] == lines[b] and _is_substantial(lines[a]):
            return b
    # The substantial line just above the first date line of the header.
    for pos, j in enumerate(head):
        if find_date(lines[j]):
            for k in reversed(head[max(0, pos - 3) : pos]):
                if _is_substantial(lines[k]) and not lines[k].endswith("!"):
                    return k
            break
    for j in head:
        if _is_substantial(lines[j]) and len(lines[j].split()) <= 25:
            return j
    return head[0] if len(lines[head[0]].split()) <= 25 else None
