"""Calendar arithmetic and TIMEX3 value strings for the periods news writes about.

A period is named by a unit (day, week, weekend, month, quarter, half, year, decade, century, or a
season code) and any date inside it. Seasons are meteorological, northern hemisphere: spring is
March-May, summer June-August, autumn September-November, and winter Y runs from December Y to the
end of February Y+1 (so "last winter" in September 2022 is 2021-WI).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
DAY_FRACTIONS = {"day": 1, "hour": 1 / 24, "minute": 1 / 1440, "second": 1 / 86400}


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (clamped to the month's end)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def shift(day: date, unit: str, amount: int | float) -> date:
    """`day` moved by `amount` units (hours and minutes count as parts of a day)."""
    if unit in DAY_FRACTIONS:
        return day + timedelta(days=round(amount * DAY_FRACTIONS[unit]))
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=amount)
    if unit == "fortnight":
        return day + timedelta(weeks=2 * amount)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[unit]
    return add_months(day, round(amount * months))


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def period_range(unit: str, day: date) -> tuple[date, date]:
    """First and last day of the period of kind `unit` that contains `day`."""
    if unit == "day":
        return day, day
    if unit == "week":
        start = week_start(day)
        return start, start + timedelta(days=6)
    if unit == "weekend":
        saturday = week_start(day) + timedelta(days=5)
        return saturday, saturday + ONE_DAY
    if unit in ("month", "quarter", "half"):
        size = {"month": 1, "quarter": 3, "half": 6}[unit]
        first = (day.month - 1) // size * size + 1
        return date(day.year, first, 1), month_end(day.year, first + size - 1)
    if unit == "year":
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if unit == "decade":
        start = day.year // 10 * 10
        return date(max(start, 1), 1, 1), date(start + 9, 12, 31)
    if unit == "century":
        start = day.year // 100 * 100
        return date(max(start, 1), 1, 1), date(start + 99, 12, 31)
    raise ValueError(f"not a calendar period: {unit}")


def period_value(unit: str, day: date) -> str:
    """The TIMEX3 value of the period of kind `unit` that contains `day`."""
    if unit == "day":
        return day.isoformat()
    if unit in ("week", "weekend"):
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{day.year:04d}-H{(day.month - 1) // 6 + 1}"
    if unit == "year":
        return f"{day.year:04d}"
    if unit == "decade":
        return f"{day.year // 10:03d}"
    if unit == "century":
        return f"{day.year // 100:02d}"
    raise ValueError(f"not a calendar period: {unit}")


def season_range(year: int, code: str) -> tuple[date, date]:
    first = SEASON_MONTHS[code]
    start = date(year, first, 1)
    return start, add_months(start, 3) - ONE_DAY


def season_of(day: date) -> tuple[int, str]:
    """The season (year, code) that contains `day`; January and February belong to the previous winter."""
    if day.month <= 2:
        return day.year - 1, "WI"
    for code, first in SEASON_MONTHS.items():
        if first <= day.month < first + 3:
            return day.year, code
    raise AssertionError(day)


def narrow(start: date, end: date, mod: str | None, anchor: date | None = None) -> tuple[date, date]:
    """The part of [start, end] a modifier names. START, MID and END split the period into thirds of its
    natural parts (days of a week, months of a year, years of a decade: "late 1970s" is 1976-1979, "early
    this year" January-April); a month splits as news dates it, at the 10th and 20th ("early June" 1-10,
    "mid-September" 11-20, "late last month" the 21st on). EARLIER and LATER run from the period's
    start up to the anchor, or from the anchor to its end, when the anchor lies inside ("earlier this
    month" includes the publication day, as an event earlier that day is), else they are like START and END."""
    if mod not in ("START", "MID", "END", "EARLIER", "LATER"):
        return start, end
    if mod == "EARLIER" and anchor is not None and start < anchor <= end:
        return start, anchor
    if mod == "LATER" and anchor is not None and start <= anchor < end:
        return anchor, end
    if start.day == 1 and end == month_end(start.year, start.month):
        first, last = (start, start + timedelta(days=9)) if mod in ("START", "EARLIER") else (
            (start + timedelta(days=20), end) if mod in ("END", "LATER") else (start + timedelta(days=10), start + timedelta(days=19)))
        return first, last
    step, parts = _parts(start, end)
    third = -(-parts // 3)
    if mod in ("START", "EARLIER"):
        return start, step(start, third) - ONE_DAY
    if mod in ("END", "LATER"):
        return step(start, parts - third), end
    return step(start, third), step(start, parts - third) - ONE_DAY


def _parts(start: date, end: date):
    """How a period divides (a step function and a count): days up to a month, months up to a year,
    years up to a decade, decades beyond."""
    days = (end - start).days + 1
    if days <= 31:
        return (lambda day, n: day + timedelta(days=n)), days
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if months <= 12:
        return add_months, months
    if months <= 120:
        return (lambda day, n: add_months(day, 12 * n)), months // 12
    return (lambda day, n: add_months(day, 120 * n)), months // 120


# unit -> (time part?, TIMEX3 letter, how many of the letter one unit is)
_DURATION_CODES = {"second": ("T", "S", 1), "minute": ("T", "M", 1), "hour": ("T", "H", 1), "day": ("", "D", 1),
                   "week": ("", "W", 1), "weekend": ("", "D", 2), "fortnight": ("", "W", 2), "month": ("", "M", 1), "quarter": ("", "Q", 1),
                   "half": ("", "M", 6), "year": ("", "Y", 1), "decade": ("", "Y", 10), "century": ("", "Y", 100)}
# An unstated number of decades or centuries keeps its unit: TIMEX3 writes DE and CE.
_VAGUE_LETTERS = {"decade": "DE", "century": "CE"}


def duration_value(number: int | float | str, unit: str) -> str:
    """The TIMEX3 value of a length: (3, day) -> P3D, (24, hour) -> PT24H, (2, decade) -> P20Y, (X, week) -> PXW."""
    time_part, letter, size = _DURATION_CODES[unit]
    if number == "X":
        return f"P{time_part}X{_VAGUE_LETTERS.get(unit, letter)}"
    amount = number * size
    text = str(int(amount)) if float(amount).is_integer() else f"{amount:g}"
    return f"P{time_part}{text}{letter}"
