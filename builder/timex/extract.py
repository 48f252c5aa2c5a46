"""extract_time_expressions: find, then resolve in reading order, so each expression can count from
the date the story had reached ("the next day").

Reads  : a text and its publication date.
Returns: TimeExpression list, sorted by char_start, non-overlapping.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from builder.timex.expression import TimeExpression
from builder.timex.find import LINE_BREAK, Match, find_matches
from builder.timex.resolve import RESOLVERS, Context, Meaning, Narrative, Resolution
from builder.timex.resolve.absolute import numeric_order
from builder.timex.resolve.context import FINE_PRECISIONS, FUTURE_IN_PAST, PAST, unresolved
from builder.timex.rules import RuleSet, Signal, load_rules
from builder.timex.tense import TenseReader
from builder.timex.vocabulary import VAGUE

_TOO_COARSE = ("unknown", "decade", "century")  # "the 1990s" gives a story no year to continue in
_DAYS_FROM_PUBLICATION = ("weekday", "day_offset")
_ASIDE_YEARS = 40  # in a history, a year this far from its middle year is an aside
# A history names years: one that names one or two only reads as a history when they lie years back
# (a report from 1999 recalling "July 1997" is still a report; "In March 2014 ..." told in 2022 is a history).
_HISTORY_YEARS = 3
_FEW_YEARS_BACK = 4


def extract_time_expressions(text: str, published: date, *, rules: RuleSet | None = None,
                             range_ends: bool = False) -> list[TimeExpression]:
    """Every time expression in `text`, resolved against `published` and the story's own dates.
    `range_ends`: a range comes out as its two ends, each resolved ("from September 6 to 9" as
    "September 6" and "9"), the way TIMEX3 corpora annotate ranges.

    >>> [e.value for e in extract_time_expressions("Troops left on Saturday.", date(2022, 9, 10))]
    ['2022-09-10']
    """
    ruleset = rules or load_rules()
    matches = find_matches(text, ruleset)
    day_first = numeric_order([m.groups["numeric"] for m in matches if "numeric" in m.groups])
    narrative = Narrative(published, "day", day=published)
    story_years = _history_years(text, matches, published)
    history = story_years is not None
    tenses = TenseReader(text, ruleset.tense)
    found = []
    for match in matches:
        tense = tenses.tense_at(match.start, match.end)
        if tense is not None and tense == match.rule.unless_tense or (
                tense == FUTURE_IN_PAST and match.rule.unless_tense == PAST):
            continue  # "the Germans soon intervened": not the future of publication, only "shortly after"
        context = Context(published, tense, narrative, day_first, history)
        meaning = meaning_of(match, ruleset)
        try:
            resolution = RESOLVERS[match.rule.kind](meaning, context)
        except (ValueError, OverflowError):  # counted off the calendar: "seventy centuries ago"
            resolution = unresolved(meaning, "XXXX-XX-XX")
        rule_id = match.rule.id
        signal = _signal_before(text, match.start, ruleset.signals)
        if signal is not None and resolution.start is not None:
            resolution = _widen(resolution, signal, published)
            rule_id = f"{rule_id}+{signal.id}"
        elif _establishes(match, resolution) and not _aside(resolution, story_years):
            narrative = _advance(narrative, resolution, history)
        parts = _end_spans(text, match) if range_ends and resolution.ends is not None else None
        for (start, end), part in zip(parts, resolution.ends) if parts else [((match.start, match.end), resolution)]:
            found.append(TimeExpression(start, end, text[start:end], part.type, part.value, part.start, part.end,
                                        part.precision, part.anchor, rule_id))
    return found


def meaning_of(match: Match, ruleset: RuleSet) -> Meaning:
    vocabulary = ruleset.vocabulary
    meaning: Meaning = {"type": match.rule.type, **match.rule.meaning}
    for group, text in match.groups.items():
        meaning[group] = vocabulary.convert(group, text)
        if meaning[group] is None:
            raise RuntimeError(f"rule {match.rule.id} ({match.rule.source}): group {group} matched {text!r}, "
                               f"which its list in {vocabulary.path.name} does not know")
    if "units" in meaning:  # "for weeks", "days later": a plural with no count is an unstated number
        meaning["unit"] = meaning.pop("units")
        meaning.setdefault("number", VAGUE)
    return meaning


def _history_years(text: str, matches: list[Match], published: date) -> int | None:
    """The middle year of a history, None when the text is no history. A history: most years the text
    names lie well before publication (see _HISTORY_YEARS), and outside quotations it names days from its publication date
    ("yesterday", "on Friday") rarely if at all ("It is us today. It will be you tomorrow," said in 1936,
    is the speaker's today). There a date counted from publication does not end the story's year, and a
    month without a year continues the story's year."""
    years = sorted(-int(m.groups["year"]) if "bc" in m.groups else int(m.groups["year"])
                   for m in matches if m.groups.get("year", "").isdigit())
    days_from_publication = sum(match.rule.kind in _DAYS_FROM_PUBLICATION and not _quoted(text, match.start)
                                for match in matches)
    if not years:
        return None
    middle = years[len(years) // 2]
    looks_back = published.year - middle > (1 if len(years) >= _HISTORY_YEARS else _FEW_YEARS_BACK)
    if not looks_back or days_from_publication * 10 >= len(years):
        return None
    return middle


def _quoted(text: str, start: int) -> bool:
    """Is `start` inside a quotation opened earlier in its line or paragraph?"""
    line_start = 0
    for line_start_match in LINE_BREAK.finditer(text, max(0, start - 2000), start):
        line_start = line_start_match.end()
    before = text[line_start:start]
    return (before.count('"') % 2 == 1 or before.count("“") > before.count("”")
            or before.count("``") > before.count("''"))


def _aside(resolution: Resolution, story_years: int | None) -> bool:
    """In a history, a year far from the years it tells of is an aside ("documents found in 2004 proved
    ..." in a history of 1920), not where the story goes on."""
    return (story_years is not None and resolution.names_year and resolution.start is not None
            and abs(resolution.start.year - story_years) > _ASIDE_YEARS)


def _advance(narrative: Narrative, resolution: Resolution, history: bool) -> Narrative:
    """The story after an expression that dates it. A year the text named becomes the story's year; a date
    counted from publication ends that story in a report, not in a history."""
    if resolution.names_year:
        story_year = resolution.start.year
    else:
        story_year = narrative.story_year if history else None
    precision = resolution.unit or resolution.precision  # a range moves the story to its start
    day = resolution.start if precision in FINE_PRECISIONS else narrative.day
    return Narrative(resolution.start, precision, story_year, day, named=True)


def _establishes(match: Match, resolution: Resolution) -> bool:
    return (match.rule.establishes and resolution.start is not None
            and (resolution.unit or resolution.precision) not in _TOO_COARSE)


_END_GROUPS = ("day", "month", "year", "weekday")


def _end_spans(text: str, match: Match) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Where a range's two ends are written: its groups without and with the 2 ("September 6", "9")."""
    found = match.rule.pattern.fullmatch(text, match.start, match.end)
    if found is None:
        return None
    spans = []
    for suffix in ("", "2"):
        written = [found.span(name + suffix) for name in _END_GROUPS
                   if name + suffix in found.re.groupindex and found.group(name + suffix)]
        if not written:
            return None
        spans.append((min(start for start, _ in written), max(end for _, end in written)))
    return spans[0], spans[1]


def _signal_before(text: str, start: int, signals: tuple[Signal, ...]) -> Signal | None:
    """The first signal whose words end right before the expression, in its line."""
    for signal in signals:
        low = max(0, start - signal.reach)
        for line_break in LINE_BREAK.finditer(text, low, start):
            low = line_break.end()
        if signal.pattern.search(text, low, start):
            return signal
    return None


def _widen(resolution: Resolution, signal: Signal, published: date) -> Resolution:
    """"since February 24": from the named date up to publication, a range (its value stays the date's)."""
    if signal.effect == "open_until_published" and resolution.start <= published:
        return replace(resolution, end=published, precision="range", unit=resolution.unit or resolution.precision)
    return resolution
