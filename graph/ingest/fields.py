"""Common field names for article metadata, shared by the structured readers."""

from __future__ import annotations

from typing import Any


def first_str(record: dict[str, Any], *keys: str) -> str | None:
    """The first of ``keys`` whose value is a non-empty string (numbers are stringified)."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def publisher_of(record: dict[str, Any]) -> str | None:
    """The publisher's name from ``provider``/``publisher``/``source``/``site`` fields,
    which may be a string or an object with a ``name``."""
    for key in (
        "provider",
        "publisher",
        "source",
        "site",
        "site_name",
        "publication",
        "outlet",
        "feed",
    ):
        value = record.get(key)
        if isinstance(value, dict):
            value = first_str(value, "name", "title", "domain")
        if isinstance(value, str) and value.strip() and len(value) <= 200:
            return " ".join(value.split())
    return None


def topics_of(record: dict[str, Any]) -> tuple[str, ...]:
    """Topic names from ``topics``/``tags``/``categories``/``category``/``keywords``."""
    for key in ("topics", "tags", "categories", "category", "keywords"):
        value = record.get(key)
        if isinstance(value, str):
            value = [v for v in value.replace(";", ",").split(",")]
        if isinstance(value, list):
            names = []
            for item in value:
                if isinstance(item, dict):
                    item = first_str(item, "name", "term", "label", "title")
                if isinstance(item, str) and item.strip():
                    names.append(" ".join(item.split()))
            if names:
                return tuple(dict.fromkeys(names))
    return ()
