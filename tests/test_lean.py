"""The lean stand-ins for spaCy components: the same annotations as spaCy's own."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from graph.extract import Extractor
from graph.extract.lean import LeanAttributeRuler, use_lean_components
from graph.ingest import read
from tests.conftest import EXAMPLES

# Texts that fire the small English model's rarer rules: two-token patterns ("gonna",
# "let's", "y'all", "ain't"), pronouns by their dependency, runs of spaces.
TRICKY = (
    "I ain't gonna go, y'all. Let's see: it  was him and  I. There were    three.\n\n"
    "\tBut it did. C'mon, gotta go, she gets what she got, and that is that."
)


def _annotations(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, t.dep_, str(t.morph), t.lemma_) for t in doc]


def test_the_model_runs_the_lean_ruler_with_spacys_results(extractor: Extractor) -> None:
    assert "newsgraph_attribute_ruler" in extractor.nlp.pipe_names
    assert "attribute_ruler" not in extractor.nlp.pipe_names  # kept, disabled
    reference = Extractor(gazetteer=extractor.gazetteer).nlp
    reference.enable_pipe("attribute_ruler")
    reference.disable_pipe("newsgraph_attribute_ruler")
    texts = [a.text for a in read([EXAMPLES])] + [TRICKY]
    for ours, theirs in zip(extractor.nlp.pipe(texts), reference.pipe(texts), strict=True):
        assert _annotations(ours) == _annotations(theirs)
    tricky = extractor.nlp(TRICKY)
    assert [t.lemma_ for t in tricky if t.lower_ in ("gon", "na")] == ["go", "to"]


def _ruler_pipeline(patterns: list[dict]) -> tuple[Language, LeanAttributeRuler]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, LeanAttributeRuler(ruler)


PATTERNS = [
    {"patterns": [[{"LOWER": "chip"}]], "attrs": {"TAG": "NN", "POS": "NOUN"}},
    {"patterns": [[{"LOWER": {"IN": ["chip", "chips"]}}]], "attrs": {"TAG": "NNX"}},
    {"patterns": [[{"ORTH": {"REGEX": "^[A-Z]\\d+$"}}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"LOWER": "h100"}, {"LOWER": "chip"}]], "attrs": {"LEMMA": "part"}, "index": -1},
    {"patterns": [[{"LOWER": "the"}, {"IS_SPACE": False}]], "attrs": {"POS": "DET"}, "index": 0},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    {"patterns": [[{"LOWER": {"NOT_IN": ["the", "chip"]}}]], "attrs": {"MORPH": "Foo=Bar"}},
]
WORDS = ["the", "The", "chip", "chips", "H100", "h100", "Nvidia", "  ", "\n", ",", "x9"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12))
def test_the_lean_ruler_applies_rules_as_spacy_does(words: list[str]) -> None:
    nlp, lean = _ruler_pipeline(PATTERNS)
    spaces = [w.strip() != "" for w in words]
    ours = lean(Doc(nlp.vocab, words=words, spaces=spaces))
    theirs = nlp.get_pipe("attribute_ruler")(Doc(nlp.vocab, words=words, spaces=spaces))
    assert [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in ours] == [
        (t.tag_, t.pos_, str(t.morph), t.lemma_) for t in theirs
    ]


def test_a_rule_the_lean_ruler_cannot_imitate_keeps_spacys_ruler() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(
        [{"patterns": [[{"LOWER": "chip", "OP": "+"}]], "attrs": {"TAG": "NN"}}]
    )
    use_lean_components(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
    assert nlp("chip chip")[1].tag_ == "NN"


def test_words_no_rule_tells_apart_share_one_cache_entry() -> None:
    nlp, lean = _ruler_pipeline(PATTERNS)
    words = [f"Widget{i}" for i in range(2_000)] + ["chip", "the", "H100"]
    doc = lean(Doc(nlp.vocab, words=words))
    assert len(lean._looks) <= 6  # memory stays flat however many new words a corpus has
    assert doc[-3].tag_ == "NNX" and doc[0].tag_ == ""
