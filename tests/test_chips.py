"""Part numbers: chips in chip context, sites before a plant noun."""

from __future__ import annotations

from graph.extract import Extractor
from tests.helpers import entities_of as _entities
from tests.helpers import types_of as _labels


def test_a_code_before_factory_is_a_site_not_a_chip(extractor: Extractor) -> None:
    ents = _labels(
        extractor,
        "TSMC's Taichung AP7 factory is prioritizing advanced packaging, while its H100 "
        "orders from Nvidia keep growing.",
    )
    assert ents["AP7"] == "Place"
    assert ents["H100"] == "Chip"


def test_a_product_line_and_series_word_belong_to_the_part(extractor: Extractor) -> None:
    ents = _labels(
        extractor,
        "Nvidia will sell the RTX Pro 5000D in China, and the RTX5000D ships in June. "
        "The card costs JPY15 each in tests.",
    )
    assert ents["RTX Pro 5000D"] == "Chip"
    assert "RTX" not in ents  # a product line, not the defence company of that name
    assert not any(label.startswith("JPY") for label in ents)


def test_a_part_written_without_its_space_is_the_same_chip(extractor: Extractor) -> None:
    ents = _entities(
        extractor,
        "Nvidia designed the RTX 5000D for China. Buyers held tens of thousands of the "
        "RTX5000D in the order pipeline by then, according to three brokers.",
    )
    assert ents["RTX 5000D"] == ("Chip", ["RTX 5000D", "RTX5000D"])
    assert "RTX5000D" not in ents


def test_a_part_written_after_its_family_is_one_mention_of_the_part(
    extractor: Extractor,
) -> None:
    ents = _entities(
        extractor,
        "The outlook excludes Instinct MI308 chip shipments to China. Oracle will deploy "
        "50,000 AMD Instinct MI450 AI chips in its cloud.",
    )
    assert ents["MI308"] == ("Chip", ["Instinct MI308"])  # a part the rules found
    assert ents["MI450"] == ("Chip", ["AMD Instinct MI450"])  # a part the gazetteer knows
    assert "AMD Instinct" not in ents  # the family is part of the part's name here


def test_only_a_chip_maker_beside_a_code_makes_it_a_chip(extractor: Extractor) -> None:
    ents = _labels(
        extractor,
        "Turner Construction builds the New Albany campus, which Vantage calls OH1. Two "
        "Westinghouse AP1000 reactors run in Georgia. Nvidia's B300 ships in volume.",
    )
    assert ents.get("OH1") != "Chip"  # Vantage runs data centres
    assert ents.get("AP1000") != "Chip"  # Westinghouse builds reactors
    assert ents["B300"] == "Chip"


def test_a_sites_code_is_a_place_wherever_the_article_writes_it(extractor: Extractor) -> None:
    types = _labels(
        extractor,
        "The firm is building two facilities (G1 and G2) in Sanand. Located 3 km from G1, the "
        "G2 facility is under construction. Once operational, G2 will scale up. ASE's new "
        "fab, called K18B, opens next year. The cluster sits in Yotta's D2 data center.",
    )
    assert {types.get(code) for code in ("G1", "G2", "K18B", "D2")} == {"Place"}
