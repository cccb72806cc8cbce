"""The entity gazetteer: known companies, chips, people, products and places.

Entries live in YAML files, one per type (see ``gazetteer/README.md``). The built-in
files load first, then the user's own (``--entities FILE``); a later entry with the same
name and type extends the earlier one.

>>> gaz = load_gazetteer()
>>> gaz.get("company/nvidia").wikidata
'Q182477'
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from ontology import ENTITY_TYPES, GAZETTEER_DIR
from ontology.ids import entity_id


class GazetteerFileError(ValueError):
    """A gazetteer file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity and the ways a text may name it."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    short_forms: tuple[str, ...] = ()
    wikidata: str | None = None
    case_sensitive: bool = True
    maker: str | None = None
    affiliation: str | None = None
    generic: bool = False
    description: str | None = None

    @property
    def id(self) -> str:
        return entity_id(self.type, self.name)

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and its aliases (not the short forms)."""
        return (self.name, *(a for a in self.aliases if a != self.name))


@dataclass
class Gazetteer:
    """All entries, by node ID, with a fingerprint of their source files."""

    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    fingerprint: str = ""
    files: list[str] = field(default_factory=list)

    def get(self, entity_id_: str) -> GazetteerEntry | None:
        return self.entries.get(entity_id_)

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, entry: GazetteerEntry) -> None:
        old = self.entries.get(entry.id)
        if old is not None:
            entry = replace(
                entry,
                aliases=tuple(dict.fromkeys((*old.aliases, *entry.aliases))),
                short_forms=tuple(dict.fromkeys((*old.short_forms, *entry.short_forms))),
                wikidata=entry.wikidata or old.wikidata,
                maker=entry.maker or old.maker,
                affiliation=entry.affiliation or old.affiliation,
                description=entry.description or old.description,
            )
        self.entries[entry.id] = entry

    def by_name(self) -> dict[str, GazetteerEntry]:
        """Lower-cased canonical names and aliases -> entry (first entry wins)."""
        out: dict[str, GazetteerEntry] = {}
        for entry in self.entries.values():
            for name in entry.names:
                out.setdefault(name.lower(), entry)
        return out


def builtin_files() -> list[Path]:
    return sorted(GAZETTEER_DIR.glob("*.yaml"))


def load_gazetteer(extra: Iterable[str | Path] = (), *, builtin: bool = True) -> Gazetteer:
    """Load the built-in gazetteer files, then ``extra`` files, in order."""
    files = [*(builtin_files() if builtin else []), *(Path(p) for p in extra)]
    gaz = Gazetteer()
    digest = hashlib.sha1()
    for path in files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise GazetteerFileError(f"{path}: cannot read entity file: {exc.strerror}") from exc
        digest.update(path.name.encode() + b"\0" + raw)
        for entry in parse_entries(raw, str(path)):
            gaz.add(entry)
        gaz.files.append(str(path))
    gaz.fingerprint = digest.hexdigest()[:16]
    return gaz


def parse_entries(raw: bytes | str, source: str) -> list[GazetteerEntry]:
    """The entries of one gazetteer YAML document."""
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise GazetteerFileError(f"{source}:{where} not valid YAML") from exc
    if data is None:
        return []
    if isinstance(data, list):
        data = {"entries": data}
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise GazetteerFileError(f"{source}: expected a mapping with an 'entries:' list")
    default_type = data.get("type")
    return [
        _entry(item, default_type, f"{source}: entry {i + 1}")
        for i, item in enumerate(data["entries"])
    ]


def _entry(item: Any, default_type: Any, where: str) -> GazetteerEntry:
    if not isinstance(item, dict):
        raise GazetteerFileError(f"{where}: expected a mapping with 'name' and 'type'")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise GazetteerFileError(f"{where}: 'name' is missing or not text")
    type_ = item.get("type", default_type)
    if type_ not in ENTITY_TYPES:
        raise GazetteerFileError(
            f"{where} ({name}): type {type_!r} is not one of {', '.join(ENTITY_TYPES)}"
        )
    wikidata = item.get("wikidata")
    if wikidata is not None:
        wikidata = str(wikidata).strip()
        if not (wikidata.startswith("Q") and wikidata[1:].isdigit()):
            raise GazetteerFileError(f"{where} ({name}): wikidata {wikidata!r} is not a QID")
    return GazetteerEntry(
        name=name.strip(),
        type=type_,
        aliases=_strings(item.get("aliases"), where, "aliases"),
        short_forms=_strings(item.get("short_forms"), where, "short_forms"),
        wikidata=wikidata,
        case_sensitive=bool(item.get("case_sensitive", True)),
        maker=item.get("maker") or None,
        affiliation=item.get("affiliation") or None,
        generic=bool(item.get("generic", False)),
        description=item.get("description") or None,
    )


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise GazetteerFileError(f"{where}: '{key}' must be a list of names")
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))
