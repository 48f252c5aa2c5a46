"""Publication dates: the anchor every relative time expression is resolved against.

Accepted: ISO dates (2022-09-10), ISO date-times with or without an offset (2022-09-10T08:30:00+03:00,
...Z) and RFC 2822 dates as RSS feeds write them (Sat, 10 Sep 2022 08:30:00 +0300). A date-time keeps
the calendar date the publisher printed (its own offset), because that is the day "today" meant for
the reporter. Anything else is refused rather than guessed: 03/04/2022 is a different day in London
and in New York.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

EARLIEST_PUBLISHED = date(1900, 1, 1)
_FILE_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


class PublishedDateError(ValueError):
    """The value is not a publication date we accept; the message says what was found."""


def parse_published(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PublishedDateError(f"expected an ISO date such as 2022-09-10, found {type(value).__name__} {value!r}")
    text = value.strip()
    for parse in (date.fromisoformat, datetime.fromisoformat, parsedate_to_datetime):
        try:
            parsed = parse(text)
        except (ValueError, TypeError, IndexError):
            continue
        return parsed.date() if isinstance(parsed, datetime) else parsed
    raise PublishedDateError(
        f"cannot read {text!r} as a date: use an ISO date (2022-09-10) or date-time (2022-09-10T08:30:00+03:00)"
    )


def date_in_file_name(name: str) -> date | None:
    """The ISO date a file name carries (kharkiv-2022-09-10.txt), if it is a real calendar date."""
    for match in _FILE_NAME_DATE.finditer(name):
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            continue
    return None


def check_plausible(published: date, today: date) -> str | None:
    """A reject slug when the date cannot be a publication date of a report we hold, else None."""
    if published > today:
        return "future-publication-date"
    if published < EARLIEST_PUBLISHED:
        return "implausible-publication-date"
    return None
