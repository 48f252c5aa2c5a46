"""Finding: every rule's pattern over the text (near its anchors, see anchors.py), minus the spans that
are never time expressions, keeping the longest of overlapping matches (an earlier rule family wins a tie).
No expression runs across a line or paragraph break."""

from __future__ import annotations

import re
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
    """Non-overlapping matches sorted by start. `gated=False` runs every rule over the whole text (the
    reference the gated finder must agree with)."""
    near_anchors = ruleset.anchor_index.windows(text) if gated else {}
    whole = [(0, len(text))]
    blocked = bytearray(len(text))
    for exclusion in ruleset.exclusions:
        stretches = near_anchors[exclusion.anchors] if gated and exclusion.anchors else whole
        for found in _found(exclusion.pattern, text, stretches):
            start, end = _extent(found)
            blocked[start:end] = b"\x01" * (end - start)
    candidates = []
    for rule in ruleset.rules:
        stretches = near_anchors[rule.anchors] if gated and rule.anchors else whole
        for found in _found(rule.pattern, text, stretches):
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


def _found(pattern, text: str, stretches: list[tuple[int, int]]):
    """The matches of `pattern` in the stretches of text, none running across a line break."""
    for low, high in stretches:
        yield from _found_in(pattern, text, low, high, high == len(text))


def _found_in(pattern, text: str, low: int, high: int, hard_end: bool):
    """Matches in text[low:high]. `hard_end`: high is where the text or a line ends, not where a window
    around anchors was cut."""
    for found in pattern.finditer(text, low, high):
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
            yield from _found_in(pattern, text, found.start(), line_end.start(), True)
            yield from _found_in(pattern, text, line_end.start(), max(high, found.end()), hard_end)
            return
        yield found


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
