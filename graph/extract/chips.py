"""Chips the gazetteer does not list: part numbers in chip context.

A token shaped like a part number (H100, MI300X, GB200, L40S, 910B) is a chip when
the words around it say so: a chip word ("GPU", "accelerator", "chips") or a chip
maker within a few tokens, or another chip in the same sentence. "H100s" is the chip
"H100". Names the gazetteer knows are marked already and are left alone. A code
before "fab", "factory", "plant", "site" or "data center" ("TSMC's AP5 factory", "the G2
facility"), or given as a fab's name ("the new fab, called K18B"), names a site, a place,
wherever the article writes it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from spacy.tokens import Doc, Token

from graph.extract.entities import CURRENCY_AMOUNT, Candidate, doc_text

PART_NUMBER = re.compile(
    r"^(?:[A-Z]{1,4}-?\d{2,4}[A-Z]{0,3}|[A-Z]{2,4}\d[A-Z]{0,2}|\d{3,4}[A-Z]{1,2})(?:s)?$"
)
CHIP_WORDS = {
    "gpu",
    "gpus",
    "chip",
    "chips",
    "accelerator",
    "accelerators",
    "processor",
    "processors",
    "cpu",
    "cpus",
    "tpu",
    "tpus",
    "npu",
    "asic",
    "asics",
    "silicon",
    "superchip",
    "superchips",
    "card",
    "cards",
    "semiconductor",
    "semiconductors",
    "wafer",
    "die",
    "hbm",
    "memory",
}
_NOT_PARTS = re.compile(
    r"^(?:COVID|MP|PM|AM|FY|Q[1-4]|CO2|G7|G20|A4|ISO|RFC|SKU|US|UK|EU"
    r"|FP\d+|BF16|INT\d+|TF32|UINT\d+|DDR\d?|PCIE\d*|USB\d*|LTE|5G|4G|3G"
    r"|\d+(?:[KMGTP]W|[KMGTP]WH|[KMGTP]B|[KMGT]HZ|NM|MM|V|W|KM|MI|KG|GT|MT|K|M|B|X|PM|AM))s?$",
    re.I,
)
"""Shapes of part numbers that are units, formats, standards or network generations."""
_SITE_NOUNS = {"fab", "fabs", "factory", "plant", "facility", "site", "campus", "building"}
"""Nouns after a code that make it a site's: "TSMC's AP5 factory", "NextDC's S7 site"."""
_SITES = {"facilities", "fabs", "plants", "factories", "sites", "campuses", "buildings"}
_DATA_CENTRE = {"center", "centre", "centers", "centres"}
_NAMING = {"called", "calls", "dubbed", "named"}
_SITE_CODE = re.compile(r"(?<![\w-])[A-Z]{1,4}\d{1,3}[A-Z]{0,2}(?![\w-])")
_SERIES_WORDS = {"Pro", "PRO", "Ultra", "Max", "Ti", "Super", "Plus", "Mini", "Ada"}
"""Words between a product line and its part number: "RTX Pro 6000D", "RTX Ti 3090"."""
_LINE = re.compile(r"^[A-Z]{2,5}$")
"""A product line written in capitals before a part number: "RTX", "GTX", "MI"."""
_PART_IN_TEXT = re.compile(r"\b(?:[A-Z]{1,4}-?\d{1,4}[A-Z]{0,3}|\d{3,4}[A-Z]{1,2})s?\b")
WINDOW = 4


def add_part_numbers(
    doc: Doc, cands: list[Candidate], chip_makers: Collection[str]
) -> list[Candidate]:
    """``cands`` plus the part-number chips found in ``doc``; ``chip_makers`` are the IDs
    of the companies whose name near a part number makes it a chip's."""
    cands = _sites(doc, cands)
    makers = {c.token_start for c in cands if c.type == "Company" and c.id in chip_makers}
    chip_tokens = {i for c in cands if c.type == "Chip" for i in range(c.token_start, c.token_end)}
    taken = {i for c in cands for i in range(c.token_start, c.token_end)}
    extra = []
    pending: list[Token] = []  # part-number shapes with no chip in sight
    for m in _PART_IN_TEXT.finditer(doc_text(doc)):
        span = doc.char_span(m.start(), m.end())
        if span is None or len(span) != 1:
            continue
        token = span[0]
        if token.i in taken or not _is_part_number(token.text):
            continue
        start = _line_start(doc, token.i, taken)
        if _chip_context(doc, token.i, makers, chip_tokens) or (
            start < token.i and _chip_context(doc, start, makers, chip_tokens)
        ):
            part = doc[start : token.i + 1]
            label = " ".join([*(t.text for t in part[:-1]), _part_label(token.text)])
            extra.append(Candidate.of_span(part, "Chip", label, source="pattern"))
            chip_tokens.update(range(start, token.i + 1))
        else:
            pending.append(token)
    extra += _respelled(doc, pending, extra)
    # Model entities shaped like part numbers near chips are chips too ("HBM5" as a place).
    for _ in range(2):  # twice, so that one retyped part vouches for another
        cands = [_retype_part(doc, c, makers, chip_tokens) for c in cands]
        chip_tokens |= {c.token_start for c in cands if c.type == "Chip"}
    if extra:
        cands = sorted(_one_spelling(cands + extra), key=lambda c: c.start)
    return _with_family(doc, cands)


def _sites(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with every mention of a site's code a place: "the G2 facility", "Yotta's D2
    data center", "the new fab, called K18B", and then "G2 will scale up"."""
    spans = [doc.char_span(m.start(), m.end()) for m in _SITE_CODE.finditer(doc_text(doc))]
    spans = [s for s in spans if s is not None and len(s) == 1]
    codes = {s.text for s in spans if _is_site_code(doc, s.start)}
    if not codes:
        return cands
    out = [
        Candidate.of_span(doc[c.token_start : c.token_end], "Place", source="pattern", weight=3)
        if c.text in codes and c.token_end - c.token_start == 1 and c.entry is None
        else c
        for c in cands
    ]
    taken = {i for c in cands for i in range(c.token_start, c.token_end)}
    for span in spans:
        if span.start not in taken and span.text in codes:
            out.append(Candidate.of_span(span, "Place", source="pattern", weight=3))
    return sorted(out, key=lambda c: c.start)


def _is_site_code(doc: Doc, i: int) -> bool:
    """Whether the code at token ``i`` is said to name a site."""
    if _NOT_PARTS.match(doc[i].text):
        return False
    after = [t.lower_ for t in doc[i + 1 : i + 3]]
    if (after[:1] and after[0] in _SITE_NOUNS) or (
        after[:1] == ["data"] and after[1:] and after[1] in _DATA_CENTRE
    ):
        return True
    before = [t.lower_ for t in doc[max(0, i - 6) : i]]
    if (
        before
        and before[-1] in _NAMING
        and any(w in _SITE_NOUNS or w in _DATA_CENTRE for w in before)
    ):
        return True  # "the new fab, called K18B", "which Vantage calls OH1"
    if "(" in before:
        k = i - 1 - before[::-1].index("(")  # the bracket's token
        inside = doc[k + 1 : i]
        if (
            k
            and doc[k - 1].lower_ in _SITES
            and all(t.lower_ in ("and", ",") or t.is_upper for t in inside)
        ):
            return True  # "two facilities (G1 and G2)"
    return False


def _with_family(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """A part number written after its family's name is one mention of the part: "AMD
    Instinct MI308" is the MI308, not the Instinct family and a chip beside it."""
    families = {c.token_end: c for c in cands if _is_family(c)}
    if not families:
        return cands
    out: list[Candidate] = []
    for c in cands:
        family = families.get(c.token_start)
        if (
            family is not None
            and c.type == "Chip"
            and c.source != "model"
            and any(ch.isdigit() for ch in c.text)
            and doc[c.token_start - 1].whitespace_ == " "
            and out
            and out[-1] is family
        ):
            span = doc[family.token_start : c.token_end]
            out[-1] = replace(c, start=span.start_char, text=span.text, token_start=span.start)
            continue
        out.append(c)
    return out


def _is_family(c: Candidate) -> bool:
    """A named chip family the gazetteer knows, written in words: "Instinct", "AMD Instinct"."""
    return (
        c.type == "Chip"
        and c.source == "gazetteer"
        and c.entry is not None
        and not c.entry.generic
        and not any(ch.isdigit() for ch in c.text)
    )


def _one_spelling(cands: list[Candidate]) -> list[Candidate]:
    """Chips whose names differ only by a space are one chip: "RTX6000D" is "RTX 6000D"."""
    spaced = {c.label.replace(" ", ""): c for c in cands if c.type == "Chip" and " " in c.label}
    if not spaced:
        return cands
    return [
        c.linked_to(spaced[c.label])
        if c.type == "Chip" and c.label in spaced and c.source != "gazetteer"
        else c
        for c in cands
    ]


def _respelled(doc: Doc, pending: list[Token], parts: list[Candidate]) -> list[Candidate]:
    """Part numbers written without the space of a chip found elsewhere: "RTX6000D" is
    the article's "RTX 6000D", wherever it stands."""
    spaced = {c.label.replace(" ", "") for c in parts if " " in c.label}
    return [
        Candidate.of_span(doc[t.i : t.i + 1], "Chip", _part_label(t.text), source="pattern")
        for t in pending
        if _part_label(t.text) in spaced
    ]


def _line_start(doc: Doc, i: int, taken: set[int]) -> int:
    """Where a part number's product line begins: "RTX Pro 6000D" is one chip, not "6000D".

    The line is a word in capitals right before the number, with at most one series word
    ("Pro", "Ultra") between; a name already found there ("AMD 7900") is left alone.
    """
    j = i
    if j > 0 and doc[j - 1].text in _SERIES_WORDS and doc[j - 1].whitespace_:
        j -= 1
    line = doc[j - 1] if j > 0 else None
    if (
        line is not None
        and _LINE.match(line.text)
        and line.whitespace_ in (" ", "\u00a0")
        and line.i not in taken
        and not _NOT_PARTS.match(line.text)
    ):
        return line.i
    return i


def _part_label(text: str) -> str:
    """ "H100s" names the part "H100", "MI355Xs" the "MI355X"."""
    if text.endswith("s") and (text[-2:-1].isdigit() or text[-2:-1].isupper()):
        return text[:-1]
    return text


def _is_part_number(text: str) -> bool:
    """ "MI300X" is; "G20", "5G" and "JPY15" (an amount) are not."""
    return (
        bool(PART_NUMBER.match(text))
        and not _NOT_PARTS.match(text)
        and not CURRENCY_AMOUNT.match(text)
    )


def _chip_context(doc: Doc, i: int, makers: set[int], chip_tokens: set[int]) -> bool:
    """A chip word or a maker a few tokens away, or another chip in the sentence."""
    lo, hi = max(0, i - WINDOW), min(len(doc), i + WINDOW + 1)
    if any(doc[j].lower_ in CHIP_WORDS for j in range(lo, hi)) or any(
        j in makers for j in range(lo, i)
    ):
        return True
    if not chip_tokens:
        return False
    sent = doc[i].sent if doc.has_annotation("SENT_START") else doc[lo:hi]
    return any(j in chip_tokens for j in range(sent.start, sent.end))


def _retype_part(doc: Doc, c: Candidate, makers: set[int], chip_tokens: set[int]) -> Candidate:
    if c.source != "model" or c.type == "Chip" or c.token_end - c.token_start != 1:
        return c
    others = chip_tokens - {c.token_start}
    if not _is_part_number(c.text) or not _chip_context(doc, c.token_start, makers, others):
        return c
    part = doc[c.token_start : c.token_end]
    return Candidate.of_span(part, "Chip", _part_label(c.text), source="pattern")
