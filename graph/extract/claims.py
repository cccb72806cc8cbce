"""Claims: who said what, about whom, with which numbers, and where.

``find_claims(doc, entities, article)`` reads the parsed article one sentence at a time
(spaCy's sentences, cut again at line breaks) and keeps a sentence as a claim when it

- is attributed to a named speaker: a reporting verb ("said", "warned", "told",
  "predicts", ...) or "according to" whose subject resolves to a Person, Company or
  Organization, directly, through a pronoun ("he", "it"), a short noun ("the company",
  "the executive") or a possessive ("Musk's remarks emphasized"); a report speaks for
  its author ("according to the report"), and a capitalised name the entity extractor
  missed ("according to Yee Min Tao") is a speaker of its own;
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
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from graph.extract.entities import doc_text
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
    "testify agree disagree"
)
# Verbs that attribute only when they take a clause ("results show that ...").
CLAUSE_CUE_VERBS = _wordset("show suggest find expect think feel point")
_WH = _wordset("how what why where when whether if which who")
# Nouns whose possessor is a speaker ("Elon Musk's assessment").
CUE_NOUNS = _wordset(
    "assessment remarks remark comments comment view views words statement prediction "
    "forecast estimate estimates analysis warning argument opinion"
)
PERSON_NOUNS = _wordset(
    "executive ceo chairman chairwoman chief founder president analyst researcher "
    "spokesperson spokesman spokeswoman official minister secretary director"
)
ORG_NOUNS = _wordset(
    "company firm chipmaker group startup start-up utility maker manufacturer business "
    "giant agency government department lab laboratory provider operator"
)
# Nouns of written sources: "the report says", "according to a report by X".
REPORT_NOUNS = _wordset("report story study survey article paper")
HONORIFICS = _wordset("mr mrs ms dr prof rep sen gov sir dame")
# Capitalised words that are titles, not names ("the CEO said").
_TITLE_WORDS = PERSON_NOUNS | ORG_NOUNS | REPORT_NOUNS | _wordset("ceo cfo cto coo vp ai")
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


class _Mentions:
    """The article's entity mentions, in text order, for lookups by position."""

    def __init__(self, entities: Sequence[Entity], doc: Doc) -> None:
        items = [_Mention(m.start, m.end, e) for e in entities for m in e.mentions]
        self.items = sorted(items, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.items]
        self.subject_tokens = [
            t for t in doc if t.dep_ in ("nsubj", "nsubjpass", "poss", "compound")
        ]
        self.subject_idx = [t.idx for t in self.subject_tokens]
        self.report_source: Entity | None = None

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

    def is_subject(self, m: _Mention) -> bool:
        """Whether a mention is (part of) a clause subject: the most salient position."""
        i = bisect.bisect_left(self.subject_idx, m.start)
        while i < len(self.subject_idx) and self.subject_idx[i] < m.end:
            tok = self.subject_tokens[i]
            i += 1
            while tok.dep_ in ("poss", "compound") and tok.head is not tok:
                tok = tok.head
            if tok.dep_ in ("nsubj", "nsubjpass"):
                return True
        return False

    def within(self, start: int, end: int) -> list[_Mention]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.items) and self.items[i].start < end:
            if self.items[i].end <= end:
                out.append(self.items[i])
            i += 1
        return out

    def salient_before(self, pos: int, types: frozenset[str], window: int = 600) -> _Mention | None:
        """What a pronoun at ``pos`` refers to: the latest subject of the right type in the
        last ``window`` characters, else the latest mention of that type."""
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
        return last


def find_claims(doc: Doc, entities: Sequence[Entity], article: Article) -> tuple[Claim, ...]:
    """The claims of one parsed article (``doc`` is ``nlp(article.text)``)."""
    text = doc_text(doc)
    if not doc.has_annotation("SENT_START"):
        return ()
    mentions = _Mentions(entities, doc)
    quotes = _quote_spans(text)
    sentences = _sentences(doc, _body_start(article, text))
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
    for tok in s.span:
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            objs = [c for c in tok.doc[tok.i + 1].children if c.dep_ == "pobj"]
            cues.append((_depth(tok), tok, "according to", objs))
        elif low == "per" and tok.i > s.span.start and tok.doc[tok.i - 1].lower_ == "as":
            objs = [c for c in tok.children if c.dep_ == "pobj"]
            cues.append((_depth(tok), tok, "as per", objs))
        elif tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in CUE_VERBS | CLAUSE_CUE_VERBS:
            lemma = tok.lemma_.lower()
            if lemma in CLAUSE_CUE_VERBS and not _takes_clause(tok):
                continue
            if any(c.dep_ in ("neg", "nsubjpass", "auxpass") for c in tok.children):
                continue  # "has not said", "is announced": no one is quoted
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
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
            cues.append((_depth(tok), tok, cue, subj))
        elif tok.lemma_.lower() in CUE_NOUNS and tok.pos_ == "NOUN":
            poss = [c for c in tok.children if c.dep_ == "poss"]
            if poss:
                cues.append((_depth(tok) + 1, tok, tok.text, poss))
        elif tok.lemma_.lower() in REPORT_NOUNS and tok.dep_ in ("nsubj", "nsubjpass"):
            _report_author(tok, s, mentions)  # "The report comes from X": X is the source
    # Cues outside quotation marks first, then the ones highest in the parse tree.
    cues.sort(key=lambda c: (_inside_quotes(text, s, c[1]), c[0], c[1].i))
    unnamed: list[Token] = []
    for _, tok, cue, heads in cues:
        if any(u.is_ancestor(tok) for u in unnamed):
            continue  # "reports said X expected ...": X is reported on, not quoted
        for head in heads:
            found = _resolve(head, s, mentions, prev)
            if found is not None:
                s.speaker, s.speaker_at = found
                s.cue = cue
                if tok.lemma_.lower() == "report" and s.speaker.type in _ORG_TYPES:
                    mentions.report_source = s.speaker
                return
        if tok.pos_ in ("VERB", "AUX") and any(h.pos_ == "NOUN" for h in heads):
            unnamed.append(tok)


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


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head is not tok and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def _inside_quotes(text: str, s: _Sentence, tok: Token) -> bool:
    before = text[s.start : tok.idx]
    opened = sum(before.count(q) for q in "“„«") - sum(before.count(q) for q in "”»")
    return opened > 0 or before.count('"') % 2 == 1


_Found = tuple[Entity, tuple[int, int]]


def _resolve(
    head: Token, s: _Sentence, mentions: _Mentions, prev: Entity | None, *, org: bool = False
) -> _Found | None:
    """The speaker named by a subject (or possessor, or object of "according to");
    ``org`` when it is the author of a report, rarely a person."""
    doc = head.doc
    left, right = head.left_edge, head.right_edge
    start, end = left.idx, right.idx + len(right.text)
    cands = [m for m in mentions.within(start, end) if m.entity.type in SPEAKER_TYPES]
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
    if head.lemma_.lower() in REPORT_NOUNS:
        return _report_author(head, s, mentions, cands)
    if cands:
        return _best(head, cands)
    low = head.lower_
    if low in ("which", "who", "that") and head.head.dep_ == "relcl":
        relcl = head.head.head
        return _resolve(relcl, s, mentions, prev) if relcl is not head else None
    types: frozenset[str] | None = None
    if low in ("he", "she", "him", "her", "his"):
        types = frozenset({"Person"})
    elif low == "it":
        types = _ORG_TYPES
    elif head.pos_ == "NOUN" and any(c.lower_ == "the" for c in head.children):
        if low in PERSON_NOUNS:
            types = frozenset({"Person"})
        elif low in COMPANY_NOUNS:
            types = frozenset({"Company"})
        elif low in ORG_NOUNS:
            types = _ORG_TYPES
    if types is None:
        return None
    at = (head.idx, head.idx + len(head.text))
    # "X's chip will ramp up in May, the company said": the sentence's own subject.
    for m in mentions.within(s.start, doc[left.i].idx):
        if m.entity.type in types and not m.entity.generic and mentions.is_subject(m):
            return m.entity, at
    # "Huang said ... He added": the reporting goes on.
    if prev is not None and prev.type in types:
        return prev, at
    m = mentions.salient_before(doc[left.i].idx, types)
    if m is None and types == {"Company"}:
        m = mentions.salient_before(doc[left.i].idx, _ORG_TYPES)
    if m is None:
        return None
    return m.entity, at


def _best(head: Token, cands: list[_Mention]) -> _Found:
    """Of the speakers inside a subject, the one on its head word, else a Person, else the
    nearest ("IBM's vice president, Nick Donofrio" -> Nick Donofrio)."""

    def rank(m: _Mention) -> tuple[int, int, int]:
        on_head = m.start <= head.idx < m.end
        return (not on_head, m.entity.type != "Person", abs(m.start - head.idx))

    best = min(cands, key=rank)
    return best.entity, (best.start, best.end)


def _report_author(
    head: Token, s: _Sentence, mentions: _Mentions, cands: list[_Mention] | None = None
) -> _Found | None:
    """Who a report speaks for: "a report by X", "the report comes from X", "a Deloitte
    study"; "the report" alone is the last report whose author is known."""
    found: _Found | None = None
    for prep in [*head.children, *head.head.children]:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and found is None:
                    found = _resolve(obj, s, mentions, None, org=True)
    if found is None and cands:
        found = _best(head, cands)
    if found is None:
        if mentions.report_source is None or not any(
            c.lower_ in ("the", "this", "that") for c in head.children
        ):
            return None
        return mentions.report_source, (head.idx, head.idx + len(head.text))
    if found[0].type in _ORG_TYPES:
        mentions.report_source = found[0]
    return found


def _is_name(tok: Token, s: _Sentence) -> bool:
    """A capitalised word that names someone: a proper noun, or a capitalised noun inside
    the sentence ("according to the Information")."""
    if not tok.text[:1].isupper() or not tok.text[:1].isalpha():
        return False
    if tok.ent_type_ in _NOT_NAMES or tok.lower_ in _TITLE_WORDS:
        return False
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
    start, end = doc[first].idx, head.idx + len(head.text)
    inside = mentions.within(start, end)
    if any(m.entity.type in SPEAKER_TYPES for m in inside):
        return None
    words = doc[first : head.i + 1].text
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
        if speaker is None:
            continue
        for s in inside:
            if s.speaker is None:
                s.speaker, s.cue = speaker
    for i, s in enumerate(sentences):
        if s.speaker is not None or not s.quoted:
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


def _is_prediction(s: _Sentence, text: str, published_year: int | None) -> bool:
    if s.span is None:
        return False
    for tok in s.span:
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
    elif _is_prediction(s, text, year):
        kind = "prediction"
    elif s.quoted and s.speaker is not None:
        kind = "quote"
    elif s.speaker is not None and s.cue is not None:
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
