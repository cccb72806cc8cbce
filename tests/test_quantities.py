"""The quantity parser: hand-checked readings, and no input can break it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.extract.quantities import find_quantities, parse_quantity


@pytest.mark.parametrize(
    ("text", "value", "unit", "per", "qualifier"),
    [
        ("more than $700,000 a day", 700_000, "USD", "day", "more than"),
        ("more than 500,000 kilowatt-hours per day", 500_000, "kWh", "day", "more than"),
        ("10 times the speed every six months", 10, "x", "6 months", None),
        ("more than 17,000 times", 17_000, "x", None, "more than"),
        ("about 200 million user requests every day", 2e8, "requests", "day", "about"),
        ("$23.1bn", 23.1e9, "USD", None, None),
        ("$19B", 19e9, "USD", None, None),
        ("£1 billion", 1e9, "GBP", None, None),
        ("53p", 0.53, "GBP", None, None),
        ("20 mln dlrs", 2e7, "USD", None, None),
        ("€5m", 5e6, "EUR", None, None),
        ("30%", 30, "%", None, None),
        ("5 pct", 5, "%", None, None),
        ("170 per cent", 170, "%", None, None),
        ("approximately 835 megawatts", 835_000, "kW", None, "approximately"),
        ("300 MWh a year", 300_000, "kWh", "year", None),
        ("20 TWh annually", 2e10, "kWh", "year", None),
        ("393 teraflops per chip", 3.93e14, "FLOPS", "chip", None),
        ("greater than 4 GHz", 4e9, "Hz", None, "greater than"),
        ("192 gigabytes", 1.92e11, "B", None, None),
        ("2x", 2, "x", None, None),
        ("10-times", 10, "x", None, None),
        ("nearly tripled", 3, "x", None, "nearly"),
        ("70,000 to 90,000 workers", 70_000, "workers", None, "range"),
        ("$5-6 billion", 5e9, "USD", None, "range"),
        ("roughly 30 to 50 percent", 30, "%", None, "roughly"),
        ("hundreds of thousands of AI chips", 1e5, "chips", None, "at least"),
        ("1,000 trillion operations a second", 1e15, "operations", "second", None),
        ("a buck an hour", 1, "USD", "hour", None),
    ],
)
def test_reads_value_unit_period_and_qualifier(text, value, unit, per, qualifier):
    q = parse_quantity(f"It said {text}, analysts noted.")
    assert q is not None
    assert q.text == text
    assert q.value == pytest.approx(value, rel=1e-6)
    assert (q.unit, q.per, q.qualifier) == (unit, per, qualifier)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("It ships 24 GB memory stacks.", "24 GB", 2.4e10, "B"),
        ("Pods grow from 300 to 4096 servers.", "300 to 4096 servers", 300, "servers"),
    ],
)
def test_reads_the_quantity_inside_a_longer_phrase(text, surface, value, unit):
    q = parse_quantity(text)
    assert q is not None
    assert (q.text, q.unit) == (surface, unit)
    assert q.value == pytest.approx(value, rel=1e-6)


@pytest.mark.parametrize(
    "text",
    [
        "The plant opened in 2019 and closed on Oct. 23.",
        "It took six months, then 12 months, over the past 20 years.",
        "It is among the top 10 firms.",
        "It uses 16-layer stacks and 3nm chips such as the A100.",
        "The call started at 3:25 PM.",
    ],
)
def test_years_dates_durations_rankings_and_specs_are_not_quantities(text):
    assert find_quantities(text) == []


def test_a_fraction_of_something_is_a_percentage():
    q = parse_quantity("They control two-thirds of the cloud market.")
    assert q is not None
    assert (q.text, q.value, q.unit) == ("two-thirds", pytest.approx(66.67), "%")


def test_several_quantities_keep_their_order_and_offsets():
    text = "It raised $1bn, up 18%, taking its value to $23.1bn."
    found = find_quantities(text)
    assert [f.quantity.text for f in found] == ["$1bn", "18%", "$23.1bn"]
    assert all(text[f.start : f.end] == f.quantity.text for f in found)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_arbitrary_text_never_breaks_the_parser(text):
    found = find_quantities(text)
    ends = 0
    for f in found:
        assert text[f.start : f.end] == f.quantity.text
        assert f.start >= ends  # left to right, no overlaps
        ends = f.end


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["$", "€", "£", "1", "5,000", ".5", "bn", "m", " ", "to", "-", "%", "per",
             "day", "times", "more than", "kWh", "of", "chips", "every", "six", "months"]
        ),
        max_size=25,
    ).map("".join)
)  # fmt: skip
def test_number_like_text_never_breaks_the_parser(text):
    for f in find_quantities(text):
        assert text[f.start : f.end] == f.quantity.text
        assert f.quantity.value == f.quantity.value  # not NaN


def test_more_currencies_percent_and_spelled_counts():
    def one(text):
        (q,) = [f.quantity for f in find_quantities(text)]
        return q.value, q.unit

    assert one("a profit of 9.1 trillion won") == (9.1e12, "KRW")
    assert one("revenue of NT$2.06 trillion") == (2.06e12, "TWD")
    assert one("shares fell nearly 13pc") == (13, "%")
    assert one("a 1-gigawatt campus") == (1e6, "kW")
    assert one("more than a thousand new jobs") == (1000, "jobs")
    assert one("up to one million TPUs") == (1e6, "tpus")
    assert find_quantities("two components") == []


_PIECES = st.sampled_from(
    [
        "one", "Two", "a dozen", "hundreds of", "thousands of", "a third of", "doubled",
        "halving", "a buck", "million", "billion", "dollars", "euros", "GPUs", "chips",
        "MW", "gigawatts", "percent", "%", "$", "£", "3", "1,000", "2.5", "the", "of",
        "some", "Nvidia", "—", ",", ".", " ",
    ]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=12).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_the_quick_test_never_passes_over_a_quantity(text):
    # The cheap test in front of the patterns may let text through, never hold one back.
    from graph.extract import quantities

    if not quantities._may_hold(text):
        assert quantities._hits(text) == []
