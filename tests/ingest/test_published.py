from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from hypothesis import given, strategies as st

from builder.ingest.published import PublishedDateError, check_plausible, date_in_file_name, parse_published


@pytest.mark.parametrize("value, expected", [
    ("2022-09-10", date(2022, 9, 10)),
    ("2022-09-10T23:30:00+03:00", date(2022, 9, 10)),  # the publisher's own calendar day
    ("2022-09-10T01:30:00-05:00", date(2022, 9, 10)),
    ("2022-09-10T08:00:00Z", date(2022, 9, 10)),
    ("2022-09-10 08:00", date(2022, 9, 10)),
    ("Sat, 10 Sep 2022 08:30:00 +0300", date(2022, 9, 10)),
    (date(2022, 9, 10), date(2022, 9, 10)),
    (datetime(2022, 9, 10, 23, 0, tzinfo=timezone.utc), date(2022, 9, 10)),
])
def test_accepted_forms(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["10/09/2022", "yesterday", "", "2022-02-30", 1662800000, None])
def test_ambiguous_or_broken_values_are_refused(value):
    with pytest.raises(PublishedDateError):
        parse_published(value)


@given(st.text(max_size=40))
def test_never_raises_anything_but_a_date_error(value):
    try:
        parse_published(value)
    except PublishedDateError:
        pass


def test_file_name_dates():
    assert date_in_file_name("kharkiv-2022-09-10.txt") == date(2022, 9, 10)
    assert date_in_file_name("report-2022-13-40-2023-01-05.md") == date(2023, 1, 5)
    assert date_in_file_name("report-12022-09-10.txt") is None
    assert date_in_file_name("notes.txt") is None


def test_plausibility():
    today = date(2024, 6, 1)
    assert check_plausible(date(2024, 6, 1), today) is None
    assert check_plausible(date(2024, 6, 2), today) == "future-publication-date"
    assert check_plausible(date(1899, 12, 31), today) == "implausible-publication-date"
