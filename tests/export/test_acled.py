"""builder/export/acled.py: ACLED's columns, in order, with ACLED's codes."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest

from builder.export import export, export_csv
from builder.export.rules import load_mapping
from tests.outputs import article, build_output, incident

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp"]
# ACLED's event types and their sub-event types (ACLED codebook): every rule must produce one of these.
ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}


def acled_of(tmp_path, monkeypatch, *incidents: dict) -> pd.DataFrame:
    articles = sorted({row["article_id"] for row in incidents})
    out = build_output(tmp_path / "out", [article(a, "2024-05-18", f"Outlet {a}") for a in articles],
                       list(incidents), monkeypatch)
    return export("acled", out)


def test_columns_are_acleds_in_acleds_order_and_codes_follow_the_events(tmp_path, monkeypatch):
    frame = acled_of(tmp_path, monkeypatch, incident(1, "a", killed=2, killed_low=2, killed_high=4),
                     incident(2, "b", killed=3, killed_low=None, killed_high=None))
    assert list(frame.columns) == ACLED_COLUMNS
    row = frame.iloc[0]
    assert row["event_date"] == "2024-05-17" and row["year"] == 2024 and row["time_precision"] == 1
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence",
                                                          "Shelling/artillery/missile attack")
    assert row["fatalities"] == 2  # the lowest reported figure
    assert row["actor1"] == "Russia" and row["inter1"] == 8  # a state's forces abroad
    assert row["iso"] == 804 and row["country"] == "Ukraine" and row["geo_precision"] == 1
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["source"] == "Outlet a; Outlet b" and row["notes"].startswith("Two people were killed")
    assert row["tags"] == "builder:strike_artillery" and row["region"] is None


@pytest.mark.parametrize("fields, expected", [
    ({"attack_type": "drone"}, ("Explosions/Remote violence", "Air/drone strike", "strike_air")),
    ({"attack_type": "mine"}, ("Explosions/Remote violence", "Remote explosive/landmine/IED", "strike_explosive")),
    ({"attack_type": "gunfire"}, ("Violence against civilians", "Attack", "gunfire_civilians")),
    ({"attack_type": "clashes", "victims": "military"}, ("Battles", "Armed clash", "clash")),
    ({"attack_type": None, "victims": "military"}, ("Battles", "Armed clash", "unknown_weapon")),
    ({"incident_type": "territorial_change", "control_change": "gained", "actor": "Ukraine"},
     ("Battles", "Government regains territory", "territory_state")),
    ({"incident_type": "territorial_change", "control_change": "gained", "actor": "M23"},
     ("Battles", "Non-state actor overtakes territory", "territory_non_state")),
    ({"incident_type": "territorial_change", "control_change": "withdrawn"},
     ("Strategic developments", "Non-violent transfer of territory", "territory_withdrawn")),
    ({"incident_type": "displacement"}, ("Strategic developments", "Other", "displacement")),
])
def test_event_types_follow_the_first_matching_rule(tmp_path, monkeypatch, fields, expected):
    row = acled_of(tmp_path, monkeypatch, incident(1, "a", **fields)).iloc[0]
    assert (row["event_type"], row["sub_event_type"], row["tags"]) == (*expected[:2], f"builder:{expected[2]}")


def test_every_rule_gives_an_acled_type_and_sub_type():
    for rule in load_mapping("acled.yaml")["event_types"]:
        then = rule["then"]
        assert then["sub_event_type"] in ACLED_TYPES[then["event_type"]], rule["id"]


@pytest.mark.parametrize("start, end, precision, code, event_date", [
    (date(2024, 5, 17), date(2024, 5, 17), "day", 1, "2024-05-17"),
    (date(2024, 5, 13), date(2024, 5, 19), "week", 2, "2024-05-16"),
    (date(2024, 5, 1), date(2024, 5, 31), "month", 3, "2024-05-16"),
    (date(2024, 5, 18), date(2024, 5, 18), "unknown", 2, "2024-05-18"),
])
def test_time_precision_and_event_date(tmp_path, monkeypatch, start, end, precision, code, event_date):
    row = acled_of(tmp_path, monkeypatch, incident(1, "a", date_start=start, date_end=end,
                                                   date_precision=precision)).iloc[0]
    assert (row["time_precision"], row["event_date"]) == (code, event_date)


def test_unknown_counts_are_zero_fatalities_and_a_state_at_home_is_inter_1(tmp_path, monkeypatch):
    row = acled_of(tmp_path, monkeypatch, incident(1, "a", killed=None, killed_low=None, killed_high=None,
                                                   injured=3, injured_low=3, injured_high=3,
                                                   actor="Ukraine")).iloc[0]
    assert row["fatalities"] == 0 and row["inter1"] == 1


def test_the_csv_reads_back_with_the_same_header(tmp_path, monkeypatch):
    frame = acled_of(tmp_path, monkeypatch, incident(1, "a", sentence="=cmd Two were killed."))
    path = tmp_path / "acled.csv"
    path.write_text(export_csv(frame))
    back = pd.read_csv(path)
    assert list(back.columns) == ACLED_COLUMNS and len(back) == 1
    assert back.loc[0, "notes"].startswith("'=cmd") and back.loc[0, "fatalities"] == 2


def test_csv_neutralises_text_cells_but_keeps_negative_coordinates_numbers(tmp_path, monkeypatch):
    frame = acled_of(tmp_path, monkeypatch, incident(1, "a", latitude=-8.6158, longitude=-1.53388,
                                                     sentence="-2 were killed; @SUM(A1) +1", claimant="=x"))
    back = pd.read_csv(io.StringIO(export_csv(frame)))
    assert (back.loc[0, "latitude"], back.loc[0, "longitude"]) == (-8.6158, -1.53388)
    assert back.loc[0, "notes"] == "'-2 were killed; @SUM(A1) +1"
