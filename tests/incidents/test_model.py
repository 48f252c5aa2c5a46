"""builder/incidents/model.py: incident ids are deterministic and unique within an article."""

from __future__ import annotations

import hashlib
from datetime import date

from builder.incidents.model import number_repeats
from builder.pipeline import analyse_text

def test_incidents_sharing_an_identity_get_different_ids_and_the_first_keeps_its_own():
    # Two rows with the same type, span, place and counts (two parties taking one town in one run-on
    # sentence can give this): the first keeps the plain id, the later one is numbered into its id.
    (incident,) = analyse_text("Ukrainian forces retook Kupiansk on Saturday.", date(2024, 1, 20)).incidents
    twins = number_repeats([incident, incident.with_changes(actor="Russia")])
    rows = [twin.as_row("a", "v") for twin in twins]
    assert twins[0].identity() == twins[1].identity() and rows[0]["incident_id"] != rows[1]["incident_id"]
    first = "\x1f".join(map(str, ("a", *incident.identity())))
    assert rows[0]["incident_id"] == hashlib.sha256(first.encode()).hexdigest()[:16]
    assert all("repeat" not in row for row in rows)  # not a column


def test_number_repeats_numbers_only_later_incidents_with_a_seen_identity():
    text = "Two people were killed in Kherson. Three were wounded in Izium."
    incidents = analyse_text(text, date(2024, 1, 1)).incidents
    doubled = number_repeats(incidents + incidents)
    assert [i.repeat for i in doubled] == [0] * len(incidents) + [1] * len(incidents)
    assert number_repeats(incidents) == incidents
