"""builder/incidents/model.py: incident ids are deterministic and unique within an article."""

from __future__ import annotations

import hashlib
from datetime import date

from builder.incidents.model import number_repeats
from builder.pipeline import analyse_text

# Two parties take Laukkai in one (run-on) sentence: two rows with the same type, span, place and counts.
RUN_ON = ("The alliance says it has since seized more than 300 military outposts and several towns, including "
          "Laukkai, the capital of the Kokang region, which it took earlier this month after the surrender of more "
          "than 2,000 soldiers Arakan Army has pushed into Paletwa township in neighbouring Chin State, and it "
          "claimed last week to have taken full control of the town of Paletwa.")


def test_incidents_sharing_an_identity_get_different_ids_and_the_first_keeps_its_own():
    incidents = analyse_text(RUN_ON, date(2024, 1, 20)).incidents
    laukkai = [i for i in incidents if i.location == "Laukkai"]
    assert len(laukkai) == 2 and laukkai[0].identity() == laukkai[1].identity()
    rows = [incident.as_row("a", "v") for incident in incidents]
    assert len({row["incident_id"] for row in rows}) == len(rows)
    first = "\x1f".join(map(str, ("a", *laukkai[0].identity())))
    assert rows[incidents.index(laukkai[0])]["incident_id"] == hashlib.sha256(first.encode()).hexdigest()[:16]
    assert all("repeat" not in row for row in rows)  # not a column


def test_number_repeats_numbers_only_later_incidents_with_a_seen_identity():
    text = "Two people were killed in Kherson. Three were wounded in Izium."
    incidents = analyse_text(text, date(2024, 1, 1)).incidents
    doubled = number_repeats(incidents + incidents)
    assert [i.repeat for i in doubled] == [0] * len(incidents) + [1] * len(incidents)
    assert number_repeats(incidents) == incidents
