"""Dates in any common written form, normalised to ISO 8601.

>>> normalize_date("Mar 12, 2024, at 9:53 pm")
'2024-03-12T21:53:00'
>>> normalize_date("2023-07-21T14:21:00Z")
'2023-07-21T14:21:00Z'
>>> normalize_date("Feb 3, 2023")
'2023-02-03'
>>> normalize_date("Tue, 29 Aug 2023 16:05:00 -0700")
'2023-08-29T16:05:00-07:00'
>>> normalize_date("August 3, 2023 3:42 PM EDT")
'2023-08-03T15:42:00-04:00'
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from email.utils import parsedate_to_datetime

from dateutil import parser as _dateparser

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
DATE_RE = re.compile(
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{4}}){_TIME}",
    re.IGNORECASE,
)


def find_date(line: str) -> str | None:
    """The date a short line states, if the line is essentially just a date.

    Used on page headers: ``"  • Mar 12, 2024, at 9:53 pm"`` is a date line,
    ``"Sales fell on Mar 12, 2024 after the results"`` is not.
    """
    match = DATE_RE.search(line)
    if not match:
        return None
    rest = (line[: match.start()] + line[match.end() :]).strip(" \t-•·|,/()")
    if len(rest.split()) > 3:
        return None
    found = normalize_date(match.group(0))
    # The whole line may say more than the match: "Tue 5 Dec 2023 // 17:30 UTC".
    whole = normalize_date(re.sub(r"[•·|/]+", " ", line))
    if found and whole and whole[:10] == found[:10] and len(whole) > len(found):
        return whole
    return found


def normalize_date(value: object) -> str | None:
    """ISO 8601 for a date given as text, epoch seconds or a datetime; None if unreadable.

    The time zone is kept when the input states one (``Z`` for UTC); a date with no
    time stays a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return _iso(value, has_time=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since epoch
        try:
            return _iso(dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc), has_time=True)
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text or len(text) > 80:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    # RFC 822 dates, as RSS writes them: "Tue, 03 Jun 2008 11:05:30 GMT"
    if re.match(r"^[A-Za-z]{3},\s+\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        try:
            return _iso(parsedate_to_datetime(text), has_time=True)
        except (TypeError, ValueError):
            pass
    if re.fullmatch(r"(1[0-9]|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])", text):  # 20230803
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):  # epoch seconds or milliseconds as text
        return normalize_date(float(text))
    if not re.search(r"(?<!\d)\d{4}(?!\d)", text):
        return None  # no year: "Mar 12", "5", "yesterday" are not dates we can place
    cleaned = re.sub(r"\bat\b", " ", text, flags=re.I)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)
    has_time = bool(re.search(r"\d:\d{2}", cleaned))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # dateutil warns about unknown zone names
            parsed = _dateparser.parse(cleaned, fuzzy=False, tzinfos=_ZONES, default=_DEFAULTS[0])
            again = _dateparser.parse(cleaned, fuzzy=False, tzinfos=_ZONES, default=_DEFAULTS[1])
    except (ValueError, OverflowError, TypeError, ArithmeticError):
        return None
    if parsed.date() != again.date():
        return None  # no day or no month given: "2023", "August 2023"
    if not 1000 <= parsed.year <= 9999:
        return None
    return _iso(parsed, has_time=has_time)


_DEFAULTS = (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2))

# Zone abbreviations news sites print after a time (unambiguous ones only).
_ZONES = {
    name: dt.timezone(dt.timedelta(hours=hours))
    for name, hours in {
        "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "CET": 1, "WEST": 1, "CEST": 2,
        "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8,
        "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4,
        "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
        "AKST": -9, "AKDT": -8, "HST": -10,
    }.items()
}  # fmt: skip


def _iso(value: dt.datetime, *, has_time: bool) -> str:
    if not has_time:
        return value.date().isoformat()
    out = value.replace(microsecond=0).isoformat()
    if out.endswith("+00:00"):
        out = out[:-6] + "Z"
    return out
