"""Tense: does the sentence around an expression look back or ahead? The cue nearest to the expression
decides ("said on Friday that forces will..." looks back at Friday); cues are in rules/tense.yaml."""

from __future__ import annotations

import re

from builder.timex.resolve.context import FUTURE, PAST
from builder.timex.rules import TenseCues

_SENTENCE_END = re.compile(r"[.!?;]['\"”’)]*\s|\n")
_MAX_REACH = 300  # characters each way; a scraped "sentence" can be a whole page


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence holding text[start:end] (a paragraph break always ends one)."""
    left = max(0, start - _MAX_REACH)
    before = left
    for match in _SENTENCE_END.finditer(text, left, start):
        before = match.end()
    after = _SENTENCE_END.search(text, end, min(len(text), end + _MAX_REACH))
    return before, after.start() + 1 if after else min(len(text), end + _MAX_REACH)


def tense_at(text: str, start: int, end: int, cues: TenseCues) -> str | None:
    """PAST, FUTURE or None when the sentence holds no cue. A listed cue word beats a verb that only
    looks past by its ending: in "will be lifted overnight", "will" decides, not "lifted"."""
    left, right = sentence_around(text, start, end)
    best: dict[bool, tuple[int, str]] = {}
    for match in cues.pattern.finditer(text, left, right):
        if match.start() < end and match.end() > start:
            continue  # inside the expression itself ("last week")
        by_ending = match.lastgroup == "past_suffix"
        if by_ending and match.group().lower() in cues.not_past:
            continue
        distance = start - match.end() if match.end() <= start else match.start() - end
        label = FUTURE if match.lastgroup == "future" else PAST
        if by_ending not in best or distance < best[by_ending][0]:
            best[by_ending] = (distance, label)
    chosen = best.get(False) or best.get(True)
    return chosen[1] if chosen else None
