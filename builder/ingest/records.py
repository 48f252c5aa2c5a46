"""What every reader yields: a raw record with its place in the batch, before any normalisation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(slots=True)
class RawRecord:
    """One article as read from a file. `fields` uses the canonical names of fields.yaml."""

    source_path: str
    line: int | None
    fields: dict[str, Any]
    encoding: str = "utf-8"
    replaced_bytes: int = 0
    # A date the file name gives, used only when the record carries none.
    fallback_published: date | None = None
    stripped_lines: int = 0


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(record: RawRecord) -> int:
    """JSON escapes such as \\ud800 decode to half a character that no encoder can write; each becomes
    U+FFFD. Returns how many were replaced."""
    replaced = 0
    for name, value in record.fields.items():
        if isinstance(value, str) and _LONE_SURROGATE.search(value):
            record.fields[name], count = _LONE_SURROGATE.subn("\ufffd", value)
            replaced += count
    return replaced


@cache
def field_aliases() -> dict[str, str]:
    """Map every accepted field name (lower-cased) to its canonical name."""
    spec = yaml.safe_load(resources.files("builder.ingest").joinpath("fields.yaml").read_text("utf-8"))
    aliases: dict[str, str] = {}
    for canonical, names in spec.items():
        for name in names:
            aliases.setdefault(name.lower(), canonical)
    return aliases


def canonical_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """Rename a record's fields to canonical names; the first non-empty accepted name wins."""
    aliases = field_aliases()
    ranked: dict[str, tuple[int, Any]] = {}
    order = {name: rank for rank, name in enumerate(aliases)}
    for key, value in raw.items():
        if not isinstance(key, str):
            continue
        name = key.strip().lower()
        canonical = aliases.get(name)
        if canonical is None or value is None or (isinstance(value, str) and not value.strip()):
            continue
        rank = order[name]
        if canonical not in ranked or rank < ranked[canonical][0]:
            ranked[canonical] = (rank, value)
    return {canonical: value for canonical, (_, value) in ranked.items()}
