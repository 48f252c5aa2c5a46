"""builder/report/charts.py: what each figure encodes, read back from the plotly figure objects."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from builder.report import charts, data
from builder.report.reference import reference_cities


@pytest.fixture(scope="module")
def incidents(sample_build: Path) -> pd.DataFrame:
    return data.load_build(sample_build).get("incidents")


def _trace(figure, name: str):
    matches = [trace for trace in figure.data if trace.name == name]
    assert len(matches) == 1, [trace.name for trace in figure.data]
    return matches[0]


def test_timeline_draws_a_low_high_bar_under_each_daily_best(incidents):
    figure = charts.timeline_figure(data.timeline(incidents), incidents)
    bars, best = _trace(figure, "killed: low–high"), _trace(figure, "killed: best figure")
    days = list(pd.to_datetime(best.x))
    mansila = days.index(pd.Timestamp("2024-06-11"))
    assert (bars.base[mansila], bars.base[mansila] + bars.y[mansila], best.y[mansila]) == (24, 99, 36)
    assert all(isinstance(incident_id, str) for incident_id in best.customdata)


def test_week_dated_rows_are_drawn_from_first_to_last_day_not_as_points(incidents):
    figure = charts.timeline_figure(data.timeline(incidents), incidents)
    spans = _trace(figure, "killed: dated to a week/month (span, not summed)")
    segment = list(spans.x[:4])   # the first span: "more than 900 ... over the past week" (4-10 June 2023)
    assert pd.Timestamp(segment[0]) == pd.Timestamp("2023-06-04")
    assert pd.Timestamp(segment[2]) == pd.Timestamp("2023-06-11")   # to the end of the last day
    assert segment[3] is None and spans.y[0] == spans.y[2] == 901
    assert "more than 900 servicemen" in spans.hovertext[0]


def test_every_incident_strip_has_one_mark_per_non_cumulative_incident(incidents):
    figure = charts.timeline_figure(data.timeline(incidents), incidents)
    strip = [trace for trace in figure.data if trace.yaxis == "y3"]
    ids = {incident_id for trace in strip for incident_id in trace.customdata if incident_id}
    assert ids == set(incidents.loc[~incidents["cumulative"], "incident_id"])


def test_map_encodes_type_precision_and_territory(incidents):
    points = data.located(incidents)
    codes = set(points["country_code"])
    figure = charts.map_figure(points, reference_cities(codes), {"UA": "Ukraine"})
    casualties = _trace(figure, "casualties")
    by_place = dict(zip(casualties.hovertext, zip(casualties.marker.symbol, casualties.marker.opacity)))
    region = next(value for text, value in by_place.items() if "<br>Kherson Oblast<br>" in text)
    assert region == ("circle-open", charts.PRECISION_OPACITY[3])
    territory = _trace(figure, "territorial_change")
    assert set(territory.marker.symbol) == {"triangle-up", "triangle-down", "triangle-left"}
    assert "Avdiivka" in list(territory.text)
    assert figure.layout.yaxis.scaleanchor == "x"
    labels = [button.label for button in figure.layout.updatemenus[0].buttons]
    assert labels[:2] == ["All", "Ukraine"] and len(labels) == 1 + len(codes)


def test_reference_cities_come_from_the_installed_gazetteer():
    cities = reference_cities({"UA", "SD"})
    assert {"Kyiv", "Khartoum"} <= set(cities["name"])
    assert cities.groupby("country_code").size().max() <= 8
    assert set(cities[cities["capital"]]["name"]) == {"Khartoum", "Kyiv"}


def test_hover_text_is_escaped_and_wrapped():
    text = charts.wrap("<img src=x onerror=alert(1)> " + "word " * 40)
    assert "<img" not in text and "&lt;img" in text and text.count("<br>") >= 2
