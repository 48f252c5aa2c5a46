"""The article this project exists for (../shared/examples, published Saturday 2022-09-10): every
casualty group with its place and date, the withdrawal claim and the territory gains."""

from __future__ import annotations

from datetime import date

from builder.ingest.articles import normalise_text
from builder.pipeline import analyse_text

PUBLISHED = date(2022, 9, 10)
OVERNIGHT = (date(2022, 9, 9), date(2022, 9, 10))


def incidents_of(path):
    return analyse_text(normalise_text(path.read_text(encoding="utf-8")), PUBLISHED).incidents


def test_casualty_groups(kharkiv_example):
    found = incidents_of(kharkiv_example)
    groups = [(i.killed, i.injured, i.location, i.admin1, i.geo_precision, (i.date_start, i.date_end))
              for i in found if i.incident_type == "casualties"]
    assert groups == [
        (1, None, "Kharkiv Oblast", "Kharkiv Oblast", 3, OVERNIGHT),     # a 62-year-old woman, Kharkiv region
        (None, 5, "Izium", "Kharkiv Oblast", 2, OVERNIGHT),     # five hospitalised in the Izyum area
        (None, 9, "Kharkiv Oblast", "Kharkiv Oblast", 3, OVERNIGHT),     # nine more elsewhere in the province
        (2, 2, "Bakhmut", "Donetsk Oblast", 2, OVERNIGHT),     # Bakhmut and Yahidne, not split by place
    ]
    assert {i.actor for i in found if i.incident_type == "casualties"} == {"Russia"}


def test_withdrawal_claim_and_gains(kharkiv_example):
    territory = [i for i in incidents_of(kharkiv_example) if i.incident_type == "territorial_change"]
    withdrawn = {(i.location, i.actor, i.claim_status) for i in territory if i.control_change == "withdrawn"}
    assert {("Balakliia", "Russia", "claimed"), ("Izium", "Russia", "claimed")} <= withdrawn
    gained = {(i.location, i.actor) for i in territory if i.control_change == "gained" and i.location}
    assert {("Kupiansk", "Ukraine"), ("Balakliia", "Ukraine")} <= gained
    (settlements,) = [i for i in territory if i.settlements is not None]
    assert (settlements.settlements, settlements.admin1, settlements.date_start) == (31, "Kharkiv Oblast", date(2022, 9, 9))
    (area,) = [i for i in territory if i.area_km2 is not None]
    assert area.area_km2 == 2501 and area.actor == "Ukraine"
