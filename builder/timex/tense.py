"""Tense: does the sentence around an expression look back or ahead? The cue nearest to the expression
decides ("said on Friday that forces will..." looks back at Friday); cues are in rules/tense.yaml."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

from builder.timex.resolve.context import PAST
from builder.timex.rules import TenseCues

_SENTENCE_END = re.compile(r"[.!?;]['\"”’)]*\s|\n")
_MAX_REACH = 300  # characters each way; a scraped "sentence" can be a whole page
_TOKENS = re.compile(r"(\w+(?:['’]t)?|['’]\w+)")  # one group: re.split keeps the tokens


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    label: str  # PAST or FUTURE
    by_ending: bool  # only its -ed ending says past: a listed word wins a tie
    reporting: bool  # a verb of saying: it dates the statement, so it counts only before the expression


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence holding text[start:end] (a paragraph break always ends one)."""
    left = max(0, start - _MAX_REACH)
    before = left
    for match in _SENTENCE_END.finditer(text, left, start):
        before = match.end()
    after = _SENTENCE_END.search(text, end, min(len(text), end + _MAX_REACH))
    return before, after.start() + 1 if after else min(len(text), end + _MAX_REACH)


class TenseReader:
    """The tense cues of one text, found once; `tense_at` asks about one expression."""

    def __init__(self, text: str, cues: TenseCues):
        self.text = text
        self.reporting_reach = cues.reporting_reach
        self.cues = list(_find_cues(text, cues))
        self.starts = [cue.start for cue in self.cues]

    def tense_at(self, start: int, end: int) -> str | None:
        """PAST, FUTURE or None when the sentence holds no cue; the nearest cue decides (a listed word
        before a verb known only by its ending, at equal distance)."""
        left, right = sentence_around(self.text, start, end)
        best: tuple[int, bool, str] | None = None
        for cue in self.cues[bisect_left(self.starts, left):bisect_left(self.starts, right)]:
            if cue.end > right or (cue.start < end and cue.end > start):
                continue  # beyond the sentence, or inside the expression itself ("last week")
            distance = start - cue.end if cue.end <= start else cue.start - end
            if cue.reporting and (cue.start >= end or distance > self.reporting_reach):
                continue  # a verb of saying dates only an expression right after it
            candidate = (distance, cue.by_ending, cue.label)
            best = candidate if best is None or candidate < best else best
        return best[2] if best else None


def _find_cues(text: str, cues: TenseCues):
    # Split, not iterated: the tokens and the gaps between them come as strings, whose lengths give the
    # offsets, so only the few tokens that may be cues are looked at one by one.
    pieces = _TOKENS.split(text)  # gap, token, gap, token, ..., gap
    words = [piece.lower().replace("’", "'") for piece in pieces[1::2]]
    ends = list(accumulate(map(len, pieces)))  # token i is piece 2i + 1: from ends[2i] to ends[2i + 1]
    phrases, suffix, shortest = cues.phrases, cues.past_suffix, len(cues.past_suffix) + 2
    for index, word in enumerate(words):
        if word not in phrases and not (word.endswith(suffix) and len(word) > shortest):
            continue
        start, end = ends[2 * index], ends[2 * index + 1]
        passive = index > 0 and words[index - 1] in cues.passive_after
        for rest, label in phrases.get(word, ()):
            if tuple(words[index + 1:index + 1 + len(rest)]) == rest and not (passive and label == PAST):
                yield Cue(start, ends[2 * (index + len(rest)) + 1], label, False, word in cues.reporting)
                break
        else:
            if not passive and word.endswith(suffix) and len(word) > shortest and word not in cues.not_past:
                yield Cue(start, end, PAST, True, word in cues.reporting)
