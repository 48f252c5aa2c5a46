"""builder/report/data.py: which rows each panel counts, on the sample build (tests/report/sample_tables.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from builder.errors import BuilderError
from builder.report import data
from tests.report.sample_tables import SAHEL


@pytest.fixture(scope="module")
def tables(sample_build: Path) -> data.BuildTables:
    return data.load_build(sample_build)


@pytest.fixture(scope="module")
def incidents(tables: data.BuildTables) -> pd.DataFrame:
    return tables.get("incidents")


def _day(frame: pd.DataFrame, day: str) -> pd.Series:
    return frame.set_index("day").loc[pd.Timestamp(day)]


def test_a_build_without_the_later_stages_lists_what_it_lacks(articles_only_build):
    tables = data.load_build(articles_only_build)
    assert sorted(tables.tables) == ["articles", "rejects"]
    assert tables.absent == ["incidents", "time_expressions", "places"]
    assert tables.get("incidents") is None


def test_every_table_is_read_typed_as_its_schema_says(tables):
    assert tables.absent == [] and len(tables.get("time_expressions")) == 7 and len(tables.get("places")) == 5
    assert str(tables.get("incidents")["killed"].dtype) == "Int64"


def test_a_folder_without_tables_is_a_clear_error(tmp_path):
    with pytest.raises(BuilderError, match="no such folder"):
        data.load_build(tmp_path / "nowhere")
    with pytest.raises(BuilderError, match="holds no Parquet tables"):
        data.load_build(tmp_path)


def test_daily_sums_take_only_rows_dated_to_one_day(incidents):
    timeline = data.timeline(incidents)
    day = _day(timeline.daily["killed"], "2024-02-17")
    # Kryvyi Rih 1 (overnight), Esman 2, Kherson 1; "up to 30" over the past day is a span, not a day.
    assert (day["best"], day["incidents"]) == (4, 3)
    assert pd.Timestamp("2024-02-16") not in set(timeline.daily["killed"]["day"])


def test_cumulative_rows_are_left_out_of_every_sum(incidents):
    timeline = data.timeline(incidents)
    assert timeline.cumulative == 3
    assert timeline.daily["killed"]["max"].max() < 1000
    assert not timeline.spans["cumulative"].any() and not timeline.undated["cumulative"].any()
    totals = data.totals(incidents)
    assert totals["killed_best"] < 30_000 and totals["cumulative"] == 3
    assert str(totals["first_day"]) == "2023-06-04"


def test_uncertain_counts_give_a_band_and_open_bounds_are_flagged(incidents):
    daily = data.timeline(incidents).daily
    mansila = _day(daily["killed"], "2024-06-11")   # "dozens": 24 / 36 / 99
    assert (mansila["min"], mansila["best"], mansila["max"]) == (24, 36, 99)
    djibo = _day(daily["injured"], "2024-06-12")    # "a few": 2 / 3 / 5
    assert (djibo["min"], djibo["best"], djibo["max"]) == (2, 3, 5)
    rafah = _day(daily["injured"], "2024-03-01")    # "at least 40": no high, drawn at 40 and flagged open
    assert (rafah["min"], rafah["best"], rafah["max"], rafah["open"]) == (40, 40, 40, 1)


def test_week_month_and_range_dated_rows_are_spans_and_undated_rows_are_apart(incidents):
    timeline = data.timeline(incidents)
    spans = timeline.spans
    assert set(spans["date_precision"]) == {"week", "month", "range"}
    assert (spans["end"] > spans["start"]).all()
    laukkai = spans[spans["location"] == "Laukkai"].iloc[0]
    assert (laukkai["start"], laukkai["end"]) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-31"))
    assert list(timeline.undated["location"]) == ["Krokhmalne"]


def test_the_map_takes_located_non_cumulative_rows_sized_by_casualties(incidents):
    points = data.located(incidents)
    assert len(points) == len(incidents) - 3 - 1   # three running totals, one row without a place
    assert not points["cumulative"].any() and points["latitude"].notna().all()
    kryvyi_rih = points[points["location"] == "Kryvyi Rih"].iloc[0]
    assert kryvyi_rih["casualties"] == 5
    unplaced = data.unplaced_incidents(incidents)
    assert list(unplaced["location_text"]) == ["in the south"]


def test_territory_changes_in_date_order(incidents):
    changes = data.territory_changes(incidents)
    assert len(changes) == 9 and set(changes["control_change"]) == {"gained", "lost", "withdrawn"}
    assert changes["date_start"].is_monotonic_increasing


def test_quality_summaries(tables):
    rejects = data.rejects_by_reason(tables.get("rejects"))
    assert list(rejects.iloc[0][["stage", "reason", "rejects"]]) == ["ingest", "bad-json", 2]
    times = data.unresolved_time_expressions(tables.get("time_expressions"))
    assert list(times.iloc[0][["text", "mentions", "articles"]]) == ["the first days of the war", 2, 2]
    assert set(data.unresolved_places(tables.get("places"))["location_text"]) == {"Mugunga", "Jebel Awliya"}
    without = data.articles_without_incidents(tables.get("articles"), tables.get("incidents"))
    assert list(without["article_id"]) == ["syria-qamishli-drone-2024-01"]


def test_counts_per_source(tables):
    sources = data.counts_per_source(tables.get("articles"), tables.get("incidents"), tables.get("rejects"))
    by_source = sources.set_index("source")
    assert list(by_source.loc["Meridian Live"]) == [3, 8, 0]
    assert by_source.loc["Sahel Briefing", "rejects"] == 1
    assert by_source.loc["Euphrates Daily", "incidents"] == 0
    assert sources["articles"].sum() == len(tables.get("articles"))
    assert SAHEL in set(tables.get("rejects")["article_id"].dropna())


def test_evidence_joins_each_incident_to_its_article(tables):
    rows = data.evidence(tables.get("incidents"), tables.get("articles"))
    assert len(rows) == len(tables.get("incidents")) and rows["title"].notna().sum() == len(rows) - 4
    assert rows["date_start"].is_monotonic_increasing
