"""builder/incidents/context.py: an incident's date range is never reversed, and long articles stay fast."""

from __future__ import annotations

import time
from datetime import date

import pytest

from builder.pipeline import analyse_text

PUBLISHED = date(2024, 1, 1)


@pytest.mark.parametrize("text, start, end", [
    ("Three civilians were killed in Kharkiv next week.", date(2024, 1, 8), date(2024, 1, 14)),
    ("Next month, two soldiers were killed in Bakhmut.", date(2024, 2, 1), date(2024, 2, 29)),
    ("In 2030, five people were killed in Izium.", date(2030, 1, 1), date(2030, 12, 31)),
    # A range reaching past publication still ends at publication.
    ("This week, two people were killed in Kherson.", date(2024, 1, 1), date(2024, 1, 1)),
])
def test_a_date_after_publication_keeps_its_own_end(text, start, end):
    (row,) = analyse_text(text, PUBLISHED).incidents
    assert (row.date_start, row.date_end) == (start, end)


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
