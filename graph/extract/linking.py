"""In-article linking: every mention of one real-world entity -> one ``Entity``.

Within an article, writers name an entity in full once and then shorten it:

- a person by surname ("Musk" after "Elon Musk"), also where the model missed it or
  mistyped it; with two people of one surname, a short form goes to the one named
  most recently before it, so different people are never merged;
- a person by given name ("Mr Narit" after "Narit Therdsteerasukdi", as Thai usage
  has it), when exactly one person of the article has that given name and no one has
  it as a surname;
- a company by its name without the generic last word ("Akash" after "Akash Network",
  "Render" after "Render Network");
- a place without its kind word ("Batam" after "Batam Island");
- anyone by an @handle, given in brackets after the name ("Zack Guzmán (@zGuz)") or
  spelling the name ("@elonmusk").

Across articles, entities meet by ID (see ``graph.build``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from spacy.tokens import Doc

from graph.extract.entities import (
    COMPANY_SUFFIXES,
    LEGAL_SUFFIXES,
    PARTICLES,
    PLACE_WORDS,
    Candidate,
    doc_text,
)
from graph.model import Entity, Mention

_COMPACT = re.compile(r"[^a-z0-9]")


def _compact(text: str) -> str:
    return _COMPACT.sub("", text.lower())


def link(doc: Doc, cands: list[Candidate]) -> list[Entity]:
    """Resolve short forms and handles, then group mentions into entities."""
    cands = _resolve_short_forms(doc, cands)
    cands = _place_short_forms(cands)
    cands = _add_handles(doc, cands)
    return _group(cands)


def _full_names(cands: list[Candidate]) -> list[Candidate]:
    return [c for c in cands if c.type == "Person" and c.token_end - c.token_start >= 2]


_GENERIC_FIRST_WORDS = {
    "general", "united", "american", "national", "international", "first", "new", "global",
    "royal", "central", "bank", "china", "british", "european", "federal", "standard", "the",
    "western", "eastern", "northern", "southern", "north", "south", "east", "west", "great",
    "digital", "advanced", "applied", "micro", "data", "us", "u.s.", "japan", "korea", "taiwan",
}  # fmt: skip


_COUNTIES = {"county", "parish", "township", "prefecture", "borough"}


def _company_cores(cands: list[Candidate]) -> dict[str, Candidate]:
    """Short forms of the multi-word company names in an article -> their candidate.

    "Akash" for "Akash Network" (the name less a generic last word) and "Sun" for
    "Sun Microsystems" (a distinctive first word).
    """
    cores: dict[str, Candidate] = {}
    for c in cands:
        words = c.label.split()
        if (
            c.type == "Place"
            and c.source == "model"
            and len(words) >= 2
            and words[-1].lower() in PLACE_WORDS
            and words[-1].lower() not in _COUNTIES  # "Indiana" is not "Indiana County"
            and words[0].lower() not in _GENERIC_FIRST_WORDS
        ):
            cores.setdefault(words[0], c)  # "Lingang" after "Lingang Special Area"
            continue
        if c.type != "Company" or len(words) < 2:
            continue
        if words[-1].lower() in COMPANY_SUFFIXES:
            core = " ".join(words[:-1])
            if core[:1].isupper() and len(core) >= 3:
                cores.setdefault(core, c)
        first = words[0]
        if first[:1].isupper() and len(first) >= 3 and first.lower() not in _GENERIC_FIRST_WORDS:
            cores.setdefault(first, c)
    return cores


def _organization_heads(cands: list[Candidate]) -> dict[str, Candidate]:
    """The head noun of each multi-word organisation an article names -> the organisation.

    "the Commission" after "European Commission"; a head two organisations share
    ("Commission" for two commissions) is ambiguous and left alone.
    """
    heads: dict[str, Candidate] = {}
    ambiguous: set[str] = set()
    for c in cands:
        words = c.label.split()
        if c.type != "Organization" or len(words) < 2 or not words[-1][:1].isupper():
            continue
        if c.entry is not None and c.text in c.entry.short_forms:
            continue  # not named in full here
        if c.source == "model" and len(words[0]) <= 3 and words[0].isupper():
            continue  # "EU Commission": an abbreviated form, see _abbreviated
        other = heads.get(words[-1])
        if other is not None and other.id != c.id:
            ambiguous.add(words[-1])
        heads.setdefault(words[-1], c)
    return {w: c for w, c in heads.items() if w not in ambiguous}


def _abbreviated(c: Candidate, heads: dict[str, Candidate]) -> Candidate | None:
    """ "EU Commission" for "European Commission": an acronym standing for the first word."""
    words = c.label.split()
    target = heads.get(words[-1]) if len(words) == 2 else None
    if target is None or target.id == c.id or c.type != "Organization":
        return None
    first, full = words[0], target.label.split()[0]
    if 2 <= len(first) <= 3 and first.isupper() and full[:1] == first[:1] and not full.isupper():
        return target
    return None


_CORPORATE_WORDS = LEGAL_SUFFIXES | {
    "group", "holdings", "holding", "global", "international", "semiconductor", "technology",
}  # fmt: skip


def _registered_name_of(c: Candidate, companies: dict[str, Candidate]) -> Candidate | None:
    """ "Nscale Global Holdings Ltd." for "Nscale": a company's registered name, the name
    the article uses with only corporate words after it."""
    if c.type != "Company" or c.source != "model":
        return None
    words = c.label.split()
    cut = len(words)
    while cut > 1 and words[cut - 1].lower().rstrip(",") in _CORPORATE_WORDS:
        cut -= 1
    if cut == len(words):
        return None
    return companies.get(" ".join(words[:cut]).lower())


def _resolve_short_forms(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    persons = [p for p in _full_names(cands) if _named_after(p, cands) is None]
    by_surname: dict[str, list[Candidate]] = defaultdict(list)
    for p in persons:
        by_surname[doc[p.token_end - 1].text].append(p)
    by_given: dict[str, set[str]] = defaultdict(set)
    for p in persons:
        by_given[doc[p.token_start].text].add(p.id)
    # "Sheinbaum" of "Claudia Sheinbaum Pardo", "Lula" of "Luiz Inácio Lula da Silva":
    # names carry more than one surname or a byname inside; such a word is that person's
    # where no one else of the article has it.
    by_inner: dict[str, set[str]] = defaultdict(set)
    for p in persons:
        for t in doc[p.token_start + 1 : p.token_end - 1]:
            if t.is_title and t.is_alpha and len(t) > 2 and t.lower_ not in PARTICLES:
                by_inner[t.text].add(p.id)
    inner = {
        word: next(p for p in persons if p.id in ids)
        for word, ids in by_inner.items()
        if len(ids) == 1 and word not in by_surname and word not in by_given
    }
    companies = {c.label.lower(): c for c in cands if c.type == "Company"}
    registered = {c.start: t for c in cands if (t := _registered_name_of(c, companies))}
    cores = _company_cores([c for c in cands if c.start not in registered])
    heads = _organization_heads(cands)

    def person_for(surname: str, at: int) -> Candidate | None:
        people = by_surname.get(surname)
        if not people:
            return inner.get(surname)
        before = [p for p in people if p.start < at]
        return before[-1] if before else people[0]

    linked: list[Candidate] = []
    moved: dict[str, list[Candidate]] = {}
    for c in cands:
        single = c.token_end - c.token_start == 1
        target = None
        if single and c.source == "model":
            target = person_for(c.text, c.start) or cores.get(c.text)
            if target is None and c.type == "Organization":
                target = heads.get(c.text)
            # "Dina's experience" after "Dina Powell McCormick", whatever the model said;
            # "Vivek pointed to ..." after "Analyst Vivek Arya", where it guessed a company
            if (
                target is None
                and len(by_given.get(c.text, ())) == 1
                and (
                    c.type == "Person"
                    or (c.weight <= 1 and c.type != "Place")
                    or _possessive_after(doc, c.token_end)
                )
            ):
                target = next(p for p in persons if doc[p.token_start].text == c.text)
        elif c.source == "model":
            target = (
                _abbreviated(c, heads)
                or registered.get(c.start)
                or _surname_with_particle(c, persons)
                or _named_after(c, cands)
            )
        if (
            single
            and c.type == "Organization"
            and c.entry is not None
            and c.text in c.entry.short_forms
        ):
            # "Senate" in an article about "the Texas Senate ..." is that senate, not the
            # one the gazetteer knows by that short form
            local = heads.get(c.text)
            if local is not None and local.entry is None:
                target = local
        if target is not None and target.id != c.id:
            moved.setdefault(c.id, []).append(target)
            c = c.linked_to(target)
        linked.append(c)
    linked = _follow_chains(linked, moved)

    # Short forms the model did not mark at all: look for just those words in the text.
    words = set(by_surname) | set(cores) | set(inner)
    if not words:
        return linked
    taken = {i for c in linked for i in range(c.token_start, c.token_end)}
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(words))) + r")\b")
    extra: list[Candidate] = []
    for m in pattern.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end())
        if span is None or len(span) != 1 or span.start in taken:
            continue
        token = span[0]
        nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if nxt is not None and nxt.is_alpha and nxt.is_title and "\n" not in token.whitespace_:
            continue  # part of a longer name: "Musk Foundation"
        target = person_for(token.text, token.idx) or cores.get(token.text)
        if target is not None:
            extra.append(_moved(target, token.idx, token.text, token.i))
    return sorted(linked + extra, key=lambda c: c.start)


_PLACE_KIND_WORDS = {"Island", "Province", "Prefecture", "County"}


def _place_short_forms(cands: list[Candidate]) -> list[Candidate]:
    """ "Batam" after "Batam Island", "South Jeolla" beside "South Jeolla Province": a place
    named without its kind word is the place named with it. Where only the short name is
    known (a gazetteer place: "Hokkaido" beside "Hokkaido Prefecture"), the long one is a
    mention of it instead, so the place keeps its QID and meets the same place in other
    articles. A known place is never short for a county of its name: "Indiana" beside
    "Indiana County", "Hsinchu" (the city) beside "Hsinchu County"."""
    longer: dict[str, Candidate] = {}
    for c in cands:
        words = c.label.split()
        if c.type == "Place" and len(words) >= 2 and words[-1] in _PLACE_KIND_WORDS:
            longer.setdefault(" ".join(words[:-1]), c)
    if not longer:
        return cands
    one: dict[str, Candidate] = {}  # a label of either form -> the place both name
    for c in cands:
        long_ = longer.get(c.label) if c.type == "Place" else None
        if long_ is None or c.label in one:
            continue
        if long_.label.endswith(" County") and c.entry is not None:
            continue  # a known town, state or country is not its county
        place = c if c.entry is not None and long_.entry is None else long_
        one[c.label] = one[long_.label] = place
    return [
        c.linked_to(place)
        if c.type == "Place" and (place := one.get(c.label)) is not None and place.id != c.id
        else c
        for c in cands
    ]


def _possessive_after(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].text in ("'s", "’s")


def _surname_with_particle(c: Candidate, persons: list[Candidate]) -> Candidate | None:
    """ "Del Maffeo" after "Fabrizio Del Maffeo": a surname of several words."""
    words = c.label.split()
    if c.type != "Person" and words[0].lower() not in PARTICLES:
        return None
    found = [p for p in persons if p.label.endswith(" " + c.label) and p.id != c.id]
    return found[0] if len({p.id for p in found}) == 1 else None


def _named_after(c: Candidate, cands: list[Candidate]) -> Candidate | None:
    """ "Duane Arnold" in an article about the "Duane Arnold Energy Center": a person's
    name that starts a longer name of a place or company the article gives is that."""
    if c.type != "Person":
        return None
    found = [
        o
        for o in cands
        if o.type in ("Place", "Company", "Organization", "Product")
        and o.label.startswith(c.label + " ")
    ]
    return found[0] if len({o.id for o in found}) == 1 else None


def _follow_chains(linked: list[Candidate], moved: dict[str, list[Candidate]]) -> list[Candidate]:
    """A mention linked to a name that was itself linked on goes where that name went:
    "Zentra Inc." -> "Zentra" -> "Zentra Networks". A name sent to two places (a surname two
    people share) is not followed."""
    where = {
        id_: targets[0]
        for id_, targets in moved.items()
        if all(t.id == targets[0].id for t in targets)
    }
    out = []
    for c in linked:
        t, seen = c, {c.id}
        while t.id in where and where[t.id].id not in seen:
            t = where[t.id]
            seen.add(t.id)
        out.append(c.linked_to(t) if t is not c else c)
    return out


def _moved(target: Candidate, start: int, text: str, token_i: int) -> Candidate:
    """``target`` as mentioned at another place in the text."""
    return replace(
        target,
        start=start,
        end=start + len(text),
        text=text,
        token_start=token_i,
        token_end=token_i + 1,
    )


_HANDLE = re.compile(r"(?<![\w@])@\w{2,30}")


def _add_handles(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    if "@" not in doc_text(doc):
        return cands
    by_compact = {_compact(c.label): c for c in cands}
    by_end = {c.token_end: c for c in cands}
    covered = {i for c in cands for i in range(c.token_start, c.token_end)}
    extra = []
    for m in _HANDLE.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end())
        if span is None or len(span) != 1 or span.start in covered:
            continue
        i = span.start
        target = by_compact.get(_compact(m.group(0)[1:]))
        if target is None and i >= 1 and doc[i - 1].text == "(":
            target = by_end.get(i - 1)  # "Zack Guzmán (@zGuz)"
        if target is not None and target.type in ("Person", "Company", "Organization"):
            extra.append(_moved(target, m.start(), m.group(0), i))
    return sorted(cands + extra, key=lambda c: c.start) if extra else cands


def _group(cands: list[Candidate]) -> list[Entity]:
    groups: dict[str, list[Candidate]] = {}
    for c in cands:
        groups.setdefault(c.id, []).append(c)
    entities = []
    for id_, group in groups.items():
        first = group[0]
        entry = next((c.entry for c in group if c.entry is not None), None)
        if entry is not None:
            label = entry.name
        else:  # the fullest form the article uses
            label = max((c.label for c in group), key=lambda s: (len(s.split()), len(s)))
        surfaces = tuple(dict.fromkeys(c.text for c in group if c.text != label))
        entities.append(
            Entity(
                id=id_,
                label=label,
                type=first.type,
                mentions=tuple(Mention(c.text, c.start, c.end) for c in group),
                wikidata=entry.wikidata if entry else None,
                aliases=surfaces,
                generic=entry.generic if entry else False,
                source="gazetteer" if entry else first.source,
            )
        )
    return entities
