"""What a resolver reads (the meaning a rule found, the publication date, tense, the story so far)
and what it returns (a TIMEX3 type and value, a calendar range and its precision)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

Meaning = dict[str, Any]  # group name -> converted value, plus the rule's fixed meaning and its type

PAST, FUTURE = "past", "future"
FUTURE_IN_PAST = "future_in_past"  # "would", "was to": ahead of a past moment, which may be the story's
UNKNOWN = "unknown"
FINE_PRECISIONS = ("day", "night")  # a story date precise enough to count days from


@dataclass(frozen=True, slots=True)
class Narrative:
    """The last date the text established; "the next day" and "hours later" count from it."""

    date: date
    precision: str
    story_year: int | None = None  # the year the text itself last named (a history, a flashback)
    day: date | None = None  # the last day-precise date, for clock times ("at 10 p.m.")
    named: bool = False  # the text has named a date (before that the story's date is the publication date)


@dataclass(frozen=True, slots=True)
class Context:
    published: date
    tense: str | None  # PAST, FUTURE, FUTURE_IN_PAST or None when the sentence gives no cue
    narrative: Narrative
    day_first: bool | None = None  # how this document writes numeric dates, when it shows it
    history: bool = False  # the text names no day from its publication date: a history, not a report

    @property
    def looks_ahead(self) -> bool:
        return self.tense in (FUTURE, FUTURE_IN_PAST)

    @property
    def story_year(self) -> int | None:
        """The year a story is told in, when the text named one before the publication year and reads as
        a history; a sentence that looks ahead from publication ("will") has left that story, though
        "would" looks ahead inside it ("the offensive would follow on 12 September"); a named year that is
        the publication year or later (a plan, a deadline) says nothing the publication date does not."""
        year = self.narrative.story_year
        if year is None or year >= self.published.year or self.tense == FUTURE or not self.history:
            return None
        return year


@dataclass(frozen=True, slots=True)
class Resolution:
    type: str
    value: str
    start: date | None = None
    end: date | None = None
    precision: str = UNKNOWN
    anchor: date | None = None  # the date it was counted from; None when the text named it in full
    names_year: bool = False  # its year came from the text, not from the publication date
    unit: str | None = None  # a range's ("range" precision): the unit of its start, which the story's date keeps
    ends: tuple[Resolution, Resolution] | None = None  # a range's two ends, each resolved


def unresolved(meaning: Meaning, value: str, anchor: date | None = None, *, start: date | None = None,
               end: date | None = None) -> Resolution:
    """An expression we list but cannot place: precision unknown, dates only where one end is sure."""
    return Resolution(meaning["type"], value, start, end, UNKNOWN, anchor)
