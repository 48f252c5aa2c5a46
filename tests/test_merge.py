"""builder/merge.py: which incidents make one event, how its figures are summarised, and the build wiring."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pandas as pd
import pytest

import builder
from builder.merge import MergeRule, haversine_km, merge_events
from builder.tables import frame_from_rows
from tests.outputs import article, build_output, incident

SOURCES = {"a": "Wire", "b": "Post", "c": "Times", "d": "Wire"}
KHARKIV = {"location": "Kharkiv", "latitude": 49.9935, "longitude": 36.2304, "admin2": "Kharkiv Raion"}


def articles_frame(published: dict[str, date] | None = None) -> pd.DataFrame:
    published = published or {}
    return frame_from_rows("articles", [
        {"article_id": a, "published": published.get(a, date(2024, 5, 18)), "source": s, "text": "t",
         "source_path": "feed.jsonl", "sha256": "0" * 64, "n_chars": 1, "encoding": "utf-8", "boilerplate_lines": 0}
        for a, s in SOURCES.items()])


def events_of(*rows: dict, rule: MergeRule = MergeRule(), published: dict[str, date] | None = None) -> pd.DataFrame:
    return merge_events(frame_from_rows("incidents", rows), articles_frame(published), rule)


def test_the_same_strike_in_three_outlets_is_one_event():
    events = events_of(incident(1, "a"),
                       incident(2, "b", killed=3, killed_low=3, killed_high=None),  # "at least 3"
                       incident(3, "c", killed=4, killed_low=None, killed_high=None, latitude=49.72),  # "about 4"
                       published={"c": date(2024, 5, 17)})
    assert len(events) == 1
    event = events.iloc[0]
    assert event["n_sources"] == 3 and event["n_articles"] == 3
    assert list(event["incident_ids"]) == [f"{3:016x}", f"{1:016x}", f"{2:016x}"]  # earliest report first
    assert list(event["article_ids"]) == ["c", "a", "b"]
    assert event["first_article_id"] == "c" and event["first_published"] == date(2024, 5, 17)
    assert (event["killed"], event["killed_low"], event["killed_high"]) == (3, 2, 4)
    assert event["date_precision"] == "day" and event["location"] == "Kupiansk"


def test_two_articles_of_one_outlet_are_one_source():
    events = events_of(incident(1, "a"), incident(2, "d"))
    assert (events.loc[0, "n_articles"], events.loc[0, "n_sources"]) == (2, 1)


def test_an_outlet_missing_its_source_counts_as_its_own():
    articles = articles_frame()
    articles["source"] = pd.array([None] * len(articles), dtype=articles["source"].dtype)
    events = merge_events(frame_from_rows("incidents", [incident(1, "a"), incident(2, "b")]), articles)
    assert events.loc[0, "n_sources"] == 2


@pytest.mark.parametrize("case, second", [
    ("a different town 60 km away", incident(2, "b", **KHARKIV)),
    ("dates three days apart", incident(2, "b", date_start=date(2024, 5, 20), date_end=date(2024, 5, 20))),
    ("incompatible counts", incident(2, "b", killed=30, killed_low=30, killed_high=30)),
    ("incompatible injured counts", incident(2, "b", injured=40, injured_low=40, injured_high=40)),
    ("another incident type", incident(2, "b", incident_type="attack")),
    ("the same article", incident(2, "a", killed=3, killed_low=3, killed_high=3)),
    ("another town name, no coordinates", incident(2, "b", location="Izium", latitude=None, longitude=None)),
])
def test_incidents_that_differ_stay_separate_events(case, second):
    first = incident(1, "a", injured=2, injured_low=2, injured_high=2)
    assert len(events_of(first, second)) == 2, case


@pytest.mark.parametrize("case, second", [
    ("a place 1 km away", incident(2, "b", latitude=49.7196)),
    ("the same town name, no coordinates", incident(2, "b", location="KUPIANSK", latitude=None, longitude=None)),
    ("a day later, within the tolerance", incident(2, "b", date_start=date(2024, 5, 18), date_end=date(2024, 5, 18))),
    ("a count that rose from 2 to 4", incident(2, "b", killed=4, killed_low=4, killed_high=4)),
    ("no count in one report", incident(2, "b", killed=None, killed_low=None, killed_high=None)),
])
def test_incidents_that_agree_merge(case, second):
    assert len(events_of(incident(1, "a"), second)) == 1, case


def test_incidents_without_any_place_are_never_merged():
    nowhere = {"location": None, "latitude": None, "longitude": None, "geo_precision": None}
    assert len(events_of(incident(1, "a", **nowhere), incident(2, "b", **nowhere))) == 2


def test_the_rule_parameters_change_the_grouping():
    pair = (incident(1, "a"), incident(2, "b", **KHARKIV))
    assert 55 < haversine_km(49.7106, 37.6158, 49.9935, 36.2304) < 110
    assert len(events_of(*pair, rule=MergeRule(max_km=150))) == 1
    late = (incident(1, "a"), incident(2, "b", date_start=date(2024, 5, 20), date_end=date(2024, 5, 20)))
    assert len(events_of(*late, rule=MergeRule(date_tolerance_days=3))) == 1
    counts = (incident(1, "a"), incident(2, "b", killed=3, killed_low=3, killed_high=3))
    assert len(events_of(*counts)) == 1 and len(events_of(*counts, rule=MergeRule(max_count_ratio=1.4))) == 2


def test_territory_needs_the_same_change_by_the_same_actor():
    def taken(number, article_id, **fields):
        fields = {"control_change": "gained", **fields}
        return incident(number, article_id, incident_type="territorial_change", killed=None, killed_low=None,
                        killed_high=None, **fields)

    assert len(events_of(taken(1, "a"), taken(2, "b"))) == 1
    assert len(events_of(taken(1, "a"), taken(2, "b", control_change="lost"))) == 2
    assert len(events_of(taken(1, "a"), taken(2, "b", actor="Ukraine"))) == 2


def test_every_incident_of_an_event_must_match_not_just_one():
    # b is 20 km east of a and c 20 km east of b: a chain, but a and c are 40 km apart.
    east = [incident(1, "a"), incident(2, "b", longitude=37.8958), incident(3, "c", longitude=38.1758)]
    events = events_of(*east)
    assert sorted(len(ids) for ids in events["incident_ids"]) == [1, 2]


def test_dates_are_the_overlap_or_else_the_union():
    week = incident(1, "a", date_start=date(2024, 5, 13), date_end=date(2024, 5, 19), date_precision="week")
    overlap = events_of(week, incident(2, "b")).iloc[0]
    assert (overlap["date_start"], overlap["date_end"], overlap["date_precision"]) == (
        date(2024, 5, 17), date(2024, 5, 17), "day")
    touching = events_of(incident(1, "a"), incident(2, "b", date_start=date(2024, 5, 18),
                                                         date_end=date(2024, 5, 18))).iloc[0]
    assert (touching["date_start"], touching["date_end"], touching["date_precision"]) == (
        date(2024, 5, 17), date(2024, 5, 18), "range")
    undated = incident(2, "b", date_start=date(2024, 5, 18), date_end=date(2024, 5, 18), date_precision="unknown")
    assert events_of(incident(1, "a"), undated).loc[0, "date_start"] == date(2024, 5, 17)


def test_place_and_votes_come_from_the_most_precise_and_most_frequent_reports():
    events = events_of(incident(1, "a", geo_precision=3, attack_type="drone"),
                       incident(2, "b", latitude=49.7110, geo_precision=1),
                       incident(3, "c", latitude=None, longitude=None))
    event = events.iloc[0]
    assert event["latitude"] == 49.7110 and event["geo_precision"] == 1
    assert event["attack_type"] == "missile"


def test_cumulative_totals_are_not_events():
    events = events_of(incident(1, "a"), incident(2, "b", cumulative=True, killed=500, killed_low=500,
                                                  killed_high=500))
    assert len(events) == 1 and list(events.loc[0, "incident_ids"]) == [f"{1:016x}"]


def test_ids_and_order_do_not_depend_on_input_order():
    rows = [incident(1, "a"), incident(2, "b"), incident(3, "c", **KHARKIV),
            incident(4, "a", date_start=date(2024, 5, 1), date_end=date(2024, 5, 1))]
    first = events_of(*rows)
    again = events_of(*reversed(rows))
    pd.testing.assert_frame_equal(first, again)
    # an event's id is a hash of its first report's incident id, so later reports do not change it
    assert hashlib.sha256(f"event:{1:016x}".encode()).hexdigest()[:16] in first["event_id"].tolist()
    assert first["date_start"].tolist() == sorted(first["date_start"].tolist())


def test_an_incident_of_an_unknown_article_is_an_error():
    with pytest.raises(ValueError, match="not in the articles table"):
        merge_events(frame_from_rows("incidents", [incident(1, "zz")]), articles_frame())


def test_build_writes_events_after_the_incidents_and_records_the_rule(tmp_path, monkeypatch):
    articles = [article("a", "2024-05-18", "Wire"), article("b", "2024-05-18", "Post"),
                article("c", "2024-05-19", "Times")]
    out = build_output(tmp_path / "out", articles, [incident(1, "a"), incident(2, "b"), incident(3, "c")],
                       monkeypatch, merge_rule=MergeRule(max_km=10))
    events = builder.load_table(out, "events")
    assert events["n_sources"].tolist() == [3]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["tables"]["incidents"]["rows"] == 3 and manifest["tables"]["events"]["rows"] == 1
    assert manifest["parameters"]["events"] == {"max_km": 10, "date_tolerance_days": 1, "max_count_ratio": 2.0}
    csv = pd.read_csv(out / "events.csv")
    assert json.loads(csv.loc[0, "article_ids"]) == ["a", "b", "c"]
