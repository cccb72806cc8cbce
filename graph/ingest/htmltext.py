"""HTML fragments -> plain text with one paragraph per line.

For the HTML that feeds and JSON exports carry inside a field (``content:encoded``,
``content.rendered``); whole pages go through trafilatura (``graph.ingest.htmlpage``).
The standard library's tolerant parser is enough here: no scripts run, no entities
beyond HTML's own are expanded, and broken markup still yields its text.

>>> html_to_text("<p>One <b>bold</b> line.</p><p>Two&nbsp;lines</p><script>x()</script>")
'One bold line.\\nTwo lines'
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_HIDDEN = {"script", "style", "noscript", "template", "iframe", "svg", "head", "title"}

_LOOKS_LIKE_HTML = re.compile(r"<(?:p|div|br|span|a|b|i|em|strong|ul|li|h[1-6]|img)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """True if ``text`` carries HTML markup rather than plain prose."""
    return bool(_LOOKS_LIKE_HTML.search(text[:5000]))


def html_to_text(fragment: str) -> str:
    """The visible text of an HTML fragment; block elements become line breaks."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    lines = ("".join(parser.parts)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data.replace("\n", " "))
