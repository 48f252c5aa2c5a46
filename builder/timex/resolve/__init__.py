"""Resolvers: one small function per kind of meaning, anchoring what a rule found to the calendar.

A rule names its kind; the resolver gets the meaning (named groups turned into values, plus the rule's
fixed meaning and TIMEX3 type) and a Context (publication date, tense, the story's last date) and
returns a Resolution: type, value, date range, precision and the anchor it counted from.
"""

from __future__ import annotations

from collections.abc import Callable

from builder.timex.expression import TYPES as TIMEX_TYPES
from builder.timex.resolve.absolute import (resolve_century, resolve_date, resolve_decade, resolve_half,
                                            resolve_holiday, resolve_iso, resolve_month, resolve_months_of_year,
                                            resolve_numeric, resolve_quarter, resolve_season, resolve_year)
from builder.timex.resolve.context import Context, Meaning, Narrative, Resolution
from builder.timex.resolve.relative import (resolve_calendar_unit, resolve_day_offset, resolve_offset,
                                            resolve_rolling, resolve_story_date, resolve_weekday)
from builder.timex.resolve.spans import (resolve_clock, resolve_duration, resolve_range, resolve_reference,
                                         resolve_set)

Resolver = Callable[[Meaning, Context], Resolution]

RESOLVERS: dict[str, Resolver] = {
    "date": resolve_date,
    "holiday": resolve_holiday,
    "month": resolve_month,
    "year": resolve_year,
    "decade": resolve_decade,
    "century": resolve_century,
    "season": resolve_season,
    "quarter": resolve_quarter,
    "half": resolve_half,
    "months_of_year": resolve_months_of_year,
    "iso": resolve_iso,
    "numeric": resolve_numeric,
    "weekday": resolve_weekday,
    "day_offset": resolve_day_offset,
    "calendar_unit": resolve_calendar_unit,
    "offset": resolve_offset,
    "rolling": resolve_rolling,
    "story_date": resolve_story_date,
    "duration": resolve_duration,
    "range": resolve_range,
    "set": resolve_set,
    "reference": resolve_reference,
    "clock": resolve_clock,
}

TYPES = frozenset(TIMEX_TYPES)
# Keys a rule may fix in its `meaning:` (the same names as the groups a pattern may capture).
MEANING_KEYS = frozenset({"days", "future_days", "part", "unit", "number", "direction", "mod", "ref",
                          "weekday", "month", "day", "year", "named"})

__all__ = ["MEANING_KEYS", "RESOLVERS", "TYPES", "Context", "Meaning", "Narrative", "Resolution"]
