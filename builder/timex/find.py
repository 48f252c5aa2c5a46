"""Finding: every rule's pattern over the text (near its anchors, see anchors.py, tried only where its
leads start, see leads.py), minus the spans that are never time expressions, keeping the longest of
overlapping matches (an earlier rule family wins a tie). No expression runs across a line or paragraph break."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from builder.timex.anchors import REACH
from builder.timex.rules import Rule, RuleSet

LINE_BREAK = re.compile(r"[\n\r\v\f\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    rule: Rule
    groups: dict[str, str]  # the named groups that matched, as text


def find_matches(text: str, ruleset: RuleSet, *, gated: bool = True) -> list[Match]:
    """Non-overlapping matches sorted by start. `gated=False` searches every rule over the whole text (the
    reference the gated finder must agree with)."""
    scan = ruleset.token_index.scan(text) if gated else None
    everywhere = [(0, len(text))], None
    blocked = bytearray(len(text))
    for exclusion in ruleset.exclusions:
        for found in _found(exclusion.pattern, text, scan.where(exclusion) if scan else everywhere):
            start, end = _extent(found)
            blocked[start:end] = b"\x01" * (end - start)
    candidates = []
    for rule in ruleset.rules:
        for found in _found(rule.pattern, text, scan.where(rule) if scan else everywhere):
            start, end = _extent(found)
            if end > start and not any(blocked[start:end]):
                groups = {name: value for name, value in found.groupdict().items() if value is not None}
                candidates.append(Match(start, end, rule, groups))
    candidates.sort(key=lambda m: (m.start - m.end, m.rule.order, m.start))
    taken = bytearray(len(text))
    kept = []
    for match in candidates:
        if not any(taken[match.start:match.end]):
            taken[match.start:match.end] = b"\x01" * (match.end - match.start)
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def _found(pattern, text: str, where: tuple[list[tuple[int, int]], list[int] | None] | None):
    """The matches of a rule's pattern, none running across a line break, in the stretches of text where
    (Scan.where) says, and only where its leads start when it gives them."""
    if where is None:
        return
    stretches, starts = where
    for low, high in stretches:
        yield from _found_in(pattern, text, low, high, high == len(text), starts)


def _found_in(pattern, text: str, low: int, high: int, hard_end: bool, starts: list[int] | None):
    """Matches in text[low:high]. `hard_end`: high is where the text or a line ends, not where a window
    around anchors was cut."""
    found_all = pattern.finditer(text, low, high) if starts is None else _matches_at(pattern, text, low, high, starts)
    for found in found_all:
        if not hard_end and found.end() > high - REACH:
            # Near where the stretch cuts the text, the match may have seen too little of it (a
            # lookahead, "107 m" of "107 million"): what the pattern matches there in the whole text.
            found = pattern.match(text, found.start())
            if found is None:
                continue
        line_end = LINE_BREAK.search(text, found.start(), found.end())
        if line_end is not None:
            # A line or paragraph break ends any expression ("Summary for 19 July\n\n5 residents"): what the
            # pattern matches in the line where the match starts, then in the text after the break.
            yield from _found_in(pattern, text, found.start(), line_end.start(), True, starts)
            yield from _found_in(pattern, text, line_end.start(), max(high, found.end()), hard_end, starts)
            return
        yield found


def _matches_at(pattern, text: str, low: int, high: int, starts: list[int]):
    """What pattern.finditer(text, low, high) finds, trying the pattern at `starts` only: a search tries
    every position from where the last match ended and takes the first that matches."""
    searched_from = low
    for start in starts[bisect_left(starts, low):]:
        if start >= high:
            return
        if start >= searched_from:
            found = pattern.match(text, start, high)
            if found is not None:
                yield found
                searched_from = found.end()


def _extent(found) -> tuple[int, int]:
    """The `span` group when a rule marks one (context words like "since" stay outside), else the match;
    without surrounding spaces."""
    start, end = found.span("span") if "span" in found.re.groupindex and found.group("span") else found.span()
    text = found.string
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
