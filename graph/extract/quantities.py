"""Quantities in text: money, energy, power, percentages, multiples, counts and rates.

``find_quantities`` scans plain text with regular expressions compiled once at import;
it needs no spaCy and never raises on any input. Each quantity is normalised:

>>> [q.quantity.to_dict() for q in find_quantities("It costs more than $700,000 a day.")]
[{'text': 'more than $700,000 a day', 'value': 700000, 'unit': 'USD', 'per': 'day', \
'qualifier': 'more than'}]

Units: currencies as ISO codes (``USD``, ``EUR``, ``GBP``...); energy in ``kWh``; power
in ``kW``; compute in ``FLOPS``; frequency in ``Hz``; data in bytes ``B``; percentages
and fractions in ``%``; multiples ("10 times", "2x", "doubled") in ``x``; counts in the
counted noun as written ("200 million user requests" -> 2e8 ``requests``). A range
("70,000 to 90,000 workers") keeps its lower bound as the value, with qualifier
``range`` unless a qualifier is written. Not quantities: years and dates, durations
("six months"), rankings, spelled-out small counts ("two components") and compound
descriptors ("16-layer").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Quantity

__all__ = ["FoundQuantity", "find_quantities", "parse_quantity"]


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


@dataclass(frozen=True)
class FoundQuantity:
    """A quantity and where it is: ``text[start:end] == quantity.text``."""

    quantity: Quantity
    start: int
    end: int


_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12,
    "dozen": 12, "a thousand": 1000, "a million": 1e6, "a billion": 1e9,
}  # fmt: skip
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "trn": 1e12,
}  # fmt: skip
_CURRENCY_SIGNS = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
    "gbp": "GBP", "¥": "JPY", "a$": "AUD", "c$": "CAD", "hk$": "HKD", "rs": "INR",
    "nt$": "TWD", "s$": "SGD",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "dlrs": "USD", "usd": "USD", "euro": "EUR",
    "euros": "EUR", "eur": "EUR", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "won": "KRW",
}  # fmt: skip
# (unit as written, lower case) -> (normalised unit, factor)
_UNITS = {
    "%": ("%", 1), "percent": ("%", 1), "per cent": ("%", 1), "pct": ("%", 1), "pc": ("%", 1),
    "percentage points": ("%", 1),
    "wh": ("kWh", 1e-3), "kwh": ("kWh", 1), "mwh": ("kWh", 1e3), "gwh": ("kWh", 1e6),
    "twh": ("kWh", 1e9), "watt-hours": ("kWh", 1e-3), "kilowatt-hours": ("kWh", 1),
    "megawatt-hours": ("kWh", 1e3), "gigawatt-hours": ("kWh", 1e6),
    "terawatt-hours": ("kWh", 1e9),
    "kw": ("kW", 1), "mw": ("kW", 1e3), "gw": ("kW", 1e6), "tw": ("kW", 1e9),
    "watts": ("kW", 1e-3), "kilowatts": ("kW", 1), "megawatts": ("kW", 1e3),
    "gigawatts": ("kW", 1e6), "terawatts": ("kW", 1e9),
    "watt": ("kW", 1e-3), "kilowatt": ("kW", 1), "megawatt": ("kW", 1e3),
    "gigawatt": ("kW", 1e6), "terawatt": ("kW", 1e9), "kilowatt-hour": ("kWh", 1),
    "megawatt-hour": ("kWh", 1e3), "gigawatt-hour": ("kWh", 1e6),
    "flops": ("FLOPS", 1), "gigaflops": ("FLOPS", 1e9), "teraflops": ("FLOPS", 1e12),
    "petaflops": ("FLOPS", 1e15), "exaflops": ("FLOPS", 1e18), "tflops": ("FLOPS", 1e12),
    "pflops": ("FLOPS", 1e15), "tops": ("OPS", 1e12),
    "mhz": ("Hz", 1e6), "ghz": ("Hz", 1e9),
    "mb": ("B", 1e6), "gb": ("B", 1e9), "tb": ("B", 1e12), "pb": ("B", 1e15),
    "megabytes": ("B", 1e6), "gigabytes": ("B", 1e9), "terabytes": ("B", 1e12),
    "petabytes": ("B", 1e15),
    "times": ("x", 1), "x": ("x", 1), "fold": ("x", 1),
}  # fmt: skip
_MULTIPLE_WORDS = {"doubl": 2, "tripl": 3, "quadrupl": 4, "halv": 0.5}
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
              "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}  # fmt: skip
_VAGUE = {"dozens": 12, "tens": 10, "hundreds": 100, "thousands": 1e3, "millions": 1e6,
          "billions": 1e9}  # fmt: skip
_PERIODS = {"second": "second", "sec": "second", "minute": "minute", "hour": "hour",
            "day": "day", "week": "week", "month": "month", "quarter": "quarter",
            "year": "year", "annum": "year", "annually": "year", "yearly": "year",
            "daily": "day", "monthly": "month", "weekly": "week", "hourly": "hour",
            "quarterly": "quarter"}  # fmt: skip
_TIME_NOUNS = _wordset(
    "seconds minutes hours days weeks months quarters years decades centuries nights "
    "times percent points"
)
_STOP = _wordset(
    "of the a an and or but to in on for with by from at as than that which who is are "
    "was were be been its their his her our your my this these those it they we you "
    "more less other such same each every per some all"
)

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_WORDNUM = "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
_SCALE_WORD = r"thousand|million|billion|trillion|mln|bln|mn"
_SCALE_SHORT = r"bn|tn|trn|[mkb]"
_UNIT_ALT = "|".join(
    sorted((re.escape(u).replace(r"\ ", r"[\s-]") for u in _UNITS), key=len, reverse=True)
)
_B = r"(?<![\w.$€£¥])"  # no letter, digit or sign glued on the left

_MONEY_PREFIX = re.compile(
    r"(?<![\w.])(?P<cur>US\$|A\$|C\$|HK\$|NT\$|S\$|\$|€|£|¥|USD\s?|EUR\s?|GBP\s?|Rs\.?\s?)"
    rf"(?P<num>{_NUM})(?:\s?(?:-|–|to)\s?(?P<high>{_NUM}))?"
    rf"(?:\s?(?P<scale>{_SCALE_WORD})\b|(?P<short>{_SCALE_SHORT})\b)?",
    re.IGNORECASE,
)
_MONEY_SUFFIX = re.compile(
    rf"{_B}(?P<num>{_NUM}|{_WORDNUM})(?:\s(?P<scale>{_SCALE_WORD}))?\s"
    rf"(?P<curword>{'|'.join(_CURRENCY_WORDS)})\b",
    re.IGNORECASE,
)
_PENCE = re.compile(rf"{_B}(?P<num>\d+(?:\.\d+)?)p\b")
_BUCK = re.compile(r"\b(?P<num>a|one)\s(?P<cur>buck)\b", re.IGNORECASE)
_MEASURE = re.compile(
    rf"{_B}(?P<num>{_NUM}|{_WORDNUM})(?:\s(?P<scale>{_SCALE_WORD}))?"
    rf"(?:\s?|-)(?P<unit>{_UNIT_ALT})(?![\w/])",
    re.IGNORECASE,
)
_MULTIPLE = re.compile(
    r"\b(?P<word>(?:doubl|tripl|quadrupl)(?:e|ed|es|ing)|halv(?:e|ed|es|ing))\b",
    re.IGNORECASE,
)
_FRACTION = re.compile(
    rf"\b(?P<num>one|two|three|four|a)[\s-](?P<frac>{'|'.join(_FRACTIONS)})\b(?=\s+of\b)",
    re.IGNORECASE,
)
_VAGUE_COUNT = re.compile(
    r"\b(?P<vague>(?:tens|hundreds)\sof\sthousands|(?:tens|hundreds)\sof\smillions|"
    r"dozens|hundreds|thousands|millions|billions)\sof\s"
    r"(?P<noun>(?:[\w-]+\s){0,2}?(?P<head>[a-z][a-z-]*[a-rt-z]s))\b",
    re.IGNORECASE,
)
_COUNT = re.compile(
    # "1,000 jobs", "a thousand jobs", "one million chips", "10,000 GPUs"; but not "two
    # components" (a spelled-out small count).
    rf"{_B}(?P<num>{_NUM}|a\s(?:thousand|million|billion)"
    rf"|(?:{_WORDNUM})(?=\s(?:thousand|million|billion)\b))(?:\s(?P<scale>{_SCALE_WORD}))?"
    r"(?P<noun>(?:\s[A-Za-z][\w-]*){0,2}?\s(?P<head>[a-z][a-z-]*[a-rt-z]s|people|[A-Z]{2,}s))\b"
    r"(?![-'’]\w)",
)
_RANGE_LEFT = re.compile(
    rf"(?<![\d.,])(?P<between>between\s)?(?P<cur>[$€£])?(?P<num>{_NUM})"
    r"(?P<pct>\s?(?:%|percent|per cent))?\s?(?P<sep>to|-|–|and)\s?$",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    r"\b(?P<q>more than|greater than|less than|fewer than|higher than|lower than|"
    r"at least|at most|as much as|as many as|as little as|up to|close to|just over|"
    r"just under|well over|over|under|above|below|about|around|approximately|roughly|"
    r"nearly|almost|some|near|an estimated|estimated|only|just)\s$",
    re.IGNORECASE,
)
_PER = re.compile(
    r"(?:\s(?:the\s[a-z]+\s)?(?:a|an|per|each|every|/)\s?"
    rf"(?:(?P<n>\d+|{_WORDNUM})\s)?(?P<p>second|sec|minute|hour|day|week|month|quarter|"
    r"year|annum)s?\b"
    r"|\s(?P<adv>annually|yearly|daily|monthly|weekly|hourly|quarterly)\b"
    r"|\sper\s(?P<noun>[a-z]+))",
    re.IGNORECASE,
)
_DATE_LEFT = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s$|top\s$|"
    r"\d[:/]$|no\.\s?$",
    re.IGNORECASE,
)


def _number(text: str) -> float | None:
    t = text.lower().strip()
    if t in _WORDS:
        return float(_WORDS[t])
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


def _is_year(num: str) -> bool:
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d", num))


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    value: float
    unit: str
    factor: float = 1.0
    qualifier: str | None = None


def _scale(m: re.Match) -> float:
    word = (m.groupdict().get("scale") or m.groupdict().get("short") or "").lower()
    return _SCALES.get(word, 1.0)


def _hits(text: str) -> list[_Hit]:
    hits: list[_Hit] = []
    for m in _MONEY_PREFIX.finditer(text):
        value = _number(m.group("num"))
        if value is None:
            continue
        cur = _CURRENCY_SIGNS.get(m.group("cur").strip().lower().rstrip("."), "USD")
        f = _scale(m)
        rng = "range" if m.group("high") else None
        hits.append(_Hit(m.start(), m.end(), value * f, cur, f, qualifier=rng))
    for m in _MONEY_SUFFIX.finditer(text):
        value = _number(m.group("num"))
        if value is None:
            continue
        f = _scale(m)
        hits.append(
            _Hit(m.start(), m.end(), value * f, _CURRENCY_WORDS[m.group("curword").lower()], f)
        )
    for m in _PENCE.finditer(text):
        hits.append(_Hit(m.start(), m.end(), float(m.group("num")) / 100, "GBP"))
    for m in _BUCK.finditer(text):
        hits.append(_Hit(m.start(), m.end(), 1.0, "USD"))
    for m in _MEASURE.finditer(text):
        value = _number(m.group("num"))
        unit_text = re.sub(r"[\s-]+", " ", m.group("unit").lower())
        spec = _UNITS.get(unit_text) or _UNITS.get(unit_text.replace(" ", "-"))
        if value is None or spec is None:
            continue
        if spec[0] == "x" and unit_text == "x" and not m.group("num")[0].isdigit():
            continue  # "two x" is not a multiple
        if spec[0] == "%" and m.group("num").lower() in _WORDS and unit_text == "%":
            continue
        f = _scale(m) * spec[1]
        hits.append(_Hit(m.start(), m.end(), value * f, spec[0], f))
    for m in _MULTIPLE.finditer(text):
        value = next(v for k, v in _MULTIPLE_WORDS.items() if m.group("word").lower().startswith(k))
        hits.append(_Hit(m.start(), m.end(), float(value), "x"))
    for m in _FRACTION.finditer(text):
        num = 1.0 if m.group("num").lower() == "a" else _number(m.group("num")) or 1.0
        value = round(100 * num / _FRACTIONS[m.group("frac").lower()], 2)
        hits.append(_Hit(m.start(), m.end(), value, "%", qualifier=None))
    for m in _VAGUE_COUNT.finditer(text):
        words = m.group("vague").lower().split()
        value = _VAGUE[words[0]] * (_VAGUE[words[-1]] if len(words) > 1 else 1)
        hits.append(_Hit(m.start(), m.end(), float(value), m.group("head").lower(),
                         qualifier="at least"))  # fmt: skip
    for m in _COUNT.finditer(text):
        num, head = m.group("num"), m.group("head").lower()
        if head in _TIME_NOUNS or (_is_year(num) and not m.group("scale")):
            continue
        words = [w.lower() for w in m.group("noun").split()]
        if any(w in _STOP for w in words) or any(w in _UNITS for w in words[:-1]):
            continue  # "36 GB stacks" is a measure, read by _MEASURE
        if _DATE_LEFT.search(text, max(0, m.start() - 8), m.start()):
            continue
        value = _number(num)
        if value is None:
            continue
        f = _scale(m)
        hits.append(_Hit(m.start(), m.end(), value * f, head, f))
    return hits


def _choose(hits: list[_Hit]) -> list[_Hit]:
    """Leftmost-longest, without overlaps."""
    chosen: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if chosen and h.start < chosen[-1].end:
            continue
        chosen.append(h)
    return chosen


def _range_fits(left: re.Match, hit: _Hit) -> bool:
    if (left.group("sep") == "and") != bool(left.group("between")):
        return False
    if left.group("pct"):
        return hit.unit == "%"
    if left.group("cur"):
        return hit.unit in _CURRENCY_SIGNS.values()
    return True


# Every pattern above needs a digit or one of these words (as part of a word at least),
# so most sentences are passed over with one cheap test instead of nine scans.
_NUMBER_WORDS = tuple(
    sorted(
        {w for k in _WORDS for w in k.split() if w != "a"}
        | {"buck", *_MULTIPLE_WORDS, *_FRACTIONS, *_VAGUE}
    )
)
_DIGIT = re.compile(r"\d")


def _may_hold(text: str) -> bool:
    if _DIGIT.search(text):
        return True
    low = text.lower()
    return any(w in low for w in _NUMBER_WORDS)


def find_quantities(text: str) -> list[FoundQuantity]:
    """Every quantity in ``text``, left to right, normalised, with character offsets."""
    found: list[FoundQuantity] = []
    if not _may_hold(text):
        return found
    for h in _choose(_hits(text)):
        start, end, value, qualifier = h.start, h.end, h.value, h.qualifier
        left = _RANGE_LEFT.search(text, max(0, start - 40), start)
        if left and left.end() == start and _range_fits(left, h):
            low = _number(left.group("num"))
            if low is not None:
                factor = h.factor if h.unit != "%" else 1.0
                value, start, qualifier = low * factor, left.start(), "range"
                while found and found[-1].end > start:
                    found.pop()  # the lower bound was read as a quantity of its own
        q = _QUALIFIER.search(text, max(0, start - 20), start)
        if q and q.end() == start:
            qualifier, start = q.group("q").lower(), q.start()
        per = None
        p = _PER.match(text, end)
        if p:
            if p.group("p"):
                n = p.group("n")
                period = _PERIODS[p.group("p").lower()]
                per = f"{int(_number(n) or 1)} {period}s" if n and _number(n) != 1 else period
            elif p.group("adv"):
                per = _PERIODS[p.group("adv").lower()]
            elif p.group("noun").lower() not in _STOP:
                noun = p.group("noun").lower()
                per = _PERIODS.get(noun, noun)
            if per is not None:
                end = p.end()
        quantity = Quantity(
            text=text[start:end], value=value, unit=h.unit, per=per, qualifier=qualifier
        )
        found.append(FoundQuantity(quantity, start, end))
    return found


def parse_quantity(text: str) -> Quantity | None:
    """The first quantity in ``text`` (e.g. a gold label's surface string), or None."""
    found = find_quantities(text)
    return found[0].quantity if found else None
