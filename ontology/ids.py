"""One place that mints node IDs and IRIs, so every export agrees on them.

A node ID is a short, readable, stable path such as ``company/nvidia`` or
``article/5f0c...``; an IRI is the ID under a base IRI the user can choose.

>>> entity_id("Company", "Nvidia")
'company/nvidia'
>>> node_iri("company/nvidia")
'https://newsgraph.example/id/company/nvidia'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

DEFAULT_BASE = "https://newsgraph.example/id/"

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case ASCII slug: accents folded, runs of other characters become ``-``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", folded.lower()).strip("-")
    if not slug:  # a name in a non-Latin script: keep it stable and unique
        slug = "x" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return slug


def short_hash(*parts: str, length: int = 16) -> str:
    """A stable hex digest of the given strings."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def entity_id(type_: str, label: str) -> str:
    """The node ID of an entity of ``type_`` whose canonical label is ``label``."""
    return f"{type_.lower()}/{slugify(label)}"


def article_id(url: str | None, text: str) -> str:
    """An article is its canonical URL when it has one, else its content."""
    key = canonical_url(url) if url else "text:" + " ".join(text.split())
    return "article/" + short_hash(key)


def publisher_id(name: str) -> str:
    return "publisher/" + slugify(name)


def topic_id(name: str) -> str:
    return "topic/" + slugify(name)


def claim_id(article: str, start: int, end: int) -> str:
    return "claim/" + short_hash(article, str(start), str(end))


def node_iri(node_id: str, base: str = DEFAULT_BASE) -> str:
    """The IRI of a node: its ID under ``base``."""
    if not base.endswith(("/", "#")):
        base += "/"
    return base + node_id


_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid)$", re.I)


def canonical_url(url: str) -> str:
    """Normalise a URL for identity: lower-case scheme and host, no fragment, no
    tracking parameters, no trailing slash, ``http`` and ``https`` alike.

    >>> canonical_url("HTTPS://Example.com/a/?utm_source=x#top")
    'https://example.com/a'
    """
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url.strip()
    host = parts.netloc.lower()
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/")
    return urlunsplit(("https", host, path, query, ""))
