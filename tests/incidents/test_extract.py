"""Incidents from whole texts: places, dates, actors, totals and parts, tolls, repeats, territory."""

from __future__ import annotations

from datetime import date

import pytest

from builder.pipeline import analyse_text

SATURDAY = date(2022, 9, 10)


def incidents(text: str, published: date = SATURDAY, kind: str | None = None) -> list:
    found = analyse_text(text, published).incidents
    return [i for i in found if kind is None or i.incident_type == kind]


def test_single_victim_with_place_date_actor_and_attack_type():
    (row,) = incidents("A 62-year-old woman was killed in a Russian missile strike on Kharkiv overnight, "
                       "the regional governor said.")
    assert (row.killed, row.killed_low, row.killed_high, row.injured) == (1, 1, 1, None)
    assert (row.location, row.country_code, row.actor, row.attack_type) == ("Kharkiv", "UA", "Russia", "missile")
    assert (row.date_start, row.date_end, row.date_text) == (date(2022, 9, 9), date(2022, 9, 10), "overnight")
    assert row.claimant == "the regional governor" and row.claim_status == "reported"
    assert row.sentence.startswith("A 62-year-old woman") and row.char_start == 0


def test_no_date_in_the_text_gives_the_publication_date_marked_unknown():
    (row,) = incidents("Two civilians were wounded in Kherson.")
    assert (row.date_start, row.date_end, row.date_precision, row.date_text) == (SATURDAY, SATURDAY, "unknown", None)


def test_killed_and_injured_in_one_event_are_one_row():
    (row,) = incidents("Russian shelling killed two people and injured 11 others in Kramatorsk on Friday.")
    assert (row.killed, row.injured, row.location, row.date_start) == (2, 11, "Kramatorsk", date(2022, 9, 9))


def test_vague_and_qualified_counts_keep_their_bounds():
    (row,) = incidents("Shelling killed at least 15 civilians in Kherson on Friday and wounded dozens more.")
    assert (row.killed_low, row.killed, row.killed_high) == (15, 15, None)
    assert (row.injured_low, row.injured, row.injured_high) == (24, 36, 99)


def test_a_total_broken_down_by_place_gives_the_parts():
    rows = incidents("Russian attacks killed four civilians in the Donetsk region on Saturday — two in "
                     "Kostiantynivka, one in Chasiv Yar and one in Toretsk.")
    assert sorted((r.killed, r.admin1) for r in rows) == [(1, "Donetsk Oblast"), (1, "Donetsk Oblast"), (2, "Donetsk Oblast")]
    assert {r.geo_precision for r in rows} == {1}


def test_a_closing_total_of_rows_already_given_is_not_added():
    text = ("In Kupiansk, a 57-year-old man was injured. In Borova, an 81-year-old woman was killed and her "
            "62-year-old son was injured. In total, 1 person was killed and 2 were injured in the region.")
    rows = incidents(text)
    assert sorted((r.killed or 0, r.injured or 0) for r in rows) == [(0, 1), (1, 1)]


def test_a_later_toll_replaces_the_first_figure():
    text = ("Russian guided bombs hit a market in Kharkiv on Saturday, killing at least 6 civilians. "
            "By Saturday evening, the governor said the death toll had risen to 8.")
    (row,) = incidents(text)
    assert (row.killed_low, row.killed, row.killed_high) == (8, 8, 8)


def test_one_incident_mentioned_twice_is_one_row():
    text = ("Two people were killed in Sumy on Friday, officials said. "
            "The two victims, both men, were killed when a drone hit their car in Sumy on Friday.")
    assert len(incidents(text)) == 1


@pytest.mark.parametrize("text", [
    "No one was killed in the strike on Odesa.",
    "Officials warned that a breach of the dam could kill thousands in Kherson.",
    "Moscow denied that any civilians were hurt in Izium.",
])
def test_non_events_give_no_row(text):
    assert incidents(text) == []


def test_a_running_total_is_cumulative():
    (row,) = incidents("Since February 24, 2022, 9,400 civilians have been killed in Ukraine, the UN said.",
                       date(2023, 8, 29))
    assert row.cumulative and row.killed == 9400 and row.date_start == date(2022, 2, 24)


def test_territory_active_passive_and_relative_clauses():
    text = ("Ukrainian forces retook Kupiansk on Saturday. Lyman was recaptured by Ukrainian troops. "
            "The flag was raised over Balakliia, which Ukrainian troops reclaimed on Thursday.")
    rows = incidents(text, kind="territorial_change")
    assert [(r.location, r.actor, r.control_change) for r in rows] == [
        ("Kupiansk", "Ukraine", "gained"), ("Lyman", "Ukraine", "gained"), ("Balakliia", "Ukraine", "gained")]
    assert rows[2].date_start == date(2022, 9, 8)


def test_a_withdrawal_claim_gives_one_row_per_place_with_its_claimant():
    rows = incidents("Russia's Defence Ministry said on Saturday that troops would be withdrawn from the "
                     "Balakliia and Izium areas.", kind="territorial_change")
    assert [(r.location, r.actor, r.control_change, r.geo_precision) for r in rows] == [
        ("Balakliia", "Russia", "withdrawn", 2), ("Izium", "Russia", "withdrawn", 2)]
    assert {r.claimant for r in rows} == {"Russia's Defence Ministry"} and {r.claim_status for r in rows} == {"claimed"}


def test_settlement_and_area_counts_are_one_row_in_the_named_region():
    (row,) = incidents("Ukrainian units liberated more than 60 settlements in the Kherson region with a total "
                       "area of about 4,500 square kilometres.", kind="territorial_change")
    assert (row.settlements, row.area_km2, row.admin1, row.geo_precision) == (61, 4500.0, "Kherson Oblast", 3)


def test_square_miles_are_converted():
    (row,) = incidents("Ukrainian forces have recaptured about 95 square miles near Robotyne.",
                       kind="territorial_change")
    assert row.area_km2 == pytest.approx(246.05, abs=0.01)


@pytest.mark.parametrize("text", [
    "Ukraine could retake Kherson within weeks, analysts said.",
    "Hamas wants a full Israeli withdrawal from Gaza.",
    "Apparent Russian detainees were seized at Izium, photographs showed.",
    "The liberated settlements of the Kherson region are full of mines.",
])
def test_territory_non_events(text):
    assert incidents(text, kind="territorial_change") == []
