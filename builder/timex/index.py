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

    def __init__(self, finders):
        """finders: the rules and exclusions, with their anchors and leads (None: none)."""
        anchor_numbers: dict[Anchors, int] = {}  # rules share anchors ("{month}") and leads
        lead_numbers: dict[Leads, int] = {}
        self._numbers: dict[int, tuple[int | None, int | None]] = {}  # id of a finder -> its set numbers
        for finder in finders:
            self._numbers[id(finder)] = (
                None if finder.anchors is None else anchor_numbers.setdefault(finder.anchors, len(anchor_numbers)),
                None if finder.leads is None else lead_numbers.setdefault(finder.leads, len(lead_numbers)))
        self.anchor_sets, self.lead_sets = tuple(anchor_numbers), tuple(lead_numbers)
        self._known: dict[str, int] = {}
        self._signature_numbers = {((), ()): 0}
        self._signature_anchors: list[tuple[int, ...]] = [()]  # per signature, the anchor sets it carries
        # Per anchor set and per lead set, the signatures that carry it.
        self._with_anchors: list[set[int]] = [set() for _ in self.anchor_sets]
        self._with_leads: list[set[int]] = [set() for _ in self.lead_sets]
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
            self._signature_anchors.append(signature[0])
            for anchor_number in anchors:
                self._with_anchors[anchor_number].add(number)
            for lead_number in leads:
                self._with_leads[lead_number].add(number)
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
        self._present = set(chain.from_iterable(index._signature_anchors[signature] for signature in spans_of))
        self._stretches: dict[int, list[tuple[int, int]]] = {}
        self._starts: dict[int, list[int]] = {}

    def where(self, finder) -> tuple[list[tuple[int, int]], list[int] | None] | None:
        """Where to look for a rule's matches: (stretches, starts), None when the text holds none of its
        anchors."""
        stretches = self.stretches(finder)
        return None if stretches is None else (stretches, self.starts(finder))

    def stretches(self, finder) -> list[tuple[int, int]] | None:
        """The merged stretches of text within REACH characters of a rule's anchors (the whole text for a
        rule without any); None when the text holds none."""
        anchors = self._index._numbers[id(finder)][0]
        if anchors is None:
            return [(0, self._length)]
        if anchors not in self._present:
            return None
        found = self._stretches.get(anchors)
        if found is None:
            found = self._stretches[anchors] = _merged(self._spans(self._index._with_anchors[anchors]), self._length)
        return found

    def starts(self, finder) -> list[int] | None:
        """Where the tokens that may begin a rule's match start, in text order; None: anywhere."""
        leads = self._index._numbers[id(finder)][1]
        if leads is None:
            return None
        found = self._starts.get(leads)
        if found is None:
            found = self._starts[leads] = [start for start, _ in self._spans(self._index._with_leads[leads])]
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
