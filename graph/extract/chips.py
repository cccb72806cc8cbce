"""Chips the gazetteer does not list: part numbers in chip context.

A token shaped like a part number (H100, MI300X, GB200, L40S, 910B) is a chip when
the words around it say so: a chip word ("GPU", "accelerator", "chips") or a chip
maker within a few tokens, or another chip in the same sentence. "H100s" is the chip
"H100". Names the gazetteer knows are marked already and are left alone.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.extract.entities import Candidate
from ontology.ids import entity_id

PART_NUMBER = re.compile(r"^(?:[A-Z]{1,4}-?\d{2,4}[A-Z]{0,3}|\d{3,4}[A-Z]{1,2})(?:s)?$")
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
_NOT_PARTS = re.compile(r"^(?:COVID|MP|PM|AM|FY|Q[1-4]|CO2|G7|G20|A4|ISO|RFC|SKU|US|UK|EU)", re.I)
WINDOW = 4


def add_part_numbers(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` plus the part-number chips found in ``doc``."""
    taken = {i for c in cands for i in range(c.token_start, c.token_end)}
    chip_tokens = {i for c in cands if c.type == "Chip" for i in range(c.token_start, c.token_end)}
    makers = {c.token_start for c in cands if c.type == "Company"}
    extra = []
    for token in doc:
        if token.i in taken or not PART_NUMBER.match(token.text) or _NOT_PARTS.match(token.text):
            continue
        lo, hi = max(0, token.i - WINDOW), min(len(doc), token.i + WINDOW + 1)
        near = range(lo, hi)
        sent = token.sent if doc.has_annotation("SENT_START") else doc[lo:hi]
        context = (
            any(doc[i].lower_ in CHIP_WORDS for i in near)
            or any(i in makers for i in range(lo, token.i))
            or any(i in chip_tokens for i in range(sent.start, sent.end))
        )
        if not context:
            continue
        label = token.text[:-1] if token.text.endswith("s") else token.text
        extra.append(
            Candidate(
                token.idx,
                token.idx + len(token.text),
                token.text,
                "Chip",
                entity_id("Chip", label),
                label,
                "pattern",
                None,
                token.i,
                token.i + 1,
            )
        )
    return sorted(cands + extra, key=lambda c: c.start) if extra else cands
