"""Casualty statements in a sentence, as the field writes them."""

from __future__ import annotations

from datetime import date

import pytest

from builder.incidents.casualties import find_casualties
from builder.pipeline import analyse_text
from builder.segment import segment


def found(text: str) -> list[tuple]:
    doc = segment(text)
    return [(m.outcome, m.count.best, m.victims, m.cumulative) for s in doc.sents for m in find_casualties(s)]


@pytest.mark.parametrize("text, expected", [
    # count before the verb
    ("Two persons were killed, and two more were injured.", [("killed", 2, "unknown", False),
                                                              ("injured", 2, "unknown", False)]),
    ("A 62-year-old woman was murdered in a missile strike.", [("killed", 1, "civilians", False)]),
    ("Five citizens were hospitalized in the Izyum area.", [("injured", 5, "civilians", False)]),
    ("Nine civilians, including two children, were killed when a drone hit a bus.",
     [("killed", 9, "civilians", False)]),
    ("Three Ukrainian servicemen have reportedly been killed.", [("killed", 3, "military", False)]),
    ("Strike kills five in Rafah; 12 wounded.", [("killed", 5, "unknown", False), ("injured", 12, "unknown", False)]),
    ("NCPM documented 212 civilian deaths and 540 injuries.", [("killed", 212, "civilians", False),
                                                               ("injured", 540, "unknown", False)]),
    # verb before the count
    ("Russian shelling killed at least 6 people and wounded 11 others.", [("killed", 6, "unknown", False),
                                                                         ("injured", 11, "unknown", False)]),
    ("A drone hit a house, injuring an elderly couple.", [("injured", 2, "civilians", False)]),
    ("The attack claimed the lives of 12 villagers.", [("killed", 12, "civilians", False)]),
    ("The death toll rose to 14.", [("killed", 14, "unknown", False)]),
    # running totals
    ("Since the full-scale invasion, 5,000 civilians have been killed.", [("killed", 5000, "civilians", True)]),
    ("Since February 24, 312 children have been killed in the region.", [("killed", 312, "children", True)]),
])
def test_casualty_statements(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "No one was killed in the attack.",
    "No casualties were reported.",
    "The strike could kill thousands.",
    "Moscow denied that any civilians were hurt.",
    "If the dam breaks, hundreds could be killed.",
    "Of the injured, 27 were taken to hospital.",
    "Among the dead was a 16-year-old girl.",
    "A couple of days later the market reopened.",
    "Two women aged 44 and 71 lived there.",
])
def test_non_events_subsets_and_distractors_give_nothing(text):
    assert found(text) == []


@pytest.mark.parametrize("text, victims", [
    # A weapon word inside the noun phrase named no victim group: the row failed the schema with "not_victims".
    ("Two drone operators were killed in Kherson.", "unknown"),
    ("Four tank crew were killed near Bakhmut.", "unknown"),
    ("Three missile workers were killed in Kherson.", "civilians"),
])
def test_a_weapon_word_inside_the_victims_phrase_is_not_a_victim_group(text, victims):
    assert [(outcome, group) for outcome, _, group, _ in found(text)] == [("killed", victims)]


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("The driver, a 44-year-old man, was killed.", 1, None),
    ("Two residents, a 61-year-old woman and her 34-year-old son, were injured.", None, 2),
    ("Gunmen killed a community leader and his two sons on Friday.", 3, None),
])
def test_appositions_and_coordinated_victims(text, killed, injured):
    (row,) = analyse_text(text, date(2025, 3, 15)).incidents
    assert (row.killed, row.injured) == (killed, injured)
