"""Claims: who said what, about whom, with which numbers, and where.

``find_claims(doc, entities, article)`` reads the parsed article one sentence at a time
(spaCy's sentences, cut again at line breaks) and keeps a sentence as a claim when it

- is attributed to a named speaker: a reporting verb ("said", "warned", "told",
  "predicts", ...) or "according to" whose subject resolves to a Person, Company or
  Organization, directly, through a pronoun ("he", "it"), a short noun ("the company",
  "the executive") or a possessive ("Musk's remarks emphasized"); a report speaks for
  its author ("according to the report"), and a capitalised name the entity extractor
  missed ("according to Yee Min Tao") is a speaker of its own; "executives" and "a
  spokesperson" speak for their company, "the department" for a body so named, "the
  minister" for the person given that title; a reporting verb that reports an event
  ("agreed to buy", "after it announced a deal", "the chips, which AWS announced",
  "estimated earnings") attributes nothing, and a statement of several speakers ("X and
  Y said") is kept without one;
- quotes someone: a direct quotation of two words or more whose speaker is known from
  the same sentence, from the rest of the quotation, or from the sentence just before;
  lines of an embedded post ("— Name (@handle)") are quotes of the poster;
- states a quantity (see ``graph.extract.quantities``);
- or looks ahead: "will", "is expected to", "plans to", "next year", "by 2025", and
  "would" in reported speech.

The kind is the first that fits of quantitative, prediction, quote, assertion. The
article's title is not mined: it is a headline, and the body restates it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from graph.extract.entities import JUNK, doc_text
from graph.extract.quantities import find_quantities
from graph.model import Article, Claim, Entity, EntityRef, Mention
from ontology.ids import claim_id, entity_id

__all__ = ["find_claims"]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


SPEAKER_TYPES = frozenset({"Person", "Company", "Organization"})
_ORG_TYPES = frozenset({"Company", "Organization"})

# Reporting verbs (lemmas) that attribute whatever their subject says.
CUE_VERBS = _wordset(
    "say tell warn predict believe joke note estimate announce confirm argue add explain "
    "state claim mention emphasize emphasise stress hint insist caution acknowledge reveal "
    "disclose report ask summarize summarise tout praise liken discuss highlight forecast "
    "anticipate describe write tweet post admit concede deny complain observe remark "
    "comment declare assert reckon urge criticize criticise dispute reiterate contend "
    "testify disagree underscore proclaim reaffirm affirm echo"
)
# Verbs that attribute only when they take a clause ("results show that ...", "promised
# to cut prices").
CLAUSE_CUE_VERBS = _wordset("show suggest find expect think feel point promise")
# Verbs that attribute only with a that-clause: "agreed that ..." but not "agreed to buy".
THAT_CUE_VERBS = _wordset("agree indicate inform")
# A reporting verb in a clause of time reports an event ("after the company announced a
# deal"), not the sentence's claim.
_TIME_MARKS = _wordset("after before until once when")
_WH = _wordset("how what why where when whether if which who")
# Nouns whose possessor is a speaker ("Elon Musk's assessment").
CUE_NOUNS = _wordset(
    "assessment remarks remark comments comment view views words statement prediction "
    "forecast estimate estimates analysis warning argument opinion disclosure projection "
    "projections admission"
)
PERSON_NOUNS = _wordset(
    "executive ceo chairman chairwoman chief founder president analyst researcher "
    "official minister secretary director commissioner chancellor governor senator mayor"
)
# People who speak for their organisation: "executives on the call said", "a spokesperson
# said" are the company.
GROUP_NOUNS = _wordset("executives spokesperson spokespeople spokesman spokeswoman management")
ORG_NOUNS = _wordset(
    "company firm chipmaker designer group startup start-up utility maker manufacturer business "
    "giant agency government department ministry regulator lab laboratory provider operator"
)
# Nouns of written sources: "the report says", "according to a report by X".
REPORT_NOUNS = _wordset("report story study survey article paper")
# An organisation's own documents speak for it: "according to a shareholder letter".
DOC_NOUNS = _wordset("letter filing statement release memo presentation")
HONORIFICS = _wordset("mr mrs ms dr prof rep sen gov sir dame")
# Capitalised words that are titles, not names ("the CEO said").
_TITLE_WORDS = PERSON_NOUNS | ORG_NOUNS | REPORT_NOUNS | _wordset("ceo cfo cto coo vp ai")
# Dependents of a subject that name someone else: "the company led by X", "press including
# X and Y", "the firm, which X founded".
_MODIFIER_DEPS = frozenset({"acl", "relcl"})
_LISTING = _wordset("including like")
_MONTHS = _wordset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_NOT_NAMES = _wordset(
    "GPE NORP LOC DATE TIME MONEY PERCENT QUANTITY CARDINAL ORDINAL EVENT LAW LANGUAGE"
)
_ORG_WORDS = _wordset(
    "inc corp co ltd llc plc group chamber committee council institute university "
    "association agency department ministry bank news times journal post media capital "
    "ventures partners securities research labs foundation commission"
)
# Lower-case words inside names: "Nick Van den Brul", "Bank of England".
_NAME_JOINERS = _wordset("of and for the de den der van von da di du la le al bin")
_DASHES = frozenset({"-", "--", "—", "–", "---"})
COMPANY_NOUNS = ORG_NOUNS - _wordset("agency government department lab laboratory")
PUBLIC_NOUNS = _wordset("agency government department ministry regulator")
FUTURE_HEADS = _wordset(
    "expect plan aim poise set schedule due likely unlikely intend hope slate forecast "
    "predict project bound"
)
_FUTURE_TIME = re.compile(
    r"\b(?:next\s(?:year|month|week|quarter|decade|generation|few\s(?:years|months|weeks))"
    r"|in\sthe\s(?:coming|next)\s|later\sthis\s(?:year|month|week|quarter)"
    r"|in\sthe\s(?:near\s)?future|foreseeable\sfuture|in\sthe\slong\srun|going\sforward"
    r"|(?:by|in)\s(?P<year>20\d\d))\b",
    re.IGNORECASE,
)
_QUOTE_OPEN = frozenset('"“„«')
_QUOTE_CLOSE = frozenset('"”»')
_SIGNATURE = re.compile(r"^[ \t]*[—–-]{1,2}[ \t]*(?P<name>[^\n()]+?)[ \t]*\((?P<handle>@\w+)\)",
                        re.MULTILINE)  # fmt: skip
_TERMINAL = re.compile(r"[.!?\"”’)]\s*$")


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    entity: Entity
    named_here: bool = False
    """A speaker named by the claims reader itself (the entity extractor missed it)."""


@dataclass
class _Sentence:
    start: int
    end: int
    span: Span | None
    speaker: Entity | None = None
    speaker_at: tuple[int, int] | None = None
    cue: str | None = None
    quoted: bool = False
    post_by: Entity | None = None
    several: bool = False
    """Said by several speakers together ("X and Y wrote"): the claim has none."""


class _Mentions:
    """The article's entity mentions, in text order, for lookups by position."""

    def __init__(self, entities: Sequence[Entity], doc: Doc) -> None:
        items = [_Mention(m.start, m.end, e) for e in entities for m in e.mentions]
        self.items = sorted(items, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.items]
        words = _TokenIndex(doc)
        self.cue_at = words.where(lemmas=_CUE_LEMMAS, lowers=_CUE_WORDS)
        self.future_at = words.where(lemmas=_FUTURE_LEMMAS, lowers=_FUTURE_WORDS)
        self.subject_tokens = [doc[i] for i in words.where(deps=_SUBJECT_DEPS)]
        self.subject_idx = [t.idx for t in self.subject_tokens]
        self.report_source: Entity | None = None
        self.text = doc_text(doc)
        self.sentences: list[_Sentence] = []
        self.sentence_starts: list[int] = []

    def add(self, m: _Mention) -> None:
        """Index a speaker that the claims reader named itself."""
        i = bisect.bisect_left(self.starts, m.start)
        self.items.insert(i, m)
        self.starts.insert(i, m.start)

    def named(self, words: str, *, surname: bool) -> Entity | None:
        """A speaker of the article called ``words`` (or, with ``surname``, by that surname)."""
        low = words.lower()
        for m in reversed(self.items):
            e = m.entity
            if e.type not in SPEAKER_TYPES or e.generic:
                continue
            if low == e.label.lower() or any(low == x.text.lower() for x in e.mentions):
                return e
            if surname and e.type == "Person" and e.label.lower().split()[-1] == low:
                return e
        return None

    def covering(self, pos: int) -> _Mention | None:
        """A mention over the character at ``pos``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        while i >= 0 and pos - self.items[i].start < 200:
            if self.items[i].end > pos:
                return self.items[i]
            i -= 1
        return None

    def is_subject(self, m: _Mention, *, own: bool = False) -> bool:
        """Whether a mention is (part of) a clause subject: the most salient position.
        With ``own``, the subject itself or its possessor ("Intel's chip"), not a word
        that qualifies it ("Nvidia GPUs")."""
        i = bisect.bisect_left(self.subject_idx, m.start)
        while i < len(self.subject_idx) and self.subject_idx[i] < m.end:
            tok = self.subject_tokens[i]
            i += 1
            while tok.dep_ in ("poss", "compound") and tok.head.i != tok.i:
                if own and tok.dep_ == "compound" and not m.start <= tok.head.idx < m.end:
                    break
                tok = tok.head
            if tok.dep_ in ("nsubj", "nsubjpass"):
                return True
        return False

    def called(self, word: str, pos: int, types: frozenset[str]) -> _Mention | None:
        """The latest body before ``pos`` whose name has ``word`` in it ("the agency": the
        International Energy Agency)."""
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0:
            m = self.items[i]
            i -= 1
            e = m.entity
            if e.type in types and m.end <= pos and not e.generic:
                names = [e.label, *(x.text for x in e.mentions)]
                if any(word in n.lower().split() for n in names):
                    return m
        return None

    def titled(self, title: str, pos: int) -> _Mention | None:
        """The latest person before ``pos`` written with ``title`` ("Minister Jo Doe",
        "Jo Doe, the minister")."""
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0:
            m = self.items[i]
            i -= 1
            if m.entity.type != "Person" or m.end > pos:
                continue
            before = self.text[max(m.start - 40, 0) : m.start].lower().split()
            after = self.text[m.end : m.end + 40].lower().split()
            if title in before[-3:] or title.rstrip("s") in (w.strip(",.") for w in after[:3]):
                return m
        return None

    def topic(self, pos: int, types: frozenset[str]) -> Entity | None:
        """The article's topic of a type before ``pos``: the one named most often, when
        no other is named as often."""
        counts: dict[str, int] = {}
        by_id: dict[str, Entity] = {}
        for m in self.items[: bisect.bisect_left(self.starts, pos)]:
            e = m.entity
            if e.type in types and not e.generic and not m.named_here:
                counts[e.id] = counts.get(e.id, 0) + 1
                by_id[e.id] = e
        ranked = sorted(counts.values(), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
            return None
        return next(by_id[i] for i, n in counts.items() if n == ranked[0])

    def within(self, start: int, end: int) -> list[_Mention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i].start < end:
            if self.items[i].end <= end:
                out.append(self.items[i])
            i += 1
        return out

    def salient_before(
        self,
        pos: int,
        types: frozenset[str],
        window: int = 600,
        *,
        sentence: bool = False,
        subject_only: bool = False,
    ) -> _Mention | None:
        """What a pronoun at ``pos`` refers to: the latest subject of the right type in the
        last ``window`` characters, else the latest mention of that type. With ``sentence``,
        when the sentence before is about a thing ("The ban came after pressure from the
        government. It said ..."), its last mention of that type."""
        if sentence and self.sentences:
            k = bisect.bisect_right(self.sentence_starts, pos) - 1
            before = self.sentences[k - 1] if k >= 1 else None
            if (
                before is not None
                and before.span is not None
                and before.speaker is None
                and not before.quoted
                and _about_a_thing(before, self)
            ):
                inside = [
                    m
                    for m in self.within(before.start, before.end)
                    if m.entity.type in types and not m.entity.generic and not m.named_here
                ]
                if inside:
                    return inside[-1]
        last = None
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0:
            m = self.items[i]
            i -= 1
            if m.entity.type not in types or m.end > pos or m.entity.generic:
                continue
            if last is None:
                last = m
            if pos - m.start > window:
                break
            if self.is_subject(m):
                return m
        return None if subject_only else last


def find_claims(doc: Doc, entities: Sequence[Entity], article: Article) -> tuple[Claim, ...]:
    """The claims of one parsed article (``doc`` is ``nlp(article.text)``)."""
    text = doc_text(doc)
    if not doc.has_annotation("SENT_START"):
        return ()
    mentions = _Mentions(entities, doc)
    quotes = _quote_spans(text)
    sentences = _sentences(doc, _body_start(article, text))
    mentions.sentences = sentences
    mentions.sentence_starts = [s.start for s in sentences]
    _attach_posts(text, sentences, mentions)
    prev: Entity | None = None
    for s in sentences:
        s.quoted = any(_overlaps(q, (s.start, s.end)) and _words(text, q) >= 2 for q in quotes)
        _attribute(s, text, mentions, prev)
        prev = s.speaker
    _propagate_quote_speakers(sentences, quotes, text)

    claims = []
    for s in sentences:
        claim = _claim(s, text, mentions, article)
        if claim is not None:
            claims.append(claim)
    return tuple(claims)


# -- sentences, quotes and posts -----------------------------------------------------------


def _body_start(article: Article, text: str) -> int:
    title = article.title
    if title and text.startswith(title) and text[len(title) : len(title) + 2] == "\n\n":
        return len(title) + 2
    return 0


def _sentences(doc: Doc, body_start: int) -> list[_Sentence]:
    text = doc_text(doc)
    out = []
    for sent in doc.sents:
        pos = sent.start_char
        for line in text[sent.start_char : sent.end_char].split("\n"):
            start = pos + len(line) - len(line.lstrip())
            end = pos + len(line.rstrip())
            pos += len(line) + 1
            if end - start < 3 or start < body_start:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            out.append(_Sentence(start, end, span))
    return out


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of direct quotations; an unclosed one runs to the end of its line."""
    spans = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch == "\n":
            if open_at is not None:
                spans.append((open_at, i))
                open_at = None
            continue
        if open_at is None:
            if ch in _QUOTE_OPEN:
                open_at = i
        elif ch in _QUOTE_CLOSE or (ch == "“" and i - open_at > 1):
            spans.append((open_at, i + 1))
            open_at = i if ch == "“" else None
    if open_at is not None:
        spans.append((open_at, len(text)))
    return spans


def _words(text: str, span: tuple[int, int]) -> int:
    """Words quoted; 0 for a quoted name ("Crane Clean Energy Center") or a scare quote."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text[span[0] : span[1]])
    if all(w[0].isupper() for w in words):
        return 0
    return len(words)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _attach_posts(text: str, sentences: list[_Sentence], mentions: _Mentions) -> None:
    """Lines of an embedded post ("... — Zack Guzmán (@zGuz)") are quotes of the poster."""
    for sig in _SIGNATURE.finditer(text):
        poster = _entity_at(mentions, sig.start("name"), sig.end("handle"), SPEAKER_TYPES)
        if poster is None:
            continue
        # The post is the line above the signature and the lines before it that, like
        # posts, lack a final full stop.
        line_end = sig.start() - 1
        post_start = line_end
        for n in range(6):
            line_start = text.rfind("\n", 0, max(post_start - 1, 0)) + 1
            line = text[line_start : post_start - 1 if n else line_end]
            if n and (not line.strip() or _TERMINAL.search(line)):
                break
            post_start = line_start
            if line_start == 0:
                break
        for s in sentences:
            if post_start <= s.start and s.end <= line_end:
                s.post_by = poster


def _about_a_thing(s: _Sentence, mentions: _Mentions) -> bool:
    """Whether a sentence's main subject is a common noun that names no one ("The export
    ban came ...")."""
    assert s.span is not None
    root = s.span.root
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subj) != 1 or subj[0].pos_ != "NOUN" or subj[0].lower_ in _ALL_SPEAKER_NOUNS:
        return False
    head = subj[0]
    end = head.right_edge.idx + len(head.right_edge.text)
    return not any(m.entity.type in SPEAKER_TYPES for m in mentions.within(head.left_edge.idx, end))


def _entity_at(mentions: _Mentions, start: int, end: int, types: frozenset[str]) -> Entity | None:
    for m in mentions.within(start, end):
        if m.entity.type in types:
            return m.entity
    return None


# -- attribution ---------------------------------------------------------------------------


def _attribute(s: _Sentence, text: str, mentions: _Mentions, prev: Entity | None) -> None:
    """Find the sentence's reporting cue and resolve its speaker.

    ``prev`` is the speaker of the sentence before, which a pronoun continues ("He added").
    """
    if s.span is None or not s.span.doc.has_annotation("DEP"):
        return  # no parser (the fast pipeline): quantities and "will" only
    cues: list[tuple[int, Token, str, Sequence[Token]]] = []
    for tok in _tokens_at(mentions.cue_at, s.span):
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
            cues.append((0, tok, "according to", objs))
        elif low == "per" and tok.i > s.span.start and tok.doc[tok.i - 1].lower_ == "as":
            objs = [c for c in tok.children if c.dep_ == "pobj"]
            cues.append((0, tok, "as per", objs))
        elif tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in _ALL_CUE_VERBS:
            lemma = tok.lemma_.lower()
            if not _is_reporting(tok, lemma):
                continue
            # "as reported by X", "it was announced by X that ...": the agent speaks.
            subj = [
                g
                for c in tok.children
                if c.dep_ == "agent" and _reports_by(tok)
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if not subj and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
                continue  # "is announced": no one is quoted
            subj = subj or [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
            head = tok.head
            if (
                not subj
                and tok.dep_ in ("conj", "advcl", "xcomp")
                and head.lemma_ != "be"
                and s.start <= head.idx < s.end
            ):
                subj = [c for c in head.children if c.dep_ == "nsubj"]
            if not subj:
                subj = _left_neighbour(tok, s)
            cue = f"{tok.text} out" if lemma == "point" else tok.text
            cues.append((0, tok, cue, subj))
        elif tok.pos_ == "VERB" and _reports_otherwise(tok):
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            cues.append((50, tok, tok.text, subj))  # after any other cue
        elif (
            tok.lemma_.lower() in CUE_NOUNS
            and tok.pos_ == "NOUN"
            and tok.dep_ != "compound"
            and tok.lower_ != "statements"  # "its financial statements"
        ):
            poss = [c for c in tok.children if c.dep_ == "poss"]
            if poss and poss[0].pos_ == "PRON":
                # "Arm maintained its view": Arm's view; "His remarks came ...": his.
                poss = _clause_subject(tok) or poss
            if poss:
                cues.append((1, tok, tok.text, poss))
        elif tok.lemma_.lower() in REPORT_NOUNS and tok.dep_ in ("nsubj", "nsubjpass"):
            _report_author(tok, s, mentions)  # "The report comes from X": X is the source
    # Cues outside quotation marks first, then the ones highest in the parse tree.
    # outside quotes first, then by rank (a verb or "according to", a possessive cue, a
    # fallback), then in reading order: the first cue of a sentence attributes it
    cues.sort(key=lambda c: (_inside_quotes(text, s, c[1]), c[0], c[1].i))
    unnamed: list[Token] = []
    for _, tok, cue, heads in cues:
        if any(u.is_ancestor(tok) for u in unnamed):
            continue  # "reports said X expected ...": X is reported on, not quoted
        results = [_resolve(head, s, mentions, prev) for head in heads]
        if any(r is _SEVERAL for r in results):
            s.several, s.cue = True, cue
            return  # "X and Y said": a statement, but of no one speaker
        # Several subjects are a misparse of one ("Acme's co-founder and CEO Jo Doe"):
        # the person among them, and a name over "the utility" beside it.
        ranked = sorted(
            (r for r in results if isinstance(r, tuple)),
            key=lambda r: (r[0].type != "Person", mentions.covering(r[1][0]) is None),
        )
        found = ranked[0] if ranked else None
        if found is not None:
            s.speaker, s.speaker_at = found
            s.cue = cue
            cites = cue in ("according to", "as per") or tok.lemma_.lower() == "report"
            if cites and s.speaker.type in _ORG_TYPES and not _is_doc(heads):
                mentions.report_source = s.speaker  # "..., the report said"
            return
        if tok.pos_ in ("VERB", "AUX") and any(h.pos_ == "NOUN" for h in heads):
            unnamed.append(tok)


_ALL_CUE_VERBS = CUE_VERBS | CLAUSE_CUE_VERBS | THAT_CUE_VERBS
_ALL_SPEAKER_NOUNS = PERSON_NOUNS | ORG_NOUNS | GROUP_NOUNS | REPORT_NOUNS


# The only tokens ``_attribute`` and ``_is_prediction`` can act on, so that each looks at
# a handful of tokens per sentence instead of making a spaCy ``Token`` for every word.
def _ids(words: Iterable[str]) -> frozenset[int]:
    return frozenset(get_string_id(w) for w in words)


_CUE_LEMMAS = _ids(_ALL_CUE_VERBS | CUE_NOUNS | REPORT_NOUNS | {"call", "see"})
_CUE_WORDS = _ids(["according", "per"])
_FUTURE_LEMMAS = _ids(FUTURE_HEADS | {"expect"})
_FUTURE_WORDS = _ids(["will", "'ll", "wo", "shall", "’ll", "would", "going"])
_SUBJECT_DEPS = _ids(["nsubj", "nsubjpass", "poss", "compound"])
_FOLDED: dict[int, int] = {}
"""String ID -> ID of the same string in lower case: lemmas keep a name's case."""


class _TokenIndex:
    """A document's words as arrays of string IDs, to find tokens without visiting each."""

    def __init__(self, doc: Doc) -> None:
        lower, lemma, self.dep = doc.to_array([LOWER, LEMMA, DEP]).T
        self.lower = lower
        if len(_FOLDED) > 500_000:
            _FOLDED.clear()  # bounded on a corpus of any size
        strings = doc.vocab.strings
        folded = []
        for key in np.unique(lemma).tolist():
            low = _FOLDED.get(key)
            if low is None:
                low = _FOLDED[key] = get_string_id(strings[key].lower())
            folded.append((key, low))
        self.lemma, self.folded = lemma, folded

    def where(
        self,
        *,
        lemmas: frozenset[int] = frozenset(),
        lowers: frozenset[int] = frozenset(),
        deps: frozenset[int] = frozenset(),
    ) -> list[int]:
        """Positions, in order, of tokens whose lower-cased lemma, lower form or
        dependency label has an ID in the given sets."""
        hit = np.zeros(len(self.lower), dtype=bool)
        if lemmas:
            hit |= np.isin(self.lemma, [key for key, low in self.folded if low in lemmas])
        if lowers:
            hit |= np.isin(self.lower, list(lowers))
        if deps:
            hit |= np.isin(self.dep, list(deps))
        return np.flatnonzero(hit).tolist()


def _tokens_at(positions: Sequence[int], span: Span) -> Iterator[Token]:
    """The tokens of ``span`` at the given sorted positions."""
    doc = span.doc
    for i in positions[bisect.bisect_left(positions, span.start) :]:
        if i >= span.end:
            return
        yield doc[i]


def _is_reporting(tok: Token, lemma: str) -> bool:
    """Whether a reporting verb reports here: not as an adjective ("estimated earnings"),
    not negated ("has not said"), not in a clause of time ("after it announced a deal"),
    not of a thing ("the chips, which AWS announced"), and with the clause some verbs need."""
    if tok.dep_ in ("amod", "compound") and not any(
        c.dep_ == "nsubj" and not _possessive(c) for c in tok.children
    ):
        return False  # "estimated earnings"; "Constellation's announced plan"
    if lemma in CLAUSE_CUE_VERBS and not _takes_clause(tok):
        return False
    if lemma in THAT_CUE_VERBS and not any(c.dep_ == "ccomp" for c in tok.children):
        return False
    for c in tok.children:
        if c.dep_ == "neg":
            return False
        if _of_a_thing(tok, c):
            return False  # "the chips, which AWS announced", "what it says is"
        if (
            c.dep_ == "mark"
            and c.lower_ in _TIME_MARKS
            and tok.dep_ == "advcl"
            and not any(g.dep_ == "ccomp" for g in tok.children)
        ):
            return False  # "after it announced a deal", but "after it said sales fell"
    return True


def _possessive(tok: Token) -> bool:
    """A word marked as an owner ("Constellation's"), whatever the parser made of it."""
    return any(c.dep_ == "case" and c.lower_ in ("'s", "’s", "'") for c in tok.children)


def _reports_by(tok: Token) -> bool:
    """Whether a passive reporting verb's agent is its speaker: "as reported by X", "it was
    announced by X that ...", but not "the figure announced by X"."""
    return any((c.dep_ == "mark" and c.lower_ == "as") or c.dep_ == "ccomp" for c in tok.children)


def _clause_subject(tok: Token) -> list[Token]:
    """The subject of the clause a noun is in ("Arm maintained its view" -> Arm)."""
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return [c for c in verb.children if c.dep_ == "nsubj" and c.i != tok.i]


def _has_quote(tok: Token) -> bool:
    return any(t.text in _QUOTE_OPEN or t.text == '"' for t in tok.subtree)


def _reports_otherwise(tok: Token) -> bool:
    """Verbs that report only in one construction: "X calls it "a leap in efficiency""
    (a quotation of three words or more, not a coined term such as "AI factories"), and
    "Arm sees revenue of $4 billion" (an outlook, in the present tense)."""
    lemma = tok.lemma_.lower()
    if lemma == "call":
        for c in tok.children:
            if c.dep_ not in ("oprd", "dobj", "ccomp"):
                continue
            opening = next((t for t in c.subtree if t.text in _QUOTE_OPEN), None)
            if opening is not None:
                after = tok.doc[opening.i + 1 : c.right_edge.i + 2]
                closing = next((t for t in after if t.text in _QUOTE_CLOSE), c.right_edge)
                if _words(tok.doc.text, (opening.idx, closing.idx + 1)) >= 3:
                    return True
        return False
    if lemma == "see":
        # "Arm sees revenue of $4 billion", but not "the project, which sees TSMC starting
        # a plant" (an event, said of a thing).
        return (
            tok.tag_ in ("VBZ", "VBP")
            and not any(c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in tok.children)
            and any(
                c.dep_ == "dobj"
                and not _of_a_thing(tok, c)
                and not any(g.tag_ == "VBG" for g in c.children)
                for c in tok.children
            )
        )
    return False


def _of_a_thing(tok: Token, child: Token) -> bool:
    """A reporting verb whose object is a relative pronoun reports a thing ("the chips,
    which AWS announced", "what it says is the latest chip"), unless it quotes ("which
    Mr Doe described as "a leap")."""
    if child.lower_ not in ("which", "that", "what") or _has_quote(tok):
        return False
    if child.dep_ == "dobj":
        return True
    return child.dep_ == "nsubj" and sum(g.dep_ == "nsubj" for g in tok.children) > 1


def _is_doc(heads: Sequence[Token]) -> bool:
    return any(h.lemma_.lower() in DOC_NOUNS for h in heads)


def _left_neighbour(tok: Token, s: _Sentence) -> list[Token]:
    """The word just before a verb the parser left without a subject ("Even X said")."""
    i = tok.i - 1
    while i >= 0 and tok.doc[i].pos_ in ("ADV", "AUX", "PART") and tok.doc[i].idx >= s.start:
        i -= 1
    if i < 0 or tok.doc[i].idx < s.start or tok.doc[i].pos_ not in ("PROPN", "PRON", "NOUN"):
        return []
    return [tok.doc[i]]


def _takes_clause(tok: Token) -> bool:
    """True for "point out" and for a verb with a that-clause ("results show that ...")."""
    if tok.lemma_.lower() == "point":
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
    return any(
        c.dep_ in ("ccomp", "xcomp") and c.subtree.__next__().lower_ not in _WH
        for c in tok.children
    )


def _inside_quotes(text: str, s: _Sentence, tok: Token) -> bool:
    before = text[s.start : tok.idx]
    opened = sum(before.count(q) for q in "“„«") - sum(before.count(q) for q in "”»")
    return opened > 0 or before.count('"') % 2 == 1


_TITLES = frozenset({"minister", "secretary", "commissioner", "president", "chairman", "director"})
_APPOSED = re.compile(r",\s*(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?$")
"""What lies between a title and the name in apposition to it: ", Dr. "."""


_Found = tuple[Entity, tuple[int, int]]


class _Several:
    """The subject names more than one speaker ("X and Y said"): the claim has none."""


_SEVERAL = _Several()


def _resolve(
    head: Token, s: _Sentence, mentions: _Mentions, prev: Entity | None, *, org: bool = False
) -> _Found | _Several | None:
    """The speaker named by a subject (or possessor, or object of "according to");
    ``org`` when it is the author of a report, rarely a person."""
    doc = head.doc
    left, right = head.left_edge, head.right_edge
    start, end = left.idx, right.idx + len(right.text)
    # "the company led by X", "press including X and Y": X is not who speaks; but "figures
    # released by X" are X's.
    aside = [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
        for c in head.children
        if c.dep_ in _MODIFIER_DEPS or (c.lower_ in _LISTING and c.i > head.i)
    ]
    if head.pos_ == "NOUN" and head.lower_ not in _ALL_SPEAKER_NOUNS | {"press"}:
        aside = []
    cands = [m for m in mentions.within(start, end) if m.entity.type in SPEAKER_TYPES]
    set_aside = [m for m in cands if any(a <= m.start < b for a, b in aside)]
    cands = [m for m in cands if m not in set_aside]
    # A dateline is not the subject: "SACRAMENTO, July 20 (Xinhua) -- TSMC said".
    dateline = [
        t.idx
        for t in doc[max(left.i, 1) : right.i + 1]
        if t.text in _DASHES
        and doc[t.i - 1].whitespace_
        and (doc[t.i - 1].text == ")" or doc[t.i - 1].like_num)
    ]
    if dateline:
        cands = [m for m in cands if m.start > dateline[-1]]
    named = _unrecognised_name(head, s, mentions, org=org)
    if named is not None:
        return named
    low = head.lower_
    lemma = head.lemma_.lower()
    if lemma in REPORT_NOUNS:
        return _report_author(head, s, mentions, cands)
    if lemma in DOC_NOUNS:
        found = _report_author(head, s, mentions, cands, own=True)
        if found is not None:
            return found
    if cands:
        if _coordinated(head, cands):
            return _SEVERAL
        return _best(head, cands)
    if head.pos_ in ("NOUN", "PROPN") and low in _TITLES:
        # "according to the Minister of Communications, Innovation and Digital Economy,
        # Dr. Bosun Tijani, ...": the person in apposition after the title
        for m in mentions.within(end, end + 40):
            if m.entity.type == "Person" and _APPOSED.match(mentions.text, end, m.start):
                return m.entity, (m.start, m.end)
    if low in ("which", "who", "that") and head.head.dep_ == "relcl":
        relcl = head.head.head
        return _resolve(relcl, s, mentions, prev) if relcl.i != head.i else None
    types: frozenset[str] | None = None
    if low in ("he", "she", "him", "her", "his"):
        types = frozenset({"Person"})
    elif low in ("it", "its"):
        types = _ORG_TYPES
    elif head.pos_ == "NOUN" and lemma in DOC_NOUNS and _is_source(head):
        types = _ORG_TYPES  # "according to a shareholder letter": the company's
    elif head.pos_ in ("NOUN", "PROPN") and low in GROUP_NOUNS:
        # "executives on the company's call", "a company spokesperson": the company;
        # "Chinese officials", "industry executives": no one in particular.
        linked = any(
            t.i != head.i and t.lower_ in COMPANY_NOUNS | {"its", "their"} for t in head.subtree
        )
        if not linked and any(
            c.ent_type_ in ("NORP", "GPE", "LOC") or c.dep_ in ("compound", "nmod")
            for c in head.children
        ):
            return None
        types = _ORG_TYPES
    elif head.pos_ == "NOUN" and _definite(head):
        if low in PERSON_NOUNS:
            types = frozenset({"Person"})
        elif low in COMPANY_NOUNS:
            types = frozenset({"Company"})
        elif low in PUBLIC_NOUNS:
            types = frozenset({"Organization"})
        elif low in ORG_NOUNS:
            types = _ORG_TYPES
    if types is None:
        poss = [c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        if head.pos_ == "NOUN" and poss and _is_source(head):  # "according to X's analysts"
            return _resolve(poss[0], s, mentions, prev, org=org)
        return None
    found = _antecedent(head, s, mentions, prev, types)
    if found is None and set_aside:  # "the company, led by Jo Doe, said": better Jo Doe
        return _best(head, set_aside)
    return found


def _antecedent(
    head: Token, s: _Sentence, mentions: _Mentions, prev: Entity | None, types: frozenset[str]
) -> _Found | None:
    """Whom a pronoun or a noun such as "the company" stands for."""
    doc = head.doc
    left = head.left_edge
    low = head.lower_
    at = (head.idx, head.idx + len(head.text))
    if low in PUBLIC_NOUNS:
        # "the department", "the agency": a body called so ("Justice Department"), or no one.
        # Else the body that is the subject just before ("SAMR announced ... The agency
        # said"), or no one.
        m = mentions.called(low, doc[left.i].idx, types) or mentions.salient_before(
            doc[left.i].idx, types, window=300, subject_only=True
        )
        return (m.entity, at) if m is not None else None
    # "X's chip will ramp up in May, the company said": the sentence's own subject.
    for m in mentions.within(s.start, doc[left.i].idx):
        if m.entity.type in types and not m.entity.generic and mentions.is_subject(m, own=True):
            return m.entity, at
    # "executives said", "X's investment in Y, the company said": of the companies at
    # hand (named in this sentence or the one before), the article's topic.
    # A spokesperson is the one just named ("the Vodafone spokesman ... the spokesman").
    if low in COMPANY_NOUNS | {"executives", "management"}:
        topic = mentions.topic(doc[left.i].idx, frozenset({"Company"}) & types)
        k = bisect.bisect_right(mentions.sentence_starts, s.start) - 1
        near = mentions.sentences[k - 1].start if k >= 1 else s.start
        if topic is not None and any(m.entity.id == topic.id for m in mentions.within(near, s.end)):
            return topic, at
    # "Huang said ... He added": the reporting goes on.
    if prev is not None and prev.type in types:
        return prev, at
    if types == {"Person"} and low in PERSON_NOUNS:
        m = mentions.titled(low, doc[left.i].idx)  # "Minister Jo Doe ... the minister said"
        if m is not None:
            return m.entity, at
    m = mentions.salient_before(doc[left.i].idx, types, sentence=True)
    if m is None and types == {"Company"}:
        m = mentions.salient_before(doc[left.i].idx, _ORG_TYPES, sentence=True)
    if m is None:
        return None
    return m.entity, at


def _is_source(head: Token) -> bool:
    """Whether a word is the object of "according to" or "as per"."""
    prep = head.head
    return head.dep_ == "pobj" and (
        (prep.lower_ == "to" and prep.head.lower_ == "according") or prep.lower_ == "per"
    )


def _definite(head: Token) -> bool:
    """ "the company", "the AI cloud startup", "this firm"."""
    return any(t.lower_ in ("the", "this") for t in head.doc[head.left_edge.i : head.i])


def _coordinated(head: Token, cands: list[_Mention]) -> bool:
    """Whether the subject joins two speakers: "Jo Doe and Ann Roe wrote"."""
    conjs = [c for c in head.children if c.dep_ == "conj"]
    if not conjs:
        return False
    spans = [(head.left_edge.idx, conjs[0].left_edge.idx)] + [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in conjs
    ]
    first = {m.entity for m in cands if spans[0][0] <= m.start < spans[0][1]}
    for a, b in spans[1:]:
        for m in cands:
            if a <= m.start < b and any(
                e.id != m.entity.id and (e.type == m.entity.type == "Person" or
                                         {e.type, m.entity.type} <= _ORG_TYPES)
                for e in first
            ):  # fmt: skip
                return True
    return False


def _best(head: Token, cands: list[_Mention]) -> _Found:
    """Of the speakers inside a subject, the one on its head word, else a Person, else the
    nearest ("IBM's vice president, Nick Donofrio" -> Nick Donofrio)."""

    def rank(m: _Mention) -> tuple[int, int, int]:
        on_head = m.start <= head.idx < m.end
        return (not on_head, m.entity.type != "Person", abs(m.start - head.idx))

    best = min(cands, key=rank)
    return best.entity, (best.start, best.end)


def _report_author(
    head: Token,
    s: _Sentence,
    mentions: _Mentions,
    cands: list[_Mention] | None = None,
    *,
    own: bool = False,
) -> _Found | None:
    """Who a report speaks for: "a report by X", "the report comes from X", "a Deloitte
    study"; "the report" alone is the last report whose author is known (unless ``own``:
    a statement or letter, whose author is found like "the company")."""
    found: _Found | None = None
    for prep in [*head.children, *head.head.children]:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and found is None:
                    r = _resolve(obj, s, mentions, None, org=True)
                    found = r if isinstance(r, tuple) else None
    if found is None:  # "its annual report", "Acme's latest filing": the owner's
        for poss in (c for c in head.children if c.dep_ == "poss"):
            r = _resolve(poss, s, mentions, None, org=True)
            found = r if isinstance(r, tuple) else None
    if found is None and cands:
        found = _best(head, cands)
    if found is None:
        if (
            own
            or mentions.report_source is None
            or not any(c.lower_ in ("the", "this", "that") for c in head.children)
        ):
            return None
        return mentions.report_source, (head.idx, head.idx + len(head.text))
    if found[0].type in _ORG_TYPES:
        mentions.report_source = found[0]
    return found


def _is_name(tok: Token, s: _Sentence) -> bool:
    """A capitalised word that names someone: a proper noun, or a capitalised noun inside
    the sentence ("according to the Information")."""
    if tok.ent_type_ == "PERSON" and tok.ent_iob_ == "I" and tok.doc[tok.i - 1].text == "-":
        return True  # "Kim Dae-jong": a hyphenated name goes on in lower case
    if not tok.text[:1].isupper() or not tok.text[:1].isalpha():
        return False
    if tok.ent_type_ in _NOT_NAMES or tok.lower_ in _TITLE_WORDS:
        return False
    if tok.lower_.rstrip(".") in _MONTHS and tok.i + 1 < len(tok.doc) and tok.nbor(1).like_num:
        return False  # "Feb 13 (Reuters) -": a date the model left untagged
    if tok.pos_ == "PROPN":
        return True
    if tok.pos_ != "NOUN":
        return False
    if tok.idx > s.start and not tok.is_sent_start:
        return True
    # First word of the sentence: a name when the article capitalises it elsewhere too.
    # ("Union of Journalists" is part of another name).
    for m in re.finditer(rf"(\w+)[,;:]? {re.escape(tok.text)}\b", doc_text(tok.doc)):
        if m.group(1).islower() and m.group(1) not in _NAME_JOINERS:
            return True
    return False


def _unrecognised_name(
    head: Token, s: _Sentence, mentions: _Mentions, *, org: bool = False
) -> _Found | None:
    """A speaker the entity extractor missed: the run of capitalised words ending on the
    head of the subject ("according to Yee Jiun Song", "said Rep. Ann Smith"). A surname
    alone is the person named in full before it; the name is indexed for later pronouns."""
    if not _is_name(head, s) or mentions.covering(head.idx) is not None:
        return None
    doc = head.doc
    first = head.i
    while first > s.span.start:
        before = doc[first - 1]
        if _is_name(before, s) and before.dep_ in ("compound", "nmod", "amod", "poss"):
            first -= 1
        else:  # "Nick Van den Brul", "British Bankers' Association"
            j = first - 1
            while j > s.span.start and (doc[j].lower_ in _NAME_JOINERS or doc[j].dep_ == "case"):
                j -= 1
            if j == first - 1 or not _is_name(doc[j], s):
                break
            first = j
    honorific = first > s.span.start and doc[first - 1].lower_.rstrip(".") in HONORIFICS
    while first < head.i and doc[first].lower_.rstrip(".") in HONORIFICS:
        first, honorific = first + 1, True
    if head.ent_type_ == "PERSON" and head.ent_iob_ != "B":
        # "Assistant Attorney General Jo Doe": the name is where the person starts.
        ent_start = head.i
        while ent_start > s.span.start and doc[ent_start].ent_iob_ == "I":
            ent_start -= 1
        # "Kim Dae-jong": the whole name, hyphens and all.
        hyphen = first == head.i and doc[head.i - 1].text == "-"
        first = ent_start if hyphen else max(first, ent_start)
    lead = first
    while (
        lead > s.span.start and doc[lead - 1].head.i == head.i and doc[lead - 1].dep_ == "compound"
    ):
        lead -= 1  # "SK hynix Inc.": the suffix of a name the extractor knows
    start, end = doc[first].idx, head.idx + len(head.text)
    inside = mentions.within(doc[lead].idx, end)
    if any(m.entity.type in SPEAKER_TYPES for m in inside):
        return None
    words = doc[first : head.i + 1].text
    if words.lower() in JUNK:
        return None  # "40 MW expected to be ...": a unit the model took for a name
    known = mentions.named(words, surname=first == head.i)
    if known is not None:
        return known, (start, end)
    is_person = honorific or head.ent_type_ == "PERSON"
    if not (is_person or org) and head.i > first and head.ent_type_ not in ("ORG", "FAC"):
        is_person = head.lower_ not in _ORG_WORDS and all(
            t.is_alpha and t.is_title for t in doc[first : head.i + 1]
        )
    type_ = "Person" if is_person else "Organization"
    entity = Entity(
        id=entity_id(type_, words),
        label=words,
        type=type_,
        mentions=(Mention(words, start, end),),
        source="claims",
    )
    mentions.add(_Mention(start, end, entity, named_here=True))
    return entity, (start, end)


def _propagate_quote_speakers(
    sentences: list[_Sentence], quotes: list[tuple[int, int]], text: str
) -> None:
    """Sentences of one quotation share its speaker; a lone quotation takes its neighbour's."""
    for q in quotes:
        if _words(text, q) < 2:
            continue
        inside = [s for s in sentences if _overlaps(q, (s.start, s.end))]
        speaker = next(((s.speaker, s.cue) for s in inside if s.speaker is not None), None)
        if speaker is None or any(s.several for s in inside):
            continue
        for s in inside:
            if s.speaker is None:
                s.speaker, s.cue = speaker
    for i, s in enumerate(sentences):
        if s.speaker is not None or not s.quoted or s.several:
            continue
        # A quotation that opens the sentence continues a speech, one before or after it;
        # a short quoted term inside a sentence ("what it calls "AI factories"") borrows
        # from the sentence before only.
        opens = text[s.start] in _QUOTE_OPEN
        for j in (i - 1, i + 1) if opens else (i - 1,):
            if 0 <= j < len(sentences) and sentences[j].speaker is not None:
                other = sentences[j]
                if j == i - 1 or other.quoted:
                    s.speaker, s.cue = other.speaker, other.cue
                    break
    for s in sentences:
        if s.speaker is None and s.post_by is not None:
            s.speaker, s.quoted = s.post_by, True


# -- predictions and the claim itself -----------------------------------------------------


def _is_prediction(
    s: _Sentence, text: str, published_year: int | None, future_at: Sequence[int]
) -> bool:
    if s.span is None:
        return False
    for tok in _tokens_at(future_at, s.span):
        low = tok.lower_
        if low in ("will", "'ll", "wo", "shall", "’ll") and tok.tag_ in ("MD", ""):
            return True
        if low == "would" and s.cue is not None:
            return True
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ == "to" and tok.i + 2 < len(tok.doc):
            after = tok.doc[tok.i + 2]
            if (
                after.tag_ == "VB"
                and (tok.lemma_.lower() in FUTURE_HEADS or (low == "going" and tok.tag_ == "VBG"))
                and not any(c.lower_ == "had" for c in tok.children)  # "had planned to"
            ):
                return True
        if tok.lemma_.lower() == "expect" and tok.tag_ == "VBN":
            return True
        if tok.lemma_.lower() in FUTURE_HEADS and any(
            c.dep_ in ("xcomp", "ccomp")
            and c.tag_ == "VB"
            and any(a.lower_ == "to" for a in c.children)
            for c in tok.children
        ):
            return True  # "expects demand to double"
    for m in _FUTURE_TIME.finditer(text, s.start, s.end):
        year = m.group("year")
        if year is None:
            return True
        if m.group(0).lower().startswith("by") and (
            published_year is None or int(year) >= published_year
        ):
            return True
        if published_year is not None and int(year) > published_year:
            return True
    return False


def _referred(s: _Sentence, mentions: _Mentions) -> list[Entity]:
    """Companies the sentence names only as "it", "its" or "the company"."""
    if s.span is None or not s.span.doc.has_annotation("DEP"):
        return []
    out = []
    for tok in s.span:
        if s.speaker_at is not None and s.speaker_at[0] <= tok.idx < s.speaker_at[1]:
            continue
        low = tok.lower_
        is_org_noun = low in ORG_NOUNS and any(c.lower_ == "the" for c in tok.children)
        if (low in ("it", "its") and tok.dep_ != "expl") or is_org_noun:
            m = mentions.salient_before(tok.idx, _ORG_TYPES)
            if m is not None and not m.named_here and not (s.start <= m.start < s.end):
                out.append(m.entity)
    return out


def _claim(s: _Sentence, text: str, mentions: _Mentions, article: Article) -> Claim | None:
    quantities = tuple(f.quantity for f in find_quantities(text[s.start : s.end]))
    year = int(article.published[:4]) if (article.published or "")[:4].isdigit() else None
    if quantities:
        kind = "quantitative"
    elif _is_prediction(s, text, year, mentions.future_at):
        kind = "prediction"
    elif s.quoted and s.speaker is not None:
        kind = "quote"
    elif s.cue is not None and (s.speaker is not None or s.several):
        kind = "assertion"
    else:
        return None
    about: list[EntityRef] = []
    seen = {s.speaker.id} if s.speaker is not None else set()
    named = [m.entity for m in mentions.within(s.start, s.end) if not m.named_here]
    for entity in named + _referred(s, mentions):
        if entity.id not in seen:
            seen.add(entity.id)
            about.append(EntityRef(entity.id, entity.label))
    return Claim(
        id=claim_id(article.id, s.start, s.end),
        text=text[s.start : s.end],
        kind=kind,
        start=s.start,
        end=s.end,
        speaker=EntityRef(s.speaker.id, s.speaker.label) if s.speaker is not None else None,
        about=tuple(about),
        quantities=quantities,
        cue=s.cue,
    )
