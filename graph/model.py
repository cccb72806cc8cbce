"""The records that flow between the stages: ingest -> extract -> build.

All of them are frozen dataclasses with ``to_dict``/``from_dict``, so they can be cached
on disk and printed as the JSON contract of ``newsgraph extract`` (see DESIGN.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ontology.ids import article_id


@dataclass(frozen=True)
class RelatedRef:
    """A pointer from an article to one of its related articles."""

    id: str
    title: str
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "url": self.url}


@dataclass(frozen=True)
class Article:
    """One article as read from the input.

    ``text`` is what is mined for entities and claims (title, a blank line, then the
    body, page furniture removed); every character offset newsgraph reports is an
    offset into it.
    """

    id: str
    title: str
    text: str
    source: str
    url: str | None = None
    published: str | None = None
    publisher: str | None = None
    topics: tuple[str, ...] = ()
    related: tuple[RelatedRef, ...] = ()
    partial: bool = False
    """True when only a title and excerpt are known (a ``related:`` entry)."""
    format: str = ""

    @classmethod
    def create(
        cls,
        *,
        title: str,
        body: str,
        source: str,
        url: str | None = None,
        **fields: Any,
    ) -> Article:
        """Build an article from a title and body, minting its ID from URL or content."""
        title = " ".join(title.split())
        body = body.strip()
        text = f"{title}\n\n{body}" if title and body else (title or body)
        return cls(
            id=article_id(url, text), title=title, text=text, source=source, url=url, **fields
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "publisher": self.publisher,
            "source": self.source,
            "topics": list(self.topics),
            "partial": self.partial,
            "format": self.format,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], related: list[dict[str, Any]] = ()) -> Article:
        return cls(
            id=data["id"],
            title=data["title"],
            text=data["text"],
            source=data["source"],
            url=data.get("url"),
            published=data.get("published"),
            publisher=data.get("publisher"),
            topics=tuple(data.get("topics", ())),
            related=tuple(RelatedRef(r["id"], r["title"], r.get("url")) for r in related),
            partial=data.get("partial", False),
            format=data.get("format", ""),
        )


@dataclass(frozen=True)
class Mention:
    """Where an entity is named: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Entity:
    """An entity as found in one article, with all its mentions there."""

    id: str
    label: str
    type: str
    mentions: tuple[Mention, ...]
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    generic: bool = False
    source: str = "model"
    """How it was recognised: ``gazetteer``, ``pattern`` or ``model``."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "type": self.type,
            "wikidata": self.wikidata,
            "mentions": [m.to_dict() for m in self.mentions],
            "aliases": list(self.aliases),
            "source": self.source,
        }
        if self.generic:
            out["generic"] = True
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            id=data["id"],
            label=data["label"],
            type=data["type"],
            mentions=tuple(Mention(**m) for m in data["mentions"]),
            wikidata=data.get("wikidata"),
            aliases=tuple(data.get("aliases", ())),
            generic=data.get("generic", False),
            source=data.get("source", "model"),
        )


@dataclass(frozen=True)
class EntityRef:
    id: str
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label}


@dataclass(frozen=True)
class Quantity:
    """A number stated in a claim, normalised: ``$700,000 a day`` -> 700000 USD per day."""

    text: str
    value: float
    unit: str
    per: str | None = None
    qualifier: str | None = None
    """``more than``, ``about``, ``up to`` ... as written."""

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "text": self.text,
            "value": value,
            "unit": self.unit,
            "per": self.per,
            "qualifier": self.qualifier,
        }


@dataclass(frozen=True)
class Claim:
    """A statement in an article: who said it, what about, with which numbers."""

    id: str
    text: str
    kind: str
    """``quote``, ``prediction``, ``quantitative`` or ``assertion``."""
    start: int
    end: int
    speaker: EntityRef | None = None
    about: tuple[EntityRef, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    cue: str | None = None
    """The reporting verb or phrase that attributes it ("said", "according to")."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "about": [a.to_dict() for a in self.about],
            "quantities": [q.to_dict() for q in self.quantities],
            "start": self.start,
            "end": self.end,
            "cue": self.cue,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        speaker = data.get("speaker")
        return cls(
            id=data["id"],
            text=data["text"],
            kind=data["kind"],
            start=data["start"],
            end=data["end"],
            speaker=EntityRef(**speaker) if speaker else None,
            about=tuple(EntityRef(**a) for a in data.get("about", ())),
            quantities=tuple(Quantity(**q) for q in data.get("quantities", ())),
            cue=data.get("cue"),
        )


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article: the unit that is cached and built."""

    article: Article
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    extractor: dict[str, str] = field(default_factory=dict)
    """Provenance: model name and version, newsgraph version, extraction time."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``newsgraph extract`` (DESIGN.md)."""
        return {
            "article": self.article.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "claims": [c.to_dict() for c in self.claims],
            "related": [r.to_dict() for r in self.article.related],
            "extractor": dict(self.extractor),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleFacts:
        return cls(
            article=Article.from_dict(data["article"], data.get("related", [])),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", ())),
            claims=tuple(Claim.from_dict(c) for c in data.get("claims", ())),
            extractor=dict(data.get("extractor", {})),
        )
