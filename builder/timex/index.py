"""The token index: in one pass over a text's tokens, where the anchors of each rule are (anchors.py) and
where the tokens that may begin its matches start (leads.py)."""

from __future__ import annotations

import re
from itertools import accumulate, chain, compress

import regex

from builder.timex.anchors import DIGIT, REACH, Anchors
from builder.timex.leads import Leads

# Tokens as rule patterns see words: runs of letters (no digit, no "_") and runs of digits, by the `regex`
# module's idea of a word character, which the whole-word wrapper of every rule pattern uses. A run of
# digits carries DIGIT; the stretches around it are those around each of its digits, merged.
_TOKEN = regex.compile(r"([^\W\d_]+|\d+)")  # one group: split keeps the tokens


class TokenIndex:
    """Which anchor sets and lead sets each token carries, worked out once per spelling (news repeats its
    words) and named by a signature number; 0 for a token that carries none, as most do."""

    _MAX_KNOWN = 200_000  # tokens remembered (a long batch meets many names and numbers)

    def __init__(self, anchor_sets, lead_sets):
        self.anchor_sets = tuple(dict.fromkeys(anchor_sets))  # rules share anchors ("{month}")
        self.lead_sets = tuple(dict.fromkeys(lead_sets))
        self.anchor_numbers = {anchors: number for number, anchors in enumerate(self.anchor_sets)}
        self.lead_numbers = {leads: number for number, leads in enumerate(self.lead_sets)}
        self._known: dict[str, int] = {}
        self._signature_numbers = {((), ()): 0}
        # Per anchor set and per lead set, the signatures that carry it.
        self.with_anchors: list[set[int]] = [set() for _ in self.anchor_sets]
        self.with_leads: list[set[int]] = [set() for _ in self.lead_sets]
        self._by_word: dict[str, set[int]] = {}
        by_part: dict[str, set[int]] = {}
        for number, anchors in enumerate(self.anchor_sets):
            for word in anchors.words:
                self._by_word.setdefault(word, set()).add(number)
            for part in anchors.parts:
                by_part.setdefault(part, set()).add(number)
        # The parts inside a token in one scan: at each position the longest part there, which carries
        # the sets of the parts it starts with (every part found at a position is a prefix of the longest).
        self._by_longest_part = {part: set().union(*(sets for other, sets in by_part.items() if part.startswith(other)))
                                 for part in by_part}
        longest_first = sorted(by_part, key=lambda part: (-len(part), part))
        self._parts = re.compile("(?=(" + "|".join(map(re.escape, longest_first)) + "))") if by_part else None
        self._lead_by_word: dict[str, set[int]] = {}
        self._lead_by_prefix: dict[str, set[int]] = {}
        for number, leads in enumerate(self.lead_sets):
            for word in leads.words:
                self._lead_by_word.setdefault(word, set()).add(number)
            for prefix in leads.prefixes:
                self._lead_by_prefix.setdefault(prefix, set()).add(number)
        self._longest_prefix = max(map(len, self._lead_by_prefix), default=0)

    def _signature_of(self, token: str) -> int:
        if len(self._known) >= self._MAX_KNOWN:
            self._known.clear()
        key = DIGIT if token.isdigit() else token.casefold()
        anchors = set(self._by_word.get(key, ()))
        if self._parts is not None:
            for part in self._parts.findall(key):
                anchors |= self._by_longest_part[part]
        leads = set(self._lead_by_word.get(key, ()))
        for length in range(1, min(len(key), self._longest_prefix) + 1):
            leads |= self._lead_by_prefix.get(key[:length], set())
        signature = tuple(sorted(anchors)), tuple(sorted(leads))
        number = self._signature_numbers.get(signature)
        if number is None:
            number = self._signature_numbers[signature] = len(self._signature_numbers)
            for anchor_number in anchors:
                self.with_anchors[anchor_number].add(number)
            for lead_number in leads:
                self.with_leads[lead_number].add(number)
        self._known[token] = number
        return number

    def scan(self, text: str) -> Scan:
        # Split, not iterated: tokens and the gaps between them come as strings, whose lengths give the
        # offsets, so only the tokens that carry a set are looked at one by one.
        pieces = _TOKEN.split(text)  # gap, token, gap, token, ..., gap
        tokens = pieces[1::2]
        known = self._known
        signatures = [known.get(token) for token in tokens]
        if None in signatures:
            signatures = [self._signature_of(token) if signature is None else signature
                          for token, signature in zip(tokens, signatures)]
        ends = list(accumulate(map(len, pieces)))  # token i is piece 2i + 1: from ends[2i] to ends[2i + 1]
        spans_of: dict[int, list[tuple[int, int]]] = {}  # signature -> spans of its tokens, in text order
        for index in compress(range(len(tokens)), signatures):
            spans = spans_of.get(signatures[index])
            if spans is None:
                spans = spans_of[signatures[index]] = []
            spans.append((ends[2 * index], ends[2 * index + 1]))
        return Scan(self, len(text), spans_of)


class Scan:
    """The anchors and leads of one text."""

    def __init__(self, index: TokenIndex, length: int, spans_of: dict[int, list[tuple[int, int]]]):
        self._index = index
        self._length = length
        self._spans_of = spans_of
        self._stretches: dict[Anchors, list[tuple[int, int]]] = {}
        self._starts: dict[Leads, list[int]] = {}

    def stretches(self, anchors: Anchors) -> list[tuple[int, int]]:
        """The merged stretches of text within REACH characters of one of the anchors, in text order."""
        found = self._stretches.get(anchors)
        if found is None:
            index = self._index
            spans = self._spans(index.with_anchors[index.anchor_numbers[anchors]])
            found = self._stretches[anchors] = _merged(spans, self._length)
        return found

    def starts(self, leads: Leads) -> list[int]:
        """Where the tokens that may begin a match start, in text order."""
        found = self._starts.get(leads)
        if found is None:
            index = self._index
            spans = self._spans(index.with_leads[index.lead_numbers[leads]])
            found = self._starts[leads] = [start for start, _ in spans]
        return found

    def _spans(self, signatures: set[int]) -> list[tuple[int, int]]:
        """The spans of the tokens of these signatures, in text order."""
        lists = [self._spans_of[signature] for signature in self._spans_of.keys() & signatures]
        return lists[0] if len(lists) == 1 else sorted(chain.from_iterable(lists))


def _merged(spans: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        low, high = max(0, start - REACH), min(length, end + REACH)
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], high)
        else:
            merged.append((low, high))
    return merged
