"""Resolvers for what is not one calendar date: lengths ("for three days"), ranges ("from September 6
to 9"), repetitions ("daily"), the vague present, past and future ("now", "recently", "soon") and
clock times ("10:42", "6 p.m. Friday")."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from builder.timex.resolve.absolute import resolve_date, resolve_month, resolve_year
from builder.timex.resolve.calendar import duration_value
from builder.timex.resolve.context import Context, Meaning, Resolution, unresolved
from builder.timex.resolve.relative import resolve_weekday


def resolve_duration(meaning: Meaning, ctx: Context) -> Resolution:
    """A length not placed in the calendar ("for three days", "the almost seven-month war"): a value,
    no dates."""
    return unresolved(meaning, duration_value(meaning.get("number", 1), meaning["unit"]))


_REFERENCES = {"PRESENT": "PRESENT_REF", "PAST": "PAST_REF", "FUTURE": "FUTURE_REF"}


def resolve_reference(meaning: Meaning, ctx: Context) -> Resolution:
    """"now" is the publication day; "recently" ends there and "soon" starts there, their other end unknown."""
    ref, pub = meaning["ref"], ctx.published
    value = _REFERENCES[ref]
    if ref == "PRESENT":
        return Resolution(meaning["type"], value, pub, pub, "day", pub)
    return unresolved(meaning, value, pub, start=pub if ref == "FUTURE" else None, end=pub if ref == "PAST" else None)


def resolve_set(meaning: Meaning, ctx: Context) -> Resolution:
    """"daily" (P1D), "every two weeks" (P2W), "on Mondays" (XXXX-WXX-1), "every night" (XXXX-XX-XXTNI)."""
    if "set" in meaning:
        return unresolved(meaning, meaning["set"])
    weekday = meaning.get("weekday") or meaning.get("weekdays")
    part_code = meaning.get("part") or meaning.get("parts")
    part = f"T{part_code}" if part_code else ""
    if weekday is not None:
        return unresolved(meaning, f"XXXX-WXX-{weekday}{part}")
    if "unit" in meaning:
        return unresolved(meaning, duration_value(meaning.get("number", 1), meaning["unit"]))
    return unresolved(meaning, f"XXXX-XX-XX{part}")


def resolve_clock(meaning: Meaning, ctx: Context) -> Resolution:
    """A clock time on the day the text gives next to it ("6 p.m. Friday", "16:00 UTC today") or, as in a
    live blog, on the story's current day."""
    if "named" in meaning:
        hour, minute = (int(part) for part in meaning["named"].split(":"))
    else:
        hour, minute = meaning["hour"], meaning.get("minute") or 0
        if meaning.get("ampm") == "pm" and hour < 12:
            hour += 12
        elif meaning.get("ampm") == "am" and hour == 12:
            hour = 0
    clock = f"T{hour:02d}:{minute:02d}" + ("Z" if meaning.get("zone") == "Z" else "")
    named_year = ctx.story_year is not None
    if meaning.get("month") is not None:
        date_part = resolve_date({**meaning, "type": "DATE"}, ctx)
        day, anchor, named_year = date_part.start, date_part.anchor, date_part.names_year
    elif meaning.get("weekday") is not None:
        day = resolve_weekday({**meaning, "part": None}, ctx).start
        anchor = ctx.published
    elif meaning.get("days") is not None:
        anchor = ctx.published
        day = anchor + timedelta(days=meaning["days"])
    else:
        anchor = day = ctx.narrative.day
        if day is not None and ctx.narrative.precision == "night" and hour < 12:
            day += timedelta(days=1)  # "Overnight, ... At 03:40 a drone hit": the night's second day
    if day is None:
        return unresolved({**meaning, "type": "TIME"}, f"XXXX-XX-XX{clock}")
    return Resolution("TIME", f"{day.isoformat()}{clock}", day, day, "day", anchor, named_year)


def resolve_range(meaning: Meaning, ctx: Context) -> Resolution:
    """"from September 6 to 9", "6-9 September 2022", "between Monday and Wednesday", "from 2009 to 2011":
    one expression from the first day of its start to the last day of its end, valued as its length
    counted inclusively (P4D), precision "range" (or the unit a rule names: "the week of 12 to 18
    October" is a week). An end without month or year takes them from the start, and vice versa."""
    first = {key: meaning.get(key) for key in _ENDPOINT_KEYS}
    second = {key: meaning.get(f"{key}2") for key in _ENDPOINT_KEYS}
    if first["year"] and second["year"] is not None and second["year"] < 100:  # "1992-95"
        second["year"] += first["year"] // 100 * 100 + (100 if second["year"] < first["year"] % 100 else 0)
    for key in ("month", "year"):
        first[key] = first[key] if first[key] is not None else second[key]
        second[key] = second[key] if second[key] is not None else first[key]
    if ctx.looks_ahead and first["year"] is None and first["month"] is not None and ctx.story_year is None:
        start, end = _ahead(first, second, meaning, ctx)
    else:
        start, end = _endpoint(first, meaning, ctx), _endpoint(second, meaning, ctx)
    if start is None or end is None or start.start is None or end.end is None:
        return unresolved(meaning, "PXD")
    if end.end < start.start and meaning.get("year2") is None:
        end = _wrapped(end, second, meaning, ctx)
    elif end.end < start.start and meaning.get("year") is None and first["month"] is not None:
        # "from 28 December to 3 January 2024": the year written once is the end's; the start is the year before
        start = _endpoint({**first, "year": first["year"] - 1}, meaning, ctx)
    if end.end < start.start:
        return unresolved(meaning, "PXD")
    value = _length(start, end)
    return Resolution(meaning["type"], value, start.start, end.end, meaning.get("unit") or "range",
                      start.anchor or end.anchor, start.names_year or end.names_year, unit=start.precision,
                      ends=(start, end))


_ENDPOINT_KEYS = ("day", "month", "year", "weekday")


def _ahead(first: dict, second: dict, meaning: Meaning, ctx: Context) -> tuple[Resolution | None, Resolution | None]:
    """A range without a year in a sentence that looks ahead ends at the next such end on or after
    publication and starts before that end: "will run between 20 October and 10 November", said on 5
    November, is under way (this year's 20 October), not next year's."""
    end = _endpoint(second, meaning, ctx)
    if end is None or end.start is None:
        return None, end
    start = _endpoint({**first, "year": end.start.year}, meaning, ctx)
    if start is not None and start.start is not None and start.start > end.start:
        start = _endpoint({**first, "year": end.start.year - 1}, meaning, ctx)
    return (replace(start, anchor=end.anchor, names_year=False) if start is not None else None), end


def _wrapped(end: Resolution, second: dict, meaning: Meaning, ctx: Context) -> Resolution:
    """An end before its start crossed a boundary the text left unwritten: "December 30 to January 2"
    ends in the next year, "from Friday to Monday" in the next week."""
    if second["month"] is not None:
        return _endpoint({**second, "year": end.start.year + 1}, meaning, ctx)
    week = timedelta(weeks=1)
    day = end.start + week  # a weekday's value is its day, maybe with a part of the day ("T" on)
    return replace(end, value=day.isoformat() + end.value[len(day.isoformat()):], start=day, end=end.end + week)


def _endpoint(parts: dict, meaning: Meaning, ctx: Context) -> Resolution | None:
    point = {"type": "DATE", **{k: v for k, v in parts.items() if v is not None}}
    if "day" in point and "month" in point:
        return resolve_date(point, ctx)
    if "month" in point:
        return resolve_month(point, ctx)
    if "year" in point:
        return resolve_year(point, ctx)
    if "weekday" in point:
        return resolve_weekday({**point, "direction": meaning.get("direction")}, ctx)
    return None


def _length(start: Resolution, end: Resolution) -> str:
    first: date = start.start
    last: date = end.end
    if start.precision == "month":
        return duration_value((last.year - first.year) * 12 + last.month - first.month + 1, "month")
    if start.precision == "year":
        return duration_value(last.year - first.year + 1, "year")
    return duration_value((last - first).days + 1, "day")
