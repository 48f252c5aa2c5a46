"""Anchors: the words a rule's match must contain, so the finder runs a rule only near them.

Scanning every rule over every position of a text is most of the finder's cost; a rule about months
need only look around month names. A rule's anchors are the literal words of its pattern and the forms
of the word lists it uses, except the lists and words that accompany time words without being one
(numbers, hedges, modifiers, "the", "of"), plus "digit" when the pattern can match a digit. Anchors
over-approximate: a word that only occurs in an optional part merely widens where the rule runs. A rule
left with no anchor runs everywhere. tests/timex/test_find.py checks that gating never loses a match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from builder.timex.vocabulary import Vocabulary

DIGIT = "digit"
# Lists and words that are never the time word of an expression, only its company.
_COMPANION_LISTS = frozenset({"number_word", "ones_word", "tens_word", "vague_number", "approx", "modifier",
                              "direction", "ordinal", "ampm"})
_COMPANION_WORDS = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "from", "by", "for",
                              "with", "is", "it"})
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_SYNTAX = re.compile(r"\(\?P<\w+>|\(\?P=\w+\)|\(\?[a-zA-Z-]+:|\\[a-zA-Z]|\[[^\]]*\]")
_WORD = re.compile(r"[a-zA-Z]{2,}")
_TOKEN = re.compile(r"[^\W\d_]+|\d", re.UNICODE)
REACH = 80  # characters a match may extend beyond its anchors on either side


def anchor_words(pattern: str, vocabulary: Vocabulary, declared: list[str] | None = None) -> frozenset[str] | None:
    """The lower-case words (and DIGIT) one of which every match of `pattern` contains or has within
    REACH characters; None: no gate.

    A rule may declare its anchors (list names in braces, words, or "digit") when one required part of
    its pattern is much rarer than the rest: "ago" rather than every number and unit."""
    words: set[str] = set()
    if declared is not None:
        for item in declared:
            if item == DIGIT:
                words.add(DIGIT)
            else:
                _collect(item, vocabulary, words, set())
        return frozenset(words)
    _collect(pattern, vocabulary, words, set())
    if re.search(r"[0-9]|\\d", vocabulary.expand(pattern, vocabulary.path, None, None)):
        words.add(DIGIT)  # any digit in the pattern may be one a match needs
    return frozenset(words) or None


def _collect(pattern: str, vocabulary: Vocabulary, words: set[str], seen: set[str]) -> None:
    for name in _PLACEHOLDER.findall(pattern):
        if name in seen or name in _COMPANION_LISTS:
            continue
        seen.add(name)
        if name in vocabulary.macros:
            _collect(vocabulary.macros[name], vocabulary, words, seen)
        else:
            words.update(word.lower() for form in vocabulary.lists[name] for word in _WORD.findall(form))
    literal = _SYNTAX.sub(" ", _PLACEHOLDER.sub(" ", pattern))
    words.update(w.lower() for w in _WORD.findall(literal) if w.lower() not in _COMPANION_WORDS)


def unknown_anchor_lists(declared: list[str], vocabulary: Vocabulary) -> list[str]:
    return [name for item in declared for name in _PLACEHOLDER.findall(item)
            if name not in vocabulary.lists and name not in vocabulary.macros]


def token_positions(text: str) -> dict[str, list[int]]:
    """Where each lower-case word (and any digit, as DIGIT) starts in the text."""
    positions: dict[str, list[int]] = {}
    for token in _TOKEN.finditer(text):
        word = token.group()
        positions.setdefault(DIGIT if word.isdigit() else word.lower(), []).append(token.start())
    return positions


def windows(anchors: Iterable[str], positions: dict[str, list[int]], length: int) -> list[tuple[int, int]]:
    """Merged stretches of text within REACH characters of an anchor."""
    starts = sorted(p for word in anchors for p in positions.get(word, ()))
    merged: list[tuple[int, int]] = []
    for start in starts:
        low, high = max(0, start - REACH), min(length, start + REACH)
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged
