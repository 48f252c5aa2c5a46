"""The tables of one build or release folder, and the summaries the report draws from them.

Reads  : a folder `builder build` wrote (output/; each table one Parquet file or a folder of parts) or a
         release folder holding the same tables.
Returns: `BuildTables` (the tables present, typed as their schemas say) and plain DataFrames per panel.
A table the folder does not hold is None, never an empty frame, so the page can say "not in this build"
rather than "nothing found".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from builder.api import load_table
from builder.errors import BuilderError
from builder.layout import table_path
from builder.write import MANIFEST

# Tables the report reads, in the order the page mentions them.
REPORT_TABLES = ("articles", "incidents", "rejects", "time_expressions", "places")
OUTCOMES = ("killed", "injured")


@dataclass(frozen=True)
class BuildTables:
    folder: Path
    manifest: dict
    tables: dict[str, pd.DataFrame]

    def get(self, name: str) -> pd.DataFrame | None:
        return self.tables.get(name)

    @property
    def absent(self) -> list[str]:
        return [name for name in REPORT_TABLES if name not in self.tables]


def load_build(folder: str | Path) -> BuildTables:
    """Read every report table the folder holds; raise BuilderError when it is not a build at all."""
    folder = Path(folder)
    if not folder.is_dir():
        raise BuilderError(f"{folder}: no such folder; build one with `builder build raw/ --out {folder}`")
    manifest_path = folder / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    tables = {name: load_table(folder, name) for name in REPORT_TABLES if table_path(folder, name) is not None}
    if not tables:
        raise BuilderError(f"{folder}: holds no Parquet tables (expected articles.parquet or articles/, "
                           "incidents.parquet or incidents/, ...); "
                           "the report reads Parquet, so build with --format parquet")
    return BuildTables(folder, manifest, tables)


def _as_datetime(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.astype("datetime64[s]"))


def counted(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents with plain numbers per outcome: `<outcome>_min`/`_best`/`_max` and `<outcome>_open`.

    The schema's low and high stay empty where the words leave them open ("at least 6": no high; "about
    20": neither), so the drawn range falls back to the best figure and `_open` says a bound is missing.
    """
    out = incidents.copy()
    out["start"] = _as_datetime(out["date_start"])
    out["end"] = _as_datetime(out["date_end"])
    for outcome in OUTCOMES:
        best, low, high = out[outcome], out[f"{outcome}_low"], out[f"{outcome}_high"]
        stated = best.notna() | low.notna() | high.notna()
        best = best.fillna(low).fillna(high)
        out[f"{outcome}_best"] = best.astype("Float64")
        out[f"{outcome}_min"] = low.fillna(best).astype("Float64")
        out[f"{outcome}_max"] = high.fillna(best).astype("Float64")
        out[f"{outcome}_open"] = (stated & (low.isna() | high.isna())).astype(bool)
        out[f"{outcome}_stated"] = stated.astype(bool)
    return out


@dataclass(frozen=True)
class Timeline:
    """What the timeline draws, split by how honestly a row can sit on one day."""

    daily: dict[str, pd.DataFrame]   # outcome -> one row per day: best, min, max, incidents, open, first_id
    spans: pd.DataFrame              # week/month/range-dated rows: drawn from start to end, never summed
    undated: pd.DataFrame            # precision unknown: the publication date stands in, drawn hollow
    cumulative: int                  # running totals left out of every sum


def timeline(incidents: pd.DataFrame) -> Timeline:
    rows = counted(incidents)
    cumulative = rows["cumulative"].astype(bool)
    current = rows[~cumulative]
    point = current[(current["start"] == current["end"]) & (current["date_precision"] != "unknown")]
    daily = {outcome: _daily(point, outcome) for outcome in OUTCOMES}
    spans = current[current["end"] > current["start"]].sort_values(["start", "end", "incident_id"])
    undated = current[current["date_precision"] == "unknown"].sort_values(["start", "incident_id"])
    return Timeline(daily, spans.reset_index(drop=True), undated.reset_index(drop=True), int(cumulative.sum()))


def _daily(point: pd.DataFrame, outcome: str) -> pd.DataFrame:
    stated = point[point[f"{outcome}_stated"]].sort_values(["start", "incident_id"])
    grouped = stated.groupby("start", sort=True)
    return pd.DataFrame({
        "best": grouped[f"{outcome}_best"].sum(),
        "min": grouped[f"{outcome}_min"].sum(),
        "max": grouped[f"{outcome}_max"].sum(),
        "incidents": grouped.size(),
        "open": grouped[f"{outcome}_open"].sum(),
        "first_id": grouped["incident_id"].first(),
        "sentences": grouped["sentence"].agg(list),
    }).reset_index(names="day")


def located(incidents: pd.DataFrame) -> pd.DataFrame:
    """Non-cumulative incidents with coordinates, with the casualty total the map sizes them by. A running
    total ("since the war began") is not an event at a place, so it is not mapped."""
    rows = counted(incidents[~incidents["cumulative"].astype(bool)])
    rows = rows[rows["latitude"].notna() & rows["longitude"].notna()].copy()
    rows["casualties"] = rows["killed_best"].fillna(0) + rows["injured_best"].fillna(0)
    # Most precise first: plotly draws a trace's legend key like its first point.
    return rows.sort_values(["incident_type", "geo_precision", "start", "incident_id"]).reset_index(drop=True)


def territory_changes(incidents: pd.DataFrame) -> pd.DataFrame:
    changes = incidents[incidents["incident_type"] == "territorial_change"]
    return changes.sort_values(["date_start", "date_end", "incident_id"]).reset_index(drop=True)


def totals(incidents: pd.DataFrame) -> dict[str, object]:
    """Headline figures over non-cumulative rows: best, the min-max the words allow, first and last day."""
    rows = counted(incidents[~incidents["cumulative"].astype(bool)])
    figures: dict[str, object] = {"incidents": len(incidents), "cumulative": len(incidents) - len(rows),
                                  "first_day": rows["date_start"].min() if len(rows) else None,
                                  "last_day": rows["date_end"].max() if len(rows) else None}
    for outcome in OUTCOMES:
        for bound in ("best", "min", "max"):
            figures[f"{outcome}_{bound}"] = int(rows[f"{outcome}_{bound}"].sum())
        figures[f"{outcome}_open"] = int(rows[f"{outcome}_open"].sum())
    return figures


def rejects_by_reason(rejects: pd.DataFrame) -> pd.DataFrame:
    grouped = rejects.groupby(["stage", "reason"], sort=False)
    summary = pd.DataFrame({"rejects": grouped.size(), "example": grouped["message"].first()}).reset_index()
    return summary.sort_values(["rejects", "stage", "reason"], ascending=[False, True, True]).reset_index(drop=True)


def unresolved_time_expressions(time_expressions: pd.DataFrame) -> pd.DataFrame:
    """Time words the time stage could not place on the calendar, most frequent first."""
    unplaced = time_expressions[(time_expressions["precision"] == "unknown") | time_expressions["date_start"].isna()]
    return _by_text(unplaced, "text")


def unresolved_places(places: pd.DataFrame) -> pd.DataFrame:
    """Place mentions the gazetteer named but could not put on the map (no coordinates)."""
    return _by_text(places[places["latitude"].isna() | places["longitude"].isna()], "location_text")


def _by_text(rows: pd.DataFrame, column: str) -> pd.DataFrame:
    grouped = rows.groupby(column, sort=False)
    summary = pd.DataFrame({"mentions": grouped.size(), "articles": grouped["article_id"].nunique(),
                            "example_article": grouped["article_id"].first()}).reset_index()
    return summary.sort_values(["mentions", column], ascending=[False, True]).reset_index(drop=True)


def unplaced_incidents(incidents: pd.DataFrame) -> pd.DataFrame:
    """Non-cumulative incidents the map cannot show: no place, or a place without coordinates."""
    missing = incidents["latitude"].isna() | incidents["longitude"].isna()
    current = ~incidents["cumulative"].astype(bool)
    return incidents[missing & current].sort_values(["date_start", "incident_id"]).reset_index(drop=True)


def articles_without_incidents(articles: pd.DataFrame, incidents: pd.DataFrame) -> pd.DataFrame:
    without = articles[~articles["article_id"].isin(incidents["article_id"])]
    return without.sort_values(["published", "article_id"]).reset_index(drop=True)


def counts_per_source(articles: pd.DataFrame, incidents: pd.DataFrame | None,
                      rejects: pd.DataFrame | None) -> pd.DataFrame:
    """Per outlet: articles kept, incidents read from them, and rejects that name one of their articles."""
    source = articles["source"].fillna("(no source)")
    by_article = pd.Series(source.to_numpy(), index=articles["article_id"].to_numpy())
    summary = pd.DataFrame({"articles": source.value_counts()})
    if incidents is not None:
        summary["incidents"] = incidents["article_id"].map(by_article).value_counts()
    if rejects is not None:
        summary["rejects"] = rejects["article_id"].map(by_article).value_counts()
    summary = summary.fillna(0).astype(int).rename_axis("source").reset_index()
    return summary.sort_values(["articles", "source"], ascending=[False, True]).reset_index(drop=True)


def evidence(incidents: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    """Every incident with the article it came from, in date order: the table hover and clicks link to."""
    rows = incidents.sort_values(["date_start", "date_end", "incident_id"]).reset_index(drop=True)
    if articles is None:
        return rows.assign(title=pd.NA, source=pd.NA, published=pd.NA)
    about = articles[["article_id", "title", "source", "published"]]
    return rows.merge(about, on="article_id", how="left", validate="many_to_one")
