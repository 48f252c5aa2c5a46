"""Resolvers for dates counted from an anchor: the publication date for deictic words ("yesterday",
"last week", "three days ago") and the story's last date for narrative ones ("the next day",
"hours later", "the previous week"). Which anchor a word takes is in vocabulary.yaml (`direction`)."""

from __future__ import annotations

from datetime import date, timedelta

from builder.timex.resolve.calendar import ONE_DAY, duration_value, narrow, period_range, period_value, shift
from builder.timex.resolve.context import FUTURE, Context, Meaning, Resolution, unresolved
from builder.timex.vocabulary import VAGUE

# How coarse the story's last date may be for counting in a unit: days need a day, months a month.
_RANK = {"day": 0, "night": 0, "week": 1, "weekend": 1, "month": 2, "season": 3, "quarter": 3, "half": 3,
         "year": 4, "decade": 5, "century": 6}
_NEEDS = {"second": 0, "minute": 0, "hour": 0, "day": 0, "week": 0, "fortnight": 0, "weekend": 1, "month": 2,
          "quarter": 2, "half": 2, "year": 4, "decade": 4, "century": 4}
# The granularity of the value "N units ago" names: "a week ago" is a day, "a year ago" a year.
_VALUE_UNIT = {"second": "day", "minute": "day", "hour": "day", "day": "day", "week": "day", "fortnight": "day",
               "weekend": "weekend", "month": "month", "quarter": "quarter", "half": "half", "year": "year",
               "decade": "year", "century": "year"}
_PARTS_OF_YEAR = ("quarter", "half")  # reporting periods: "a year earlier" compares the same one
PRECISION_OF_UNIT = {"second": "day", "minute": "day", "hour": "day", "fortnight": "week"}


def anchor_for(meaning: Meaning, ctx: Context, unit: str) -> date | None:
    """The publication date, or the story's last date when the words point into the story ("story" words
    only in a history); None when that date is too coarse to count `unit`s from ("the next day" after
    "in February")."""
    direction = meaning.get("direction") or {}
    if direction.get("anchor") not in ("narrative", "story") or (direction["anchor"] == "story" and not ctx.history):
        return ctx.published
    story = ctx.narrative.story_year
    if ctx.tense == FUTURE and story is not None and story < ctx.published.year:
        return ctx.published  # a sentence that looks ahead has left a story told in an earlier year
    if _RANK.get(ctx.narrative.precision, 9) > _NEEDS.get(unit, 0):
        # "ended the day", "in the morning": the story's current day is the last day the text named
        return ctx.narrative.day if unit == "day" and direction.get("offset") == 0 else None
    return ctx.narrative.date


def _from_story(meaning: Meaning, ctx: Context) -> bool:
    anchor = (meaning.get("direction") or {}).get("anchor")
    return (anchor == "narrative" or (anchor == "story" and ctx.history)) and ctx.narrative.story_year is not None


def day_with_part(meaning: Meaning, day: date, anchor: date | None, from_text: bool = False) -> Resolution:
    """A day, or a part of it ("Friday night" is TIME 2022-09-09TNI and runs into Saturday)."""
    part = meaning.get("part")
    if part is None:
        return Resolution(meaning["type"], day.isoformat(), day, day, "day", anchor, from_text)
    if part == "NI":
        return Resolution("TIME", f"{day.isoformat()}TNI", day, day + ONE_DAY, "night", anchor, from_text)
    return Resolution("TIME", f"{day.isoformat()}T{part}", day, day, "day", anchor, from_text)


def resolve_weekday(meaning: Meaning, ctx: Context) -> Resolution:
    """A weekday: in a past-tense sentence the most recent one on or before publication ("on Saturday"
    in a Saturday report is that day), looking ahead the next one on or after it, with no tense cue the
    nearer of the two; "last"/"next" skip the anchor day itself and "the previous Friday" counts from
    the story's date."""
    anchor = anchor_for(meaning, ctx, "day")
    if anchor is None:
        return unresolved(meaning, f"XXXX-WXX-{meaning['weekday']}")
    back = (anchor.isoweekday() - meaning["weekday"]) % 7
    ahead = (meaning["weekday"] - anchor.isoweekday()) % 7
    offset = (meaning.get("direction") or {}).get("offset", 0)
    if offset < 0:
        day = anchor - timedelta(days=back or 7)
    elif offset > 0:
        day = anchor + timedelta(days=ahead or 7)
    elif ctx.looks_ahead or (ctx.tense is None and ahead < back):  # no cue: the nearer one
        day = anchor + timedelta(days=ahead)
    else:
        day = anchor - timedelta(days=back)
    return day_with_part(meaning, day, anchor, _from_story(meaning, ctx))


def resolve_day_offset(meaning: Meaning, ctx: Context) -> Resolution:
    """"today", "yesterday", "tonight", "this morning", "last night", "overnight": days from publication
    (`future_days` when the sentence looks ahead: "overnight" then means the coming night)."""
    days = meaning["future_days"] if ctx.looks_ahead and "future_days" in meaning else meaning["days"]
    return day_with_part(meaning, ctx.published + timedelta(days=days), ctx.published)


def resolve_calendar_unit(meaning: Meaning, ctx: Context) -> Resolution:
    """"last week" (the previous ISO week), "this month", "next year", "late last month", "earlier this
    year" (1 January to publication), "the weekend", "the following month"."""
    unit = meaning["unit"]
    anchor = anchor_for(meaning, ctx, unit)
    if anchor is None:
        return unresolved(meaning, "XXXX-XX-XX")
    direction = meaning.get("direction")
    if direction is None and unit == "weekend":
        offset = _weekend_offset(anchor, ctx)
    else:
        offset = direction["offset"] if direction else 0
    day = shift(anchor, unit, offset)
    start, end = narrow(*period_range(unit, day), meaning.get("mod"), anchor)
    return Resolution(meaning["type"], period_value(unit, day), start, end, unit, anchor, _from_story(meaning, ctx))


def _weekend_offset(anchor: date, ctx: Context) -> int:
    """"the weekend": the one under way at the weekend, else the last one or, looking ahead, the next."""
    if anchor.isoweekday() >= 6 or ctx.looks_ahead:
        return 0
    return -1


def resolve_offset(meaning: Meaning, ctx: Context) -> Resolution:
    """"three days ago", "a year earlier", "two days after that", "hours later", "the next day".
    An unstated count of days or more ("days later") has only its open side: after or before the anchor."""
    unit, number, direction = meaning["unit"], meaning.get("number", 1), meaning["direction"]
    anchor = anchor_for(meaning, ctx, unit)
    if anchor is None:
        return unresolved(meaning, "XXXX-XX-XX")
    sign = direction["offset"]
    if number == VAGUE:
        if unit in ("second", "minute", "hour"):  # "hours later": news means the same day
            return day_with_part(meaning, anchor, anchor, _from_story(meaning, ctx))
        after, before = (anchor + ONE_DAY, None) if sign > 0 else (None, anchor - ONE_DAY)
        # "a few years ago" is the vague past of publication; "days later" an unknown date after the story's
        deictic = direction.get("anchor") is None
        value = ("FUTURE_REF" if sign > 0 else "PAST_REF") if deictic else "XXXX-XX-XX"
        return unresolved(meaning, value, anchor, start=after, end=before)
    value_unit = _VALUE_UNIT[unit]
    if value_unit == "year" and ctx.narrative.precision in _PARTS_OF_YEAR:
        # "third-quarter profit rose from $4 million a year ago/earlier": the same reporting period then
        anchor, value_unit = ctx.narrative.date, ctx.narrative.precision
    day = shift(anchor, unit, sign * number)
    if value_unit == "day":
        return day_with_part(meaning, day, anchor, _from_story(meaning, ctx))
    start, end = period_range(value_unit, day)
    return Resolution(meaning["type"], period_value(value_unit, day), start, end, value_unit, anchor,
                      _from_story(meaning, ctx))


def resolve_rolling(meaning: Meaning, ctx: Context) -> Resolution:
    """A stretch counted back or ahead from the anchor: "the past two weeks" (P2W, publication minus two
    weeks to publication), "over the past 24 hours", "the previous week" (the seven days before the story's
    date), "the next few days" (its far end unknown)."""
    unit, number, direction = meaning["unit"], meaning.get("number", 1), meaning["direction"]
    value = duration_value(number, unit)
    anchor = anchor_for(meaning, ctx, unit)
    if anchor is None:
        return unresolved(meaning, value)
    narrative = direction.get("anchor") == "narrative"
    looks_back = direction["offset"] < 0
    if number == VAGUE:
        if looks_back:
            return unresolved(meaning, value, anchor, end=anchor - ONE_DAY if narrative else anchor)
        return unresolved(meaning, value, anchor, start=anchor + ONE_DAY if narrative else anchor)
    if looks_back:
        start, end = shift(anchor, unit, -number), anchor - ONE_DAY if narrative else anchor
    else:
        start, end = anchor + ONE_DAY if narrative else anchor, shift(anchor, unit, number)
    precision = PRECISION_OF_UNIT.get(unit, unit)
    return Resolution(meaning["type"], value, start, max(start, end), precision, anchor, _from_story(meaning, ctx))


_PERIODS = ("day", "week", "weekend", "month", "quarter", "half", "year")


def resolve_story_date(meaning: Meaning, ctx: Context) -> Resolution:
    """"since then", "until then": the date the story had reached, in its own unit ("the list began in 1950.
    Since then" is 1950); unresolved when the text has named no date yet."""
    narrative = ctx.narrative
    unit = "day" if narrative.precision == "night" else narrative.precision
    if not narrative.named or unit not in _PERIODS:
        return unresolved(meaning, "XXXX-XX-XX")
    start, end = period_range(unit, narrative.date)
    return Resolution(meaning["type"], period_value(unit, narrative.date), start, end, unit, narrative.date,
                      narrative.story_year is not None)
