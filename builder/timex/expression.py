"""TimeExpression: one time expression found in a text, resolved to the calendar."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from operator import attrgetter
from datetime import date

TYPES = ("DATE", "TIME", "DURATION", "SET")  # TIMEX3 types
# The calendar unit an expression names; "night" runs from one evening into the next day; "range": a
# stretch from one named point to another that is no single unit ("between 1 and 20 February", "since
# 15 April 2023" up to publication); "unknown": not placed in the calendar (free durations, sets) or
# only one end known ("recently", "days later").
PRECISIONS = ("day", "night", "week", "weekend", "month", "season", "quarter", "half", "year", "decade",
              "century", "range", "unknown")


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """`text == article_text[char_start:char_end]`; `value` is the TIMEX3 value; `date_start`..`date_end`
    is the calendar range it covers (equal for a day, both None when it cannot be placed);
    `precision` is the unit it names (see schemas/time_expressions.py); `anchor` is the date it was
    counted from (publication or the story's last date), None when the text named it in full;
    `rule` is the id of the rule that found it (with "+since" when a signal widened it)."""

    char_start: int
    char_end: int
    text: str
    type: str
    value: str
    date_start: date | None
    date_end: date | None
    precision: str
    anchor: date | None
    rule: str

    def as_row(self, article_id: str) -> dict:
        """A row of the time_expressions table (field by field: dataclasses.asdict deep-copies every value,
        ten times slower for the same row)."""
        return {"article_id": article_id, **dict(zip(_FIELDS, _values(self)))}

    def as_json(self) -> dict:
        """JSON-ready, text first: dates as ISO strings."""
        fields = asdict(self)
        ordered = {"text": fields.pop("text"), **fields}
        return {key: value.isoformat() if isinstance(value, date) else value for key, value in ordered.items()}


_FIELDS = tuple(f.name for f in fields(TimeExpression))
_values = attrgetter(*_FIELDS)
