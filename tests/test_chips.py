"""Part numbers: chips in chip context, sites before a plant noun."""

from __future__ import annotations

from graph.extract import Extractor
from tests.helpers import types_of as _labels


def test_a_code_before_factory_is_a_site_not_a_chip(extractor: Extractor) -> None:
    ents = _labels(
        extractor,
        "TSMC's Taichung AP7 factory is prioritizing advanced packaging, while its H100 "
        "orders from Nvidia keep growing.",
    )
    assert ents["AP7"] == "Place"
    assert ents["H100"] == "Chip"
