"""Dates in the forms pages, feeds and exports write them -> ISO 8601."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.ingest.dates import find_date, normalize_date


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2023-07-21T14:21:00Z", "2023-07-21T14:21:00Z"),
        ("2023-07-21T14:21:00.123456+00:00", "2023-07-21T14:21:00Z"),
        ("2023-08-03T15:42:00+0100", "2023-08-03T15:42:00+01:00"),
        ("2023-08-03 15:42:00-04:00", "2023-08-03T15:42:00-04:00"),
        ("1987-02-26T15:01:01", "1987-02-26T15:01:01"),  # no zone stated: none invented
        ("2023-02-03", "2023-02-03"),  # a date stays a date
        ("20230803", "2023-08-03"),
        ("Tue, 29 Aug 2023 16:05:00 -0700", "2023-08-29T16:05:00-07:00"),  # RSS
        ("Tue, 03 Jun 2008 11:05:30 GMT", "2008-06-03T11:05:30Z"),
        ("August 3, 2023 3:42 PM EDT", "2023-08-03T15:42:00-04:00"),
        ("Aug 14, 2023 11:20 AM BST", "2023-08-14T11:20:00+01:00"),
        ("Mar 12, 2024, at 9:53 pm", "2024-03-12T21:53:00"),
        ("Thursday, 3rd August 2023", "2023-08-03"),
        ("3 August 2023", "2023-08-03"),
        ("Aug. 3, 2023", "2023-08-03"),
        ("Tue 5 Dec 2023 // 17:30 UTC", "2023-12-05T17:30:00Z"),  # The Register
        (1689066000, "2023-07-11T09:00:00Z"),  # epoch seconds
        (1689066000000, "2023-07-11T09:00:00Z"),  # epoch milliseconds
        ("1689066000", "2023-07-11T09:00:00Z"),
        (dt.date(2023, 1, 2), "2023-01-02"),
        (dt.datetime(2023, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc), "2023-01-02T03:04:05Z"),
    ],
)
def test_common_forms_become_iso_8601(written: object, iso: str | None) -> None:
    assert normalize_date(written) == iso


@pytest.mark.parametrize(
    "nonsense",
    ["", "yesterday", "5", "Mar 12", "2023", "August 2023", "2023-02-30", "99999-01-01",
     "0000-00-00", "1e500", None, True, "x" * 200, {"date": "2023-01-01"}],
)  # fmt: skip
def test_what_is_not_a_whole_date_gives_none(nonsense: object) -> None:
    assert normalize_date(nonsense) is None


def test_find_date_takes_date_lines_not_sentences() -> None:
    assert find_date("  • Mar 12, 2024, at 9:53 pm") == "2024-03-12T21:53:00"
    assert find_date("Published: 2023-10-04") == "2023-10-04"
    assert find_date("Tue 5 Dec 2023 // 17:30 UTC") == "2023-12-05T17:30:00Z"
    assert find_date("Sales fell on Mar 12, 2024 after the results were published") is None
