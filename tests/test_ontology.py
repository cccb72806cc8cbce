"""The gazetteer files and the IDs minted from them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from ontology import ENTITY_TYPES
from ontology.gazetteer import GazetteerFileError, load_gazetteer, parse_entries
from ontology.ids import article_id, canonical_url, entity_id, node_iri, slugify
from ontology.towns import cities, town_names, towns, write_towns


def test_builtin_gazetteer_is_broad_and_well_formed() -> None:
    gaz = load_gazetteer()
    by_type = Counter(e.type for e in gaz)
    assert set(by_type) == set(ENTITY_TYPES)
    assert len(gaz) >= 300
    for entry in gaz:
        assert entry.wikidata is None or entry.wikidata.startswith("Q")


def test_no_alias_names_two_entities() -> None:
    seen: dict[str, str] = {}
    for entry in load_gazetteer():
        for name in entry.names:
            key = name.lower() if not entry.case_sensitive else name
            assert seen.setdefault(key, entry.id) == entry.id, f"{name!r} is ambiguous"


def test_later_files_extend_earlier_entries(tmp_path) -> None:
    extra = tmp_path / "more.yaml"
    extra.write_text("type: Company\nentries:\n  - name: Nvidia\n    aliases: [Team Green]\n")
    gaz = load_gazetteer([extra])
    entry = gaz.get("company/nvidia")
    assert "Team Green" in entry.aliases and entry.wikidata == "Q182477"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entries: [1, 2]", "expected a mapping"),
        ("type: Company\nentries:\n  - aliases: [x]", "'name' is missing"),
        ("type: Company\nentries:\n  - name: A\n    wikidata: 42x", "not a QID"),
        ("type: Company\nentries: {a: b}", "'entries:' list"),
        ("type: [unclosed", "not valid YAML"),
    ],
)
def test_malformed_entries_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(GazetteerFileError, match=message):
        parse_entries(text, "f.yaml")


def test_ids_are_stable_and_readable() -> None:
    assert entity_id("Person", "Zack Guzmán") == "person/zack-guzman"
    assert entity_id("Company", "X Corp.") == "company/x-corp"
    assert slugify("華為") == slugify("華為") and slugify("華為").startswith("x")
    assert node_iri("chip/h100", "http://ex.org/kg") == "http://ex.org/kg/chip/h100"
    a = article_id("https://Example.com/story/?utm_source=feed#top", "text")
    assert a == article_id("http://example.com/story", "other text")
    assert article_id(None, "same  text") == article_id(None, "same text")
    assert canonical_url("https://a.com/x?id=3&utm_medium=y") == "https://a.com/x?id=3"


def test_the_town_list_has_towns_with_and_without_accents() -> None:
    names = towns()
    assert len(names) > 30_000
    assert {"Invercargill", "Kouvola", "Porto Alegre", "Cernavodă", "Cernavoda"} <= names
    assert not any(n.startswith("#") for n in names)  # the header is not a town
    big = cities()
    assert {"Santiago", "Zaragoza", "São Paulo", "Sao Paulo"} <= big <= names
    assert "Kouvola" not in big


def test_town_names_drop_codes_and_add_the_accent_free_form(tmp_path) -> None:
    cities = {
        "1": {"name": "Blönduós", "population": 900},
        "2": {"name": "Ry", "population": 20_000},
        "3": {"name": "Ward 4", "population": 30_000},
        "4": {"name": "Kouvola", "population": 80_000},
        "5": {"name": "Zaragoza", "population": 675_000},
    }
    assert town_names(cities.values()) == ["Blonduos", "Blönduós", "Kouvola", "Zaragoza"]
    src = tmp_path / "cities15000.json"
    src.write_text(json.dumps(cities), encoding="utf-8")
    dest = tmp_path / "towns.txt"
    assert write_towns(src, dest) == 4
    lines = dest.read_text(encoding="utf-8").splitlines()
    assert lines[-4:] == ["Blonduos", "Blönduós", "Kouvola", "Zaragoza\tcity"]


def test_remaking_the_town_list_from_a_bad_file_is_one_line(tmp_path) -> None:
    bad = tmp_path / "cities.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    bad_population = tmp_path / "population.json"
    bad_population.write_text('{"1": {"name": "Kouvola", "population": "many"}}', "utf-8")
    for source in (bad, bad_population, tmp_path / "missing.json"):
        done = subprocess.run(
            [sys.executable, "-m", "ontology.towns", str(source)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 1
        assert done.stderr.count("\n") == 1 and str(source) in done.stderr
