"""Cheaper stand-ins for two of the model's spaCy components, with the same output.

The model's components stay the reference: each stand-in replaces its component only
when that component is set up the way the stand-in imitates (otherwise the model keeps
its own), and the tests compare the two token by token.

- ``LeanAttributeRuler`` looks each token's rules up by the token's features instead of
  running spaCy's ``Matcher`` with every pattern over every token (about 20 µs a token
  with the small English model's 179 patterns, some 10% of the whole pipeline).
- ``LeanLemmatizer`` runs the rule lemmatizer only on the parts of speech it has tables
  for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_FEATURES = {"ORTH": 0, "TEXT": 0, "LOWER": 1, "TAG": 2, "DEP": 3, "IS_SPACE": 4}
"""Token attributes a rule may test, by their place in a token's key."""

_FEATURE_IDS = [ORTH, LOWER, TAG, DEP, IS_SPACE]

_TEXTS = (0, 1)
"""Places of the open-ended features: words no rule tells apart share one key."""

_Key = tuple[int, ...]
"""A token's features as ``Doc.to_array`` gives them: string hashes, and 0/1 for flags;
a word no rule tells apart from any other has 0 in its text places."""

_OTHER = object()
"""The value of a text feature that no rule tells apart from any other word."""

_MAX_KEYS = 100_000
"""The caches start afresh past this many keys, so memory stays bounded on any corpus."""


class _Unsupported(Exception):
    """A rule this module cannot imitate exactly: the model keeps spaCy's ruler."""


def _predicate(value: object) -> Callable[[object], bool]:
    """One attribute's test, as spaCy's ``Matcher`` reads the pattern value."""
    if isinstance(value, (str, bool)):
        return lambda v: v == value
    if isinstance(value, dict) and len(value) == 1:
        [(op, arg)] = value.items()
        if op == "IN" and isinstance(arg, list):
            members = frozenset(arg)
            return lambda v: v in members
        if op == "NOT_IN" and isinstance(arg, list):
            members = frozenset(arg)
            return lambda v: v not in members
        if op == "REGEX" and isinstance(arg, str):
            search = re.compile(arg).search
            return lambda v: isinstance(v, str) and search(v) is not None
    raise _Unsupported(repr(value))


@dataclass(frozen=True)
class _TokenTest:
    """One token of a pattern: every (feature, predicate) pair must hold."""

    checks: tuple[tuple[int, Callable[[object], bool]], ...]

    @classmethod
    def of(cls, spec: dict) -> _TokenTest:
        if any(name not in _FEATURES for name in spec):
            raise _Unsupported(", ".join(spec))  # "OP", "POS", extension attributes...
        return cls(tuple((_FEATURES[name], _predicate(value)) for name, value in spec.items()))

    def passes(self, values: Sequence[object]) -> bool:
        return all(check(values[place]) for place, check in self.checks)


@dataclass
class _Look:
    """What the rules make of one token key: the one-token rules it matches (and their
    attributes, merged in rule order), and the longer patterns it may start."""

    rules: tuple[int, ...]
    attrs: dict
    starts: tuple[tuple[int, tuple[_TokenTest, ...], int], ...]


@dataclass
class LeanAttributeRuler:
    """spaCy's ``AttributeRuler``, its patterns looked up by token features.

    A token's outcome depends only on its own features (and, for the few two-token
    patterns, its neighbour's), so each distinct key is worked out once and remembered.
    Rules apply in their order, later ones winning, as spaCy applies them.
    """

    ruler: AttributeRuler
    _rules: list[tuple[int, tuple[_TokenTest, ...], int]] = field(init=False)
    _looks: dict[_Key, _Look] = field(init=False, default_factory=dict)
    _passes: dict[tuple[int, _Key], bool] = field(init=False, default_factory=dict)
    _words: dict[tuple[int, int], int] = field(init=False, default_factory=dict)
    _text_checks: dict[int, list[Callable[[object], bool]]] = field(init=False)

    def __post_init__(self) -> None:
        self._rules = [
            (rule, tuple(_TokenTest.of(spec) for spec in pattern), entry["index"])
            for rule, entry in enumerate(self.ruler.patterns)
            for pattern in entry["patterns"]
        ]
        if any(not tests for _, tests, _ in self._rules):
            raise _Unsupported("an empty pattern")
        self._text_checks = {
            place: [
                c for _, tests, _ in self._rules for t in tests for p, c in t.checks if p == place
            ]
            for place in _TEXTS
        }

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if len(self._looks) > _MAX_KEYS or len(self._words) > _MAX_KEYS:
            self._looks.clear()
            self._passes.clear()
            self._words.clear()
        keys = [self._key(row) for row in doc.to_array(_FEATURE_IDS).tolist()]
        looks = [self._look(key) for key in keys]
        later: dict[int, list[int]] = {}  # token -> longer patterns that set it
        for i, look in enumerate(looks):
            for rule, tests, index in look.starts:
                end = i + len(tests)
                if end <= len(keys) and all(
                    self._test(id(test), test, keys[j]) for j, test in enumerate(tests[1:], i + 1)
                ):
                    later.setdefault((i if index >= 0 else end) + index, []).append(rule)
        for i, look in enumerate(looks):
            attrs = look.attrs
            if i in later:
                attrs = self._merged(sorted({*look.rules, *later[i]}))
            if attrs:
                set_token_attrs(doc[i], attrs)
        return doc

    def _key(self, row: list[int]) -> _Key:
        for place in _TEXTS:
            word = self._words.get((place, row[place]))
            if word is None:
                text = self.ruler.vocab.strings[row[place]]
                same = all(check(text) == check(_OTHER) for check in self._text_checks[place])
                word = self._words[(place, row[place])] = 0 if same else row[place]
            row[place] = word
        return tuple(row)

    def _look(self, key: _Key) -> _Look:
        look = self._looks.get(key)
        if look is None:
            values = self._values(key)
            rules = tuple(
                sorted(
                    {
                        r
                        for r, tests, _ in self._rules
                        if len(tests) == 1 and tests[0].passes(values)
                    }
                )
            )
            starts = tuple(
                (r, tests, index)
                for r, tests, index in self._rules
                if len(tests) > 1 and tests[0].passes(values)
            )
            look = self._looks[key] = _Look(rules, self._merged(rules), starts)
        return look

    def _test(self, test_id: int, test: _TokenTest, key: _Key) -> bool:
        passed = self._passes.get((test_id, key))
        if passed is None:
            passed = self._passes[(test_id, key)] = test.passes(self._values(key))
        return passed

    def _values(self, key: _Key) -> tuple[object, ...]:
        strings = self.ruler.vocab.strings
        texts = tuple(strings[key[p]] if key[p] else _OTHER for p in _TEXTS)
        return (*texts, strings[key[2]], strings[key[3]], bool(key[4]))

    def _merged(self, rules: Sequence[int]) -> dict:
        attrs: dict = {}
        for rule in rules:
            attrs.update(self.ruler.attrs[rule])
        return attrs


@Language.factory(
    "newsgraph_attribute_ruler",
    assigns=["token.tag", "token.pos", "token.morph", "token.lemma"],
    default_config={},
)
def _make_attribute_ruler(nlp: Language, name: str) -> LeanAttributeRuler:
    return LeanAttributeRuler(nlp.get_pipe("attribute_ruler"))


_INFLECTED = frozenset({"NOUN", "VERB", "AUX", "ADJ", "ADV", "PUNCT"})
"""Parts of speech the rule lemmatizer has tables for (and AUX, to be safe)."""


class LeanLemmatizer:
    """spaCy's rule lemmatizer, run only where it has work to do.

    spaCy's component puts every token through its base-form test and its tables. For
    the other parts of speech it returns the word itself, as written for a proper noun
    and in lower case otherwise, and that is what this component sets for them
    directly. Lemmas come out the same as spaCy's, token for token; about half the
    tokens of news text skip the work.
    """

    def __init__(self, lemmatizer: object) -> None:
        self.lemmatizer = lemmatizer

    def __call__(self, doc: Doc) -> Doc:
        rule = self.lemmatizer.rule_lemmatize  # type: ignore[attr-defined]
        for token in doc:
            if token.lemma != 0:
                continue  # set by the attribute ruler
            pos = token.pos_
            if pos in _INFLECTED:
                token.lemma_ = rule(token)[0]
            elif pos == "PROPN":
                token.lemma_ = token.text
            else:
                token.lemma_ = token.lower_
        return doc


@Language.factory("newsgraph_lemmatizer", assigns=["token.lemma"], default_config={})
def _make_lemmatizer(nlp: Language, name: str) -> LeanLemmatizer:
    return LeanLemmatizer(nlp.get_pipe("lemmatizer"))


def use_lean_components(nlp: Language) -> None:
    """Swap in the stand-ins where the model's components are set up as they imitate.

    The replaced components stay in the pipeline, disabled, as the stand-ins' reference.
    """
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(ruler, AttributeRuler):
        try:
            LeanAttributeRuler(ruler)
        except _Unsupported:
            pass
        else:
            nlp.add_pipe("newsgraph_attribute_ruler", after="attribute_ruler")
            nlp.disable_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(lemmatizer, "mode", None) == "rule" and not getattr(
            lemmatizer, "overwrite", True
        ):
            nlp.add_pipe("newsgraph_lemmatizer", after="lemmatizer")
            nlp.disable_pipe("lemmatizer")
