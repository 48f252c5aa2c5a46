"""Resolvers for dates the text names by the calendar: a day of a month, a month, a year, a decade,
a century, a season, a quarter, numeric and ISO dates. Only a missing year is inferred (see infer_year)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

from builder.timex.resolve.calendar import duration_value, month_end, narrow, season_of, season_range
from builder.timex.resolve.context import PAST, Context, Meaning, Resolution, unresolved
from builder.timex.resolve.relative import day_with_part

_NUMERIC_PARTS = re.compile(r"[/.\-]")


def infer_year(month: int, day: int | None, ctx: Context) -> tuple[int, date, bool]:
    """(year, anchor, year named by the text) for a month or month-day written without a year.

    A story told in an earlier year the text named (a history, a flashback) keeps that year. Otherwise,
    as news writes: the most recent occurrence on or before publication, or the next one on or after it
    when the sentence looks ahead ("on September 8" published 2 January is last year's); a day in a
    sentence with no tense cue at all ("a June 3 hearing") is the nearer of the two.
    """
    if ctx.story_year is not None:
        return ctx.story_year, ctx.narrative.date, True
    pub = ctx.published
    before = pub.year if (month, day or 1) <= (pub.month, pub.day) else pub.year - 1
    after = pub.year if (month, day or 31) >= (pub.month, pub.day) else pub.year + 1
    if ctx.looks_ahead:
        return after, pub, False
    if ctx.tense is None and _distance(pub, after, month, day or 15) < _distance(pub, before, month, day or 15):
        return after, pub, False
    return before, pub, False


def _distance(pub: date, year: int, month: int, day: int) -> int:
    return abs((date(year, month, min(day, month_end(year, month).day)) - pub).days)


def resolve_date(meaning: Meaning, ctx: Context) -> Resolution:
    """A day of a month, with or without a year ("September 8", "10 September 2022")."""
    month, day, year = meaning["month"], meaning["day"], meaning.get("year")
    anchor, from_text = None, True
    if year is None and meaning.get("direction") is not None:  # "last Oct. 23": the one before publication
        year, anchor, from_text = _directed_year(month, day, meaning["direction"]["offset"], ctx.published), ctx.published, False
    elif year is None:
        year, anchor, from_text = infer_year(month, day, ctx)
        year = _year_matching_weekday(year, month, day, meaning.get("weekday")) if not from_text else year
    try:
        found = date(year, month, day)
    except ValueError:
        return unresolved(meaning, f"XXXX-{month:02d}-{day:02d}")
    return day_with_part(meaning, found, anchor, from_text)  # "the night of April 18, 1775" is a TIME


def _directed_year(month: int, day: int | None, offset: int, pub: date) -> int:
    """"last October", "last Oct. 23": the most recent one strictly before publication; "next": the
    first strictly after it; "this": the publication year's."""
    named, now = (month, day or 0), (pub.month, pub.day if day else 0)
    if offset < 0:
        return pub.year if named < now else pub.year - 1
    if offset > 0:
        return pub.year if named > now else pub.year + 1
    return pub.year


def _year_matching_weekday(year: int, month: int, day: int, weekday: int | None) -> int:
    """"Saturday, September 10": the nearby year in which that day is that weekday, if the inferred one is not."""
    if weekday is None:
        return year
    for candidate in (year, year - 1, year + 1):
        try:
            if date(candidate, month, day).isoweekday() == weekday:
                return candidate
        except ValueError:
            continue
    return year


def resolve_holiday(meaning: Meaning, ctx: Context) -> Resolution:
    """A named day ("Christmas Eve", "Thanksgiving"), placed like a month-day without a year; "last"
    and "next" take the one before or after publication."""
    spec, year, direction = meaning["holiday"], meaning.get("year"), meaning.get("direction")
    pub = ctx.published
    anchor, from_text = None, True
    if year is None:
        anchor, from_text = pub, False
        this_year = _holiday_in(spec, pub.year)
        if direction is not None and direction["offset"] != 0:
            past = direction["offset"] < 0
            year = pub.year if (this_year < pub if past else this_year > pub) else pub.year + (-1 if past else 1)
        elif direction is None:
            year, anchor, from_text = infer_year(spec["month"], this_year.day, ctx)
        else:
            year = pub.year
    day = _holiday_in(spec, year)
    return Resolution(meaning["type"], day.isoformat(), day, day, "day", anchor, from_text)


def _holiday_in(spec: dict, year: int) -> date:
    if "day" in spec:
        return date(year, spec["month"], spec["day"])
    first = date(year, spec["month"], 1)
    return first + timedelta(days=(spec["weekday"] - first.isoweekday()) % 7 + 7 * (spec["nth"] - 1))


def resolve_month(meaning: Meaning, ctx: Context) -> Resolution:
    """A month ("in February", "last March", "late November", "September 2022")."""
    month, year, direction = meaning["month"], meaning.get("year"), meaning.get("direction")
    pub = ctx.published
    anchor, from_text = None, True
    if year is None and "year_direction" in meaning:  # "June last year"
        year, anchor, from_text = pub.year + meaning["year_direction"]["offset"], pub, False
    if year is None and direction is not None:  # "last June"
        year, anchor, from_text = _directed_year(month, None, direction["offset"], pub), pub, False
    elif year is None:
        year, anchor, from_text = infer_year(month, None, ctx)
    start, end = narrow(date(year, month, 1), month_end(year, month), meaning.get("mod"), pub)
    return Resolution(meaning["type"], f"{year:04d}-{month:02d}", start, end, "month", anchor, from_text)


def resolve_year(meaning: Meaning, ctx: Context) -> Resolution:
    """A year ("in 2014", "early 2009", "238 BC"). Dates before year 1 have no calendar range here."""
    year = meaning.get("year") or meaning.get("year_words") or _full_year(meaning["year_short"], ctx.published)
    if meaning.get("bc"):
        return Resolution(meaning["type"], f"BC{year:04d}", None, None, "year", None, True)
    start, end = narrow(date(year, 1, 1), date(year, 12, 31), meaning.get("mod"), ctx.published)
    return Resolution(meaning["type"], f"{year:04d}", start, end, "year", None, True)


def _full_year(two_digits: int, published: date) -> int:
    """"'82": the most recent year ending so, up to publication."""
    year = published.year // 100 * 100 + two_digits
    return year if year <= published.year else year - 100


def resolve_decade(meaning: Meaning, ctx: Context) -> Resolution:
    """"the 1990s" (199) or "the nineties", "the '80s" (the most recent such decade)."""
    decade = meaning.get("decade")
    from_text = decade is not None
    if decade is None:
        decade = ctx.published.year // 100 * 10 + meaning.get("decade_word", meaning.get("decade_digit"))
        if decade * 10 > ctx.published.year:
            decade -= 10
    start, end = narrow(date(decade * 10, 1, 1), date(decade * 10 + 9, 12, 31), meaning.get("mod"))
    return Resolution(meaning["type"], f"{decade:03d}", start, end, "decade", None if from_text else ctx.published,
                      from_text)


def resolve_century(meaning: Meaning, ctx: Context) -> Resolution:
    """"the 20th century": TIMEX3 writes the hundreds, 19 (1900-1999)."""
    hundreds = meaning["century"] - 1
    if hundreds < 1:
        return Resolution(meaning["type"], f"{hundreds:02d}", None, None, "century", None, True)
    start, end = narrow(date(hundreds * 100, 1, 1), date(hundreds * 100 + 99, 12, 31), meaning.get("mod"))
    return Resolution(meaning["type"], f"{hundreds:02d}", start, end, "century", None, True)


def resolve_season(meaning: Meaning, ctx: Context) -> Resolution:
    """"this summer", "last winter", "the spring of 1915", or a bare season placed by tense."""
    code, year, direction = meaning["season"], meaning.get("year"), meaning.get("direction")
    pub = ctx.published
    anchor, from_text = None, True
    if year is None:
        anchor, from_text = pub, False
        current_year, current_code = season_of(pub)
        this_year = current_year if code == current_code else (pub.year if pub.month > 2 or code != "WI" else pub.year - 1)
        this_start, this_end = season_range(this_year, code)
        if direction is not None and direction["offset"] != 0:
            year = this_year - 1 if direction["offset"] < 0 else (this_year + 1 if this_start <= pub else this_year)
        elif direction is not None:
            year = this_year
        elif ctx.story_year is not None:  # "during the summer" in a story told in 1943
            year, anchor, from_text = ctx.story_year, ctx.narrative.date, True
        elif ctx.looks_ahead:
            year = this_year if this_end >= pub else this_year + 1
        else:
            year = this_year if this_start <= pub else this_year - 1
    start, end = narrow(*season_range(year, code), meaning.get("mod"), pub)
    return Resolution(meaning["type"], f"{year:04d}-{code}", start, end, "season", anchor, from_text)


def resolve_quarter(meaning: Meaning, ctx: Context) -> Resolution:
    """"the third quarter (of 2009)", "Q3": a quarter of the named year, else of the publication year
    (the year before when a past-tense sentence names a quarter that has not begun yet)."""
    return _year_part(meaning, ctx, "Q", 3)


def resolve_half(meaning: Meaning, ctx: Context) -> Resolution:
    """"the first half of 2022" -> 2022-H1."""
    return _year_part(meaning, ctx, "H", 6)


def _year_part(meaning: Meaning, ctx: Context, letter: str, months: int) -> Resolution:
    count = 12 // months
    part = meaning["ordinal"] if meaning["ordinal"] > 0 else count
    if part > count:
        return unresolved(meaning, f"XXXX-{letter}X")
    year, direction = meaning.get("year"), meaning.get("direction")
    pub = ctx.published
    anchor, from_text = None, True
    if year is None:
        anchor, from_text = pub, False
        year = pub.year + (direction["offset"] if direction else 0)
        first_month = (part - 1) * months + 1
        if direction is None and ctx.tense == PAST and first_month > pub.month:
            year -= 1
    first_month = (part - 1) * months + 1
    start, end = date(year, first_month, 1), month_end(year, first_month + months - 1)
    precision = "quarter" if letter == "Q" else "half"
    return Resolution(meaning["type"], f"{year:04d}-{letter}{part}", start, end, precision, anchor, from_text)


def resolve_months_of_year(meaning: Meaning, ctx: Context) -> Resolution:
    """"the first six months of this year" (P6M, 1 January to 30 June, a half), "the first nine months"
    (of the publication year, or of the year before when a past-tense sentence names months not over
    yet), "the last three months of 2023" (October to December, a quarter); other counts are a range."""
    count, first = meaning["number"], meaning["ordinal"] > 0
    value = duration_value(count, "month") if isinstance(count, int) else "PXM"
    if not isinstance(count, int) or not 1 <= count <= 12:
        return unresolved(meaning, value)
    pub, year, anchor, from_text = ctx.published, meaning.get("year"), None, True
    if year is None:
        anchor, from_text = pub, False
        year = ctx.story_year or pub.year + ((meaning.get("year_direction") or {}).get("offset", 0))
        if "year_direction" not in meaning and ctx.tense == PAST and first and month_end(year, count) > pub:
            year -= 1
    start = date(year, 1 if first else 13 - count, 1)
    end = month_end(year, count if first else 12)
    precision = {1: "month", 3: "quarter", 6: "half", 12: "year"}.get(count, "range")
    return Resolution(meaning["type"], value, start, end, precision, anchor, from_text)


def resolve_iso(meaning: Meaning, ctx: Context) -> Resolution:
    """"2022-09-10" or "2022-09-10T14:30": ISO 8601 needs no interpretation."""
    text = meaning["iso"]
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return unresolved(meaning, "XXXX-XX-XX")
    day = moment.date()
    if "T" in text:
        return Resolution("TIME", f"{day.isoformat()}T{moment:%H:%M}", day, day, "day", None, True)
    return Resolution(meaning["type"], day.isoformat(), day, day, "day", None, True)


def numeric_order(texts: list[str]) -> bool | None:
    """Whether a document writes numeric dates day first: True/False when one of them shows it
    (a first number above 12 can only be a day), None when every one reads both ways."""
    for text in texts:
        first, second, *_ = (int(p) for p in _NUMERIC_PARTS.split(text))
        if 12 < first <= 31 and second <= 12:
            return True
        if 12 < second <= 31 and first <= 12:
            return False
    return None


def resolve_numeric(meaning: Meaning, ctx: Context) -> Resolution:
    """"10/09/2022", "7/8/07", "10.09.2022". dateparser reads each order the document allows; where the
    document does not show its order, the reading nearest before publication wins (a report dated
    2022-09-10 writing 10/09/2022 means 10 September)."""
    text = meaning["numeric"]
    orders = ("DMY",) if ctx.day_first else ("MDY",) if ctx.day_first is False else ("DMY", "MDY")
    readings = {found for order in orders if (found := _parse_numeric(text, order)) is not None}
    if not readings:
        return unresolved(meaning, "XXXX-XX-XX")
    pub = ctx.published
    found = min(readings, key=lambda d: (d > pub, abs((pub - d).days)))
    return Resolution(meaning["type"], found.isoformat(), found, found, "day", None, True)


@lru_cache(maxsize=4096)
def _parse_numeric(text: str, order: str) -> date | None:
    parsed = _numeric_parser(order).get_date_data(text)
    return parsed.date_obj.date() if parsed.date_obj is not None and parsed.period == "day" else None


@lru_cache(maxsize=2)
def _numeric_parser(order: str) -> DateDataParser:
    return DateDataParser(languages=["en"], settings={"DATE_ORDER": order, "STRICT_PARSING": True})
