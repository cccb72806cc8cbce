"""Extract: one article -> its facts (entities with mentions, claims), with offsets.

>>> from graph.extract import Extractor
>>> from graph.ingest import read_text
>>> ex = Extractor()                                   # doctest: +SKIP
>>> [article] = read_text("Nvidia said on Monday ...")  # doctest: +SKIP
>>> ex.extract(article).entities[0].label             # doctest: +SKIP
'Nvidia'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from graph.errors import GazetteerError
from graph.extract import chips, linking
from graph.extract.claims import find_claims
from graph.extract.entities import COMPANY_ROLES_AFTER, LEGAL_SUFFIXES, candidates, is_title
from graph.extract.pipeline import DEFAULT_MODEL, build_fast_pipeline, build_pipeline, model_meta
from graph.model import Article, ArticleFacts, Claim, Entity, EntityRef, Mention
from ontology.gazetteer import Gazetteer, GazetteerFileError, load_gazetteer
from ontology.ids import entity_id

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "35"
"""Bumped whenever extraction logic changes, so cached facts are redone."""


class Extractor:
    """Holds the loaded pipeline and gazetteer; extracts facts from articles.

    Args:
        model: an installed spaCy pipeline, by package name or path.
        entities: extra gazetteer files, loaded after the built-in ones.
        fast: gazetteer and rules only, no statistical model (for huge corpora).
        gazetteer: an already loaded gazetteer, used instead of loading one (worker
            processes get the parent's this way, so both extract alike).
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        entities: Sequence[str | Path] = (),
        *,
        fast: bool = False,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        try:
            self.gazetteer: Gazetteer = gazetteer or load_gazetteer(entities)
        except GazetteerFileError as exc:
            raise GazetteerError(str(exc)) from exc
        self.model = model
        self.fast = fast
        # the extra gazetteer files, as absolute paths: a build records them so that a
        # later 'newsgraph export' describes the entities as the build did
        self.entity_files: tuple[str, ...] = tuple(str(Path(p).resolve()) for p in entities)
        self._nlp: Language | None = None
        self._names = self.gazetteer.by_name()
        # the companies the gazetteer names as a chip's maker: "Nvidia" beside "X100"
        # makes it a part number, "Vantage" beside "OH1" does not
        self._chip_makers = frozenset(
            self._names[e.maker.lower()].id
            for e in self.gazetteer
            if e.type == "Chip" and e.maker and e.maker.lower() in self._names
        )
        meta = {} if fast else model_meta(model)
        self.model_name = "blank" if fast else f"{meta.get('lang')}_{meta.get('name')}"
        self.model_version = meta.get("version", "")

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use: a build whose workers extract never
        loads it in the main process."""
        if self._nlp is None:
            self._nlp = (
                build_fast_pipeline(self.gazetteer)
                if self.fast
                else build_pipeline(self.gazetteer, self.model)
            )
        return self._nlp

    @property
    def fingerprint(self) -> str:
        """Identifies this extractor's behaviour; part of every cache key."""
        return "|".join(
            (
                EXTRACTOR_VERSION,
                self.model_name,
                self.model_version,
                self.gazetteer.fingerprint,
                "fast" if self.fast else "full",
            )
        )

    def cache_key(self, article: Article) -> str:
        """The key an article's facts are cached under: its content and this extractor."""
        h = hashlib.sha1()
        for part in (
            self.fingerprint,
            article.id,
            article.title,
            article.text,
            article.url or "",
            article.published or "",
            article.publisher or "",
            "\x1e".join(article.topics),
            "\x1e".join(r.id for r in article.related),
        ):
            h.update(part.encode("utf-8") + b"\x1f")
        return h.hexdigest()

    def extract(self, article: Article) -> ArticleFacts:
        """The facts of one article."""
        return self.facts(self.nlp(article.text), article)

    def extract_many(
        self, articles: Iterable[Article], *, batch_size: int = 64
    ) -> Iterator[ArticleFacts]:
        """Facts of many articles, streamed; spaCy batches them for speed.

        This runs in one process; ``graph.parallel`` spreads batches over processes or
        a Dask cluster.
        """
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self.facts(doc, article)

    def facts(self, doc: Doc, article: Article) -> ArticleFacts:
        """Turn a parsed document into the article's facts."""
        cands = candidates(doc, self.gazetteer, self._names)
        cands = chips.add_part_numbers(doc, cands, self._chip_makers)
        entities = linking.link(doc, cands)
        claims = find_claims(doc, entities, article)
        missed = _missed_speakers(doc.text, entities, claims)
        grown = {e.id: e for e in missed.values()}
        known = {e.id for e in entities}
        # an entity keyed under another's ID was the surname of a speaker found in full
        absorbed = {k for k, e in missed.items() if k in known and e.id != k}
        entities = [
            *(grown.get(e.id, e) for e in entities if e.id not in absorbed),
            *{e.id: e for e in missed.values() if e.id not in known}.values(),
        ]
        claims = _respeak(claims, missed)
        return ArticleFacts(
            article=article,
            entities=tuple(entities),
            claims=claims,
            extractor={
                "model": self.model_name,
                "model_version": self.model_version,
                "extractor_version": EXTRACTOR_VERSION,
                "gazetteer": self.gazetteer.fingerprint,
                "extracted_at": dt.datetime.now(dt.timezone.utc)
                .replace(microsecond=0)
                .isoformat()
                .replace("+00:00", "Z"),
            },
        )


_TYPES = {t.lower(): t for t in ("Person", "Organization", "Company")}
_EMPLOYEE_ROLES = "|".join(sorted(map(re.escape, COMPANY_ROLES_AFTER), key=len, reverse=True))


def _missed_speakers(
    text: str, entities: Sequence[Entity], claims: Sequence[Claim]
) -> dict[str, Entity]:
    """Speakers that claim extraction read from the sentence itself ("according to Yee Jiun
    Song") but no entity covers: made entities, with every mention of the name, so the
    speaker is a node with its ``claims`` edges. Keyed by the speaker ID the claims carry;
    an entity retyped here ("Bernstein analysts") has an ID of its own type."""
    known = {e.id for e in entities}
    taken = [(m.start, m.end) for e in entities for m in e.mentions]
    found: dict[str, Entity] = {}
    for claim in claims:
        ref = claim.speaker
        if ref is None or ref.id in known or ref.id in found:
            continue
        type_ = _TYPES.get(ref.id.split("/", 1)[0])
        words = ref.label.lower().split()
        if not words or is_title(words) or all(w in LEGAL_SUFFIXES for w in words):
            continue  # "Inc.", "Commissioner", "Vice Gov.": a suffix or a role, not a name
        if (
            type_ == "Person"
            and len(words) == 1
            and re.search(
                rf"(?<!\w){re.escape(ref.label)}(?:['’]s)?\s+(?:[a-z]+\s+)?(?:{_EMPLOYEE_ROLES})\b",
                text,
            )
        ):
            type_ = "Company"  # "Bernstein analysts said": the analysts' firm
        mentions = tuple(
            Mention(m.group(0), m.start(), m.end())
            for m in re.finditer(rf"(?<!\w){re.escape(ref.label)}(?!\w)", text)
            if not any(s < m.end() and m.start() < e for s, e in taken)
        )
        if type_ is None or not mentions:
            continue
        named = _named_in_full(ref.label, entities) if type_ == "Person" else None
        if named is not None:
            named = next((e for e in found.values() if e.id == named.id), named)
            # "Airlangga reportedly told ..." after "Minister Airlangga Hartarto"
            aliases = tuple(dict.fromkeys((*named.aliases, ref.label)))
            found[ref.id] = replace(named, mentions=(*named.mentions, *mentions), aliases=aliases)
            continue
        new_id = (
            ref.id if type_ == _TYPES.get(ref.id.split("/", 1)[0]) else entity_id(type_, ref.label)
        )
        entity = Entity(new_id, ref.label, type_, mentions, source="claims")
        if type_ == "Person" and len(words) >= 2:
            # "Meredith Sharp ... said. Sharp says": the model's one-word name is her surname
            surnamed = [
                e
                for e in entities
                if e.source == "model" and e.label == ref.label.split()[-1] and e.id not in found
            ]
            for e in surnamed:
                entity = replace(
                    entity,
                    mentions=tuple(sorted((*entity.mentions, *e.mentions), key=lambda m: m.start)),
                    aliases=tuple(dict.fromkeys((*entity.aliases, e.label))),
                )
            for e in surnamed:
                found[e.id] = entity
        found[ref.id] = entity
    return found


def _named_in_full(name: str, entities: Sequence[Entity]) -> Entity | None:
    """The article's one person whose full name starts or ends with the one word ``name``."""
    if " " in name:
        return None
    found = [
        e
        for e in entities
        if e.type == "Person"
        and len(words := e.label.split()) >= 2
        and name in (words[0], words[-1])
    ]
    return found[0] if len(found) == 1 else None


def _respeak(claims: Sequence[Claim], missed: dict[str, Entity]) -> tuple[Claim, ...]:
    """The claims with speakers pointing at the IDs ``_missed_speakers`` gave them."""
    out = []
    for claim in claims:
        ref = claim.speaker
        entity = missed.get(ref.id) if ref is not None else None
        if entity is not None and entity.id != ref.id:
            claim = replace(claim, speaker=EntityRef(entity.id, entity.label))
        out.append(claim)
    return tuple(out)
