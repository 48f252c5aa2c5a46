"""Anchors: words one of which every match of a rule contains, so the finder runs a rule only near them.

Running every rule's regular expression at every position of a text is most of the finder's cost; a
rule about months need only look around month names. A rule's anchors are read off its pattern: a
match contains every part of the pattern that is not optional, so the words of any one such part will
do, and of the parts the pattern requires the one with the rarest words is taken ("ago" rather than
"{number} {unit}" for "three days ago"; the month rather than the day's digits for "September 6"). An
alternation takes the anchors of each of its branches. Words come in two kinds:

- words: the forms of a word list. A list form only matches as whole words (vocabulary.word_pattern),
  so each of its words is a whole token of the text ("digit" stands for any digit).
- parts: letters written in the pattern itself ("ago", "centur" of "centur(?:y|ies)"). Their ends
  are not known to be word ends, so a part counts wherever a token contains it.

A rule whose required parts have no words (a bare number) gets no anchors and runs everywhere. A rule
may also declare its anchors (words, {list} names, "digit"): whole words one of which every match
contains or has within REACH characters; they are taken when rarer than the ones read. A match may
reach REACH characters beyond its anchor on either side. tests/timex/test_find.py checks that gating
never loses a match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.timex.syntax import GROUP_OPENING, LOOKAROUND, read_quantifier
from builder.timex.vocabulary import Vocabulary

DIGIT = "digit"  # the word standing for any digit token
REACH = 80  # characters a match may extend beyond its anchor on either side
# How often a word is expected in news text, roughly: the anchors with the smallest total cost are taken.
_COMMON_WORDS = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "from", "by", "for",
                           "with", "is", "it", "that", "this", "as", "was", "s"})
_DIGIT_COST = 50  # digits are everywhere in news: counts, ages, dates
_COMMON_COST = 20
_LETTERS = re.compile(r"[^\W\d_]+")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@dataclass(frozen=True, slots=True)
class Anchors:
    """Every match of a rule contains one of `words` as a whole token or one of `parts` inside a token
    (all case-folded)."""

    words: frozenset[str] = frozenset()
    parts: frozenset[str] = frozenset()

    def cost(self) -> int:
        return sum(_word_cost(word) for word in self.words) + sum(_part_cost(part) for part in self.parts)

    def __or__(self, other: Anchors) -> Anchors:
        return Anchors(self.words | other.words, self.parts | other.parts)

    def met_by(self, token: str) -> bool:
        """Does a (case-folded) token of the text, or DIGIT for a digit, carry one of the anchors?"""
        return token in self.words or any(part in token for part in self.parts)


def _word_cost(word: str) -> int:
    if word == DIGIT:
        return _DIGIT_COST
    return _COMMON_COST if word in _COMMON_WORDS or len(word) == 1 else 1


def _part_cost(part: str) -> int:
    # a part counts inside longer tokens too: the shorter it is, the more tokens contain it ("day": "today")
    return {1: 5 * _COMMON_COST, 2: _COMMON_COST, 3: 4, 4: 3}.get(len(part), 2) + (
        _COMMON_COST if part in _COMMON_WORDS else 0)


class _Unsupported(Exception):
    """Syntax the reader does not follow: the rule gets no anchors (runs everywhere), never wrong ones."""


def anchor_words(pattern: str, vocabulary: Vocabulary, declared: list[str] | None = None) -> Anchors | None:
    """The anchors every match of `pattern` (a rule pattern, with {lists} and {macros}) contains, or the
    ones a rule declares when they are rarer; None: no gate, the rule runs everywhere."""
    try:
        read = _Reader(pattern, vocabulary).alternation()
    except _Unsupported:
        read = None
    if declared is None:
        return read
    words: set[str] = set()
    for item in declared:
        if item == DIGIT:
            words.add(DIGIT)
        else:
            _declared_words(item, vocabulary, words, set())
    given = Anchors(words=frozenset(words))
    return given if read is None or given.cost() < read.cost() else read


def unknown_anchor_lists(declared: list[str], vocabulary: Vocabulary) -> list[str]:
    return [name for item in declared for name in _PLACEHOLDER.findall(item)
            if name not in vocabulary.lists and name not in vocabulary.macros]


def _declared_words(item: str, vocabulary: Vocabulary, words: set[str], seen: set[str]) -> None:
    """Every word of a declared item: its literal words and all words of the lists it names."""
    for name in _PLACEHOLDER.findall(item):
        if name in seen:
            continue
        seen.add(name)
        if name in vocabulary.macros:
            _declared_words(vocabulary.macros[name], vocabulary, words, seen)
        else:
            words.update(word.casefold() for form in vocabulary.lists[name] for word in _LETTERS.findall(form))
    words.update(word.casefold() for word in _LETTERS.findall(_PLACEHOLDER.sub(" ", item)))


class _Reader:
    """Reads a pattern (verbose syntax of the `regex` module) left to right; each method returns the
    anchors of what it read, or None when that piece can match without any word."""

    def __init__(self, pattern: str, vocabulary: Vocabulary):
        self.pattern = pattern
        self.at = 0
        self.vocabulary = vocabulary

    def alternation(self) -> Anchors | None:
        branches = [self.sequence()]
        while self._next_is("|"):
            self.at += 1
            branches.append(self.sequence())
        if any(branch is None for branch in branches):
            return None  # a branch without anchors: the alternation can match without any
        union = Anchors()
        for branch in branches:
            union |= branch
        return union

    def sequence(self) -> Anchors | None:
        """The cheapest anchors among the pieces the sequence requires."""
        required: list[Anchors] = []
        letters = ""  # a run of literal letters, one part
        while self.at < len(self.pattern) and self.pattern[self.at] not in "|)":
            if self.pattern[self.at].isspace():  # verbose syntax: spaces are not part of the pattern
                self.at += 1
                continue
            anchors, letter = self.atom()
            minimum = self.quantifier()
            if letter and minimum is None:
                letters += letter
                continue
            if letters:
                required.append(Anchors(parts=frozenset({letters.casefold()})))
                letters = ""
            if anchors is not None and (minimum is None or minimum > 0):
                required.append(anchors)
        if letters:
            required.append(Anchors(parts=frozenset({letters.casefold()})))
        return min(required, key=Anchors.cost, default=None)

    def atom(self) -> tuple[Anchors | None, str]:
        """(anchors of the atom, the letter when it is one literal letter)."""
        pattern, at = self.pattern, self.at
        char = pattern[at]
        if char == "(":
            return self.group(), ""
        if char == "[":
            return self.character_class(), ""
        if char == "\\":
            return self.escape(), ""
        if char == "{":
            placeholder = _PLACEHOLDER.match(pattern, at)
            if placeholder is None:
                raise _Unsupported(pattern)
            self.at = placeholder.end()
            return _placeholder_anchors(placeholder.group(1), self.vocabulary), ""
        if char == "#":  # a comment in verbose syntax
            raise _Unsupported(pattern)
        self.at += 1
        if char.isdigit():
            return Anchors(words=frozenset({DIGIT})), ""
        if _LETTERS.fullmatch(char):
            return None, char
        return None, ""  # punctuation, ".", "^", "$"

    def group(self) -> Anchors | None:
        pattern = self.pattern
        if LOOKAROUND.match(pattern, self.at):
            self.at = LOOKAROUND.match(pattern, self.at).end()
            self._close()
            return None  # what a lookaround sees is not part of the match
        if pattern.startswith("(?P=", self.at) or pattern.startswith("(?#", self.at):
            self.at = pattern.index(")", self.at) + 1
            return None  # a back-reference repeats text already read; a comment reads nothing
        opening = GROUP_OPENING.match(pattern, self.at)
        if opening is None:
            raise _Unsupported(pattern)  # conditionals, inline flags for the whole pattern, ...
        self.at = opening.end()
        return self._close()

    def _close(self) -> Anchors | None:
        anchors = self.alternation()
        if not self._next_is(")"):
            raise _Unsupported(self.pattern)
        self.at += 1
        return anchors

    def character_class(self) -> Anchors | None:
        """Digits only ("[0-9]", "[12]"): a digit; anything else: no word."""
        pattern = self.pattern
        end = self.at + 1
        if end < len(pattern) and pattern[end] == "^":
            end += 1
        if end < len(pattern) and pattern[end] == "]":
            end += 1  # a "]" first in a class is a literal
        while end < len(pattern) and pattern[end] != "]":
            end += 2 if pattern[end] == "\\" else 1
        if end >= len(pattern):
            raise _Unsupported(pattern)
        members = pattern[self.at + 1:end]
        self.at = end + 1
        return Anchors(words=frozenset({DIGIT})) if re.fullmatch(r"(?:[0-9](?:-[0-9])?)+", members) else None

    def escape(self) -> Anchors | None:
        pattern = self.pattern
        if self.at + 1 >= len(pattern):
            raise _Unsupported(pattern)
        char = pattern[self.at + 1]
        self.at += 2
        if char in "pPN" and self._next_is("{"):
            self.at = pattern.index("}", self.at) + 1  # \p{...}: a character property
        return Anchors(words=frozenset({DIGIT})) if char == "d" else None

    def quantifier(self) -> int | None:
        """The least number of repetitions the quantifier after an atom allows; None: no quantifier."""
        if _PLACEHOLDER.match(self.pattern, self.at):
            return None
        minimum, self.at = read_quantifier(self.pattern, self.at)
        return minimum

    def _next_is(self, char: str) -> bool:
        return self.pattern.startswith(char, self.at)


def _placeholder_anchors(name: str, vocabulary: Vocabulary) -> Anchors | None:
    if name in vocabulary.macros:
        return _Reader(vocabulary.macros[name], vocabulary).alternation()
    if name not in vocabulary.lists:
        raise _Unsupported(name)
    words: set[str] = set()
    for form in vocabulary.lists[name]:  # forms as looked up: lower case, "'s" removed, words kept
        choices = [word.casefold() for word in _LETTERS.findall(form)] + ([DIGIT] if re.search(r"\d", form) else [])
        if not choices:
            return None  # a form without letters or digits ("½"): the list has no anchor
        words.add(min(choices, key=_word_cost))
    return Anchors(words=frozenset(words))
