"""Calendar arithmetic and TIMEX3 values (builder/timex/resolve/calendar.py)."""

from __future__ import annotations

from datetime import date

import pytest

from builder.timex.resolve.calendar import (add_months, duration_value, narrow, period_range, period_value,
                                            season_of, season_range)

SAT = date(2022, 9, 10)


@pytest.mark.parametrize(("unit", "value", "start", "end"), [
    ("day", "2022-09-10", SAT, SAT),
    ("week", "2022-W36", date(2022, 9, 5), date(2022, 9, 11)),
    ("weekend", "2022-W36-WE", date(2022, 9, 10), date(2022, 9, 11)),
    ("month", "2022-09", date(2022, 9, 1), date(2022, 9, 30)),
    ("quarter", "2022-Q3", date(2022, 7, 1), date(2022, 9, 30)),
    ("half", "2022-H2", date(2022, 7, 1), date(2022, 12, 31)),
    ("year", "2022", date(2022, 1, 1), date(2022, 12, 31)),
    ("decade", "202", date(2020, 1, 1), date(2029, 12, 31)),
    ("century", "20", date(2000, 1, 1), date(2099, 12, 31)),
])
def test_periods(unit, value, start, end):
    assert period_value(unit, SAT) == value
    assert period_range(unit, SAT) == (start, end)


def test_iso_weeks_cross_the_year():
    assert period_value("week", date(2021, 1, 1)) == "2020-W53"


@pytest.mark.parametrize(("mod", "start", "end"), [
    ("START", date(2022, 8, 1), date(2022, 8, 10)),
    ("MID", date(2022, 8, 11), date(2022, 8, 20)),
    ("END", date(2022, 8, 21), date(2022, 8, 31)),
    (None, date(2022, 8, 1), date(2022, 8, 31)),
])
def test_thirds_of_a_month(mod, start, end):
    assert narrow(date(2022, 8, 1), date(2022, 8, 31), mod) == (start, end)


def test_a_month_splits_at_the_10th_and_20th_whatever_its_length():
    assert narrow(date(2023, 2, 1), date(2023, 2, 28), "MID") == (date(2023, 2, 11), date(2023, 2, 20))
    assert narrow(date(2023, 2, 1), date(2023, 2, 28), "END") == (date(2023, 2, 21), date(2023, 2, 28))


def test_earlier_and_later_split_at_the_anchor():
    year = (date(2022, 1, 1), date(2022, 12, 31))
    assert narrow(*year, "EARLIER", SAT) == (date(2022, 1, 1), SAT)  # an event earlier that day counts
    assert narrow(*year, "LATER", SAT) == (SAT, date(2022, 12, 31))
    assert narrow(*year, "EARLIER", date(2023, 3, 1)) == (date(2022, 1, 1), date(2022, 4, 30))


def test_thirds_of_a_year_and_a_decade_follow_months_and_years():
    assert narrow(date(2022, 1, 1), date(2022, 12, 31), "START") == (date(2022, 1, 1), date(2022, 4, 30))
    assert narrow(date(1970, 1, 1), date(1979, 12, 31), "END") == (date(1976, 1, 1), date(1979, 12, 31))


@pytest.mark.parametrize(("number", "unit", "value"), [
    (3, "day", "P3D"), (24, "hour", "PT24H"), (7, "month", "P7M"), (2, "decade", "P20Y"),
    ("X", "week", "PXW"), ("X", "decade", "PXDE"), (0.5, "hour", "PT0.5H"), (1, "fortnight", "P2W"),
])
def test_duration_values(number, unit, value):
    assert duration_value(number, unit) == value


def test_seasons_and_month_arithmetic():
    assert season_range(2021, "WI") == (date(2021, 12, 1), date(2022, 2, 28))
    assert season_of(date(2022, 1, 15)) == (2021, "WI")
    assert season_of(SAT) == (2022, "FA")
    assert add_months(date(2022, 1, 31), 1) == date(2022, 2, 28)
