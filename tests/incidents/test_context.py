"""builder/incidents/context.py: an incident's date range is never reversed, and long articles stay fast."""

from __future__ import annotations

import time
from datetime import date

import pytest

from builder.pipeline import analyse_text

PUBLISHED = date(2024, 1, 1)


@pytest.mark.parametrize("text, start, end, precision", [
    # A date after publication cannot date something already reported: publication date, precision unknown.
    ("Three civilians were killed in Kharkiv next week.", PUBLISHED, PUBLISHED, "unknown"),
    ("Next month, two soldiers were killed in Bakhmut.", PUBLISHED, PUBLISHED, "unknown"),
    ("In 2030, five people were killed in Izium.", PUBLISHED, PUBLISHED, "unknown"),
    # A range reaching past publication still ends at publication.
    ("This week, two people were killed in Kherson.", date(2024, 1, 1), date(2024, 1, 1), "week"),
])
def test_an_incident_is_never_dated_after_publication(text, start, end, precision):
    (row,) = analyse_text(text, PUBLISHED).incidents
    assert (row.date_start, row.date_end, row.date_precision) == (start, end, precision)


def test_time_grows_linearly_with_sentences_and_places():
    # Sentences and places were matched by scanning every place for every sentence, and every paragraph
    # break rescanned the whole document: 4x the text took 8x the time, a million characters minutes.
    paragraph = ("Two civilians were killed in Kherson on Friday, the governor said. Shelling hit Izium and "
                 "Kupiansk. A man was wounded in Nikopol.\n\n")
    analyse_text(paragraph, PUBLISHED)
    seconds = {}
    for repeats in (500, 2000):  # 2,000 repeats: about 250,000 characters, 8,000 sentences and places
        started = time.perf_counter()
        analysis = analyse_text(paragraph * repeats, PUBLISHED)
        seconds[repeats] = time.perf_counter() - started
        assert analysis.incidents and all(row.date_start <= row.date_end for row in analysis.incidents)
    assert seconds[2000] < 6 * seconds[500] + 1, seconds


def test_a_clock_time_does_not_override_the_day_a_report_heading_set():
    text = ("Over the past day, the occupiers shelled 20 settlements of the region.\n\n"
            "Bohodukhiv district: at around 14:00 an enemy drone hit a car in Zolochiv. The driver was injured.")
    (row,) = analyse_text(text, date(2023, 10, 14)).incidents
    assert (row.date_start, row.date_end, row.date_text) == (date(2023, 10, 13), date(2023, 10, 14), "the past day")
    (alone,) = analyse_text("At 06:45 a drone hit a car in Zolochiv, injuring the driver.", date(2023, 10, 14)).incidents
    assert (alone.date_start, alone.date_precision) == (date(2023, 10, 14), "day")
