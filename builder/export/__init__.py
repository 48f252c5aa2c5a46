"""Exports in other datasets' layouts, so scripts written for them read our events unchanged.

Reads  : a built output folder or a release (events, articles, incidents tables).
Returns: one row per event in the format's columns and codes; every mapping choice is in the
         format's YAML file beside this module (acled.yaml, ucdp.yaml, actors.yaml).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from builder.api import load_table
from builder.errors import BuilderError
from builder.export.acled import acled_row
from builder.export.reports import Reports
from builder.export.rules import load_mapping
from builder.export.ucdp import ucdp_row
from builder.layout import read_table
from builder.tables import from_arrow, neutralise_formulas
from builder.write import MANIFEST

FORMATS: dict[str, tuple[str, Callable[[dict, Reports], dict | None]]] = {
    "acled": ("acled.yaml", acled_row),
    "ucdp": ("ucdp.yaml", ucdp_row),
}


def export(layout: str, source: str | Path = "output") -> pd.DataFrame:
    """The events of `source` in an ACLED or UCDP GED layout, one row per event, sorted as the events.

    >>> export("acled", "output/").to_csv("acled.csv", index=False)   # doctest: +SKIP
    """
    if layout not in FORMATS:
        raise BuilderError(f"unknown export format {layout!r}; choose from {', '.join(FORMATS)}")
    mapping, make_row = FORMATS[layout]
    source = Path(source)
    events = load_table(source, "events")
    reports = Reports.from_tables(
        _columns(source, "articles", ["article_id", "published", "source", "title"]),
        _columns(source, "incidents", ["incident_id", "sentence"]), _build_timestamp(source))
    rows = [make_row(event, reports)
            for event in events.astype(object).where(events.notna(), None).to_dict("records")]
    return pd.DataFrame([row for row in rows if row is not None], columns=load_mapping(mapping)["columns"],
                        dtype=object)


def export_csv(frame: pd.DataFrame) -> str:
    """CSV text (UTF-8, comma, Unix newlines) with spreadsheet formulas neutralised, like our own CSVs.

    Only text cells are neutralised: a negative longitude stays a number (-1.53388, not '-1.53388).
    """
    text = frame.astype("string")
    numbers = frame.map(lambda cell: pd.api.types.is_number(cell) and not isinstance(cell, bool))
    buffer = io.StringIO()
    neutralise_formulas(text).where(~numbers, text).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def _columns(source: Path, table: str, columns: list[str]) -> pd.DataFrame:
    return from_arrow(table, read_table(source, table, columns))


def _build_timestamp(source: Path) -> int | None:
    """When the data was built (ACLED's `timestamp`: when a row last changed), from the folder's manifest."""
    path = source / MANIFEST
    if not path.is_file():
        return None
    manifest = json.loads(path.read_text(encoding="utf-8"))
    built_at = manifest.get("built_at") or manifest.get("build", {}).get("built_at")
    return int(pd.Timestamp(built_at).timestamp()) if built_at else None
