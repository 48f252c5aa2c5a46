"""Property-based tests (Hypothesis) over the per-article stages: time, places, incidents and the whole
analyse_text. On any text they never raise, every span indexes the text it came from, ranges are in
order, ids are unique and stable, and every row passes its table's schema.

Texts are drawn four ways: any unicode, letters, numbers, punctuation and control characters, pieces of
conflict news (numbers, vague counts, places, dates, casualty words) shuffled together, and news with odd
tokens (very long words, huge numbers, invisible marks) spliced in.
"""

from __future__ import annotations

import os
from datetime import date

import pandera.pandas as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.pipeline import analyse_text
from builder.places import extract_places
from builder.schemas import TABLES
from builder.segment import segment
from builder.tables import frame_from_rows
from builder.timex import extract_time_expressions
from builder.version import extractor_version

EXAMPLES = int(os.environ.get("BUILDER_PROPERTY_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PIECES = [
    # counts and casualty words
    "killed", "were killed", "was killed", "wounded", "injured", "died", "dead", "death toll rose to", "casualties",
    "at least", "more than", "up to", "between", "and", "about", "dozens of", "hundreds", "a few", "several",
    "a family of four", "62-year-old", "0", "1", "2", "3", "15", "1,000", "99999999999999999999", "-5", "3.5",
    "two", "eleven", "million", "billion", "civilians", "soldiers", "children", "people", "troops", "drone",
    "operators", "tank crew", "missile workers", "shells", "explosive items", "neutralised",
    # places, actors and territory
    "in", "near", "on the outskirts of", "Kharkiv", "Kherson", "Izium", "Bakhmut", "Donetsk region", "Gaza",
    "Khartoum", "El Fasher", "Goma", "Aleppo", "Sahel", "Mali", "Kyiv", "Ukraine", "Russia", "Russian",
    "Ukrainian forces", "the enemy", "captured", "retook", "withdrew from", "liberated", "settlements",
    "square kilometres", "square miles",
    # time
    "on Saturday", "overnight", "yesterday", "last week", "next month", "since February 24, 2022", "in 2030",
    "on 31 December 9999", "1 January 0001", "the 1990s", "the 99th century", "10/09/2022", "2022-13-45",
    "two days later", "the next day", "earlier this year", "for weeks", "every day", "Q3", "BC",
    # punctuation and structure
    ".", ",", ":", ";", "—", "(", ")", '"', "'", "\n", "\n\n", "▪️", "-", "the governor said", "officials said",
    "according to", "claimed", "denied",
]
NEWS = st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join)
ODD_TOKENS = st.one_of(
    st.text(alphabet="0123456789,.", min_size=1, max_size=400),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=2000).map(lambda t: t.replace(" ", "")),
    st.sampled_from(["\x00", "\x1b[31m", "\u202e", "\ufeff", "\u200b", "\r", "\x0c", "\t", "\u2028", "\ufffd"]),
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Z", "Cc", "S"]), max_size=300),
    NEWS,
    st.lists(st.one_of(st.sampled_from(PIECES), ODD_TOKENS), max_size=30).map(" ".join),
)
PUBLISHED = st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31))


def valid(table: str, rows: list[dict]) -> None:
    """Every row passes the table's schema (raises pandera's SchemaErrors listing the failures)."""
    TABLES[table].validate(frame_from_rows(table, rows), lazy=True)


def in_order(low, best, high) -> bool:
    known = [value for value in (low, best, high) if value is not None]
    return known == sorted(known)


@SETTINGS
@given(text=TEXTS, published=PUBLISHED)
def test_time_expressions_index_the_text_and_ranges_are_in_order(text, published):
    found = extract_time_expressions(text, published)
    for expression in found:
        assert text[expression.char_start:expression.char_end] == expression.text
        if expression.date_start is not None and expression.date_end is not None:
            assert expression.date_start <= expression.date_end
    valid("time_expressions", [expression.as_row("a1") for expression in found])


@SETTINGS
@given(text=TEXTS)
def test_places_index_the_text_and_validate(text):
    mentions = extract_places(segment(text))
    for mention in mentions:
        assert text[mention.char_start:mention.char_end] == mention.location_text
        assert mention.char_start < mention.char_end
    assert [m.char_start for m in mentions] == sorted(m.char_start for m in mentions)
    valid("places", [mention.as_row("a1") for mention in mentions])


@SETTINGS
@given(text=TEXTS, published=PUBLISHED)
def test_analyse_text_never_raises_and_every_row_holds_its_invariants(text, published):
    analysis = analyse_text(text, published)
    for expression in analysis.time_expressions:
        assert text[expression.char_start:expression.char_end] == expression.text
    for mention in analysis.places:
        assert text[mention.char_start:mention.char_end] == mention.location_text
    rows = [incident.as_row("a1", extractor_version()) for incident in analysis.incidents]
    for incident in analysis.incidents:
        assert text[incident.char_start:incident.char_end] == incident.sentence
        assert incident.date_start <= incident.date_end
        assert in_order(incident.killed_low, incident.killed, incident.killed_high)
        assert in_order(incident.injured_low, incident.injured, incident.injured_high)
    ids = [row["incident_id"] for row in rows]
    assert len(ids) == len(set(ids))
    again = [incident.as_row("a1", extractor_version()) for incident in analyse_text(text, published).incidents]
    assert again == rows  # stable: the same text gives the same rows and ids
    valid("incidents", rows)
    valid("time_expressions", [expression.as_row("a1") for expression in analysis.time_expressions])
    valid("places", [mention.as_row("a1") for mention in analysis.places])


def test_the_schema_check_in_valid_is_not_vacuous():
    row = {"incident_id": "0" * 16, "article_id": "a1", "incident_type": "casualties",
           "date_start": date(2024, 1, 2), "date_end": date(2024, 1, 1), "date_precision": "day",
           "claim_status": "reported", "cumulative": False, "sentence": "x", "char_start": 0, "char_end": 1,
           "confidence": 0.5, "extractor_version": "v", "killed": 3, "killed_low": 5}
    try:
        valid("incidents", [row])
    except pa.errors.SchemaErrors as errors:
        assert {"dates_in_order", "killed_low_best_high"} <= set(errors.failure_cases["check"])
    else:
        raise AssertionError("a reversed date range and low > best passed the incidents schema")
