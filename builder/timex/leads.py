"""Leads: the words a rule's match can begin with, so the finder tries the rule only where one of them
starts a token, not at every position near its anchors.

Searching a stretch of text, the `regex` module tries the pattern at every position of it: 0.1-0.3
microseconds a position for patterns that open with word lists or optional groups, most of the finder's
time. A match of a rule begins at a token of the text, and only at tokens of a few kinds: "{number}
{unit}" at a count ("three", "a", a digit), a month rule at a month or a modifier ("early"). So the
finder looks up where those tokens are (in the same pass over the text that finds the anchors) and
matches the pattern at those positions alone, skipping positions inside a match as a search does: it
finds what the search found.

Leads are read off the compiled pattern (every list, macro and the whole-word wrapper expanded) as a first
set: of a sequence, the leads of its first piece, and of the next ones as long as the pieces before may
match nothing (optional pieces, lookarounds); of an alternation, the leads of every branch. A lead is
- a digit (DIGIT): the token is a run of digits (index.py), which a match can only begin at its start;
- a word: letters written in the pattern followed by something that is no letter ("the\\s+", "a(?!\\w)"), so
  the token is exactly those letters (case-folded);
- a prefix: letters followed by anything else ("centur(?:y|ies)", "week" of "weeks?"): the token begins so.
A match begins where no word character precedes it (the wrapper every rule pattern opens with, (?<!\\w)),
so a letter or digit there is the first of its token. A pattern whose match may begin otherwise (with
punctuation, a space, any character, a letter class, syntax the reader does not follow) gets no leads and
is searched as before. tests/timex/test_find.py checks that finding by leads equals searching on random
and real text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import regex

from builder.timex.anchors import DIGIT
from builder.timex.syntax import GROUP_OPENING, LOOKAROUND, read_quantifier

WHOLE_WORD = r"(?<!\w)"  # every compiled rule pattern opens with it (rules._compile)
_DIGITS_CLASS = re.compile(r"(?:[0-9](?:-[0-9])?)+")
# Escapes that match one character which cannot continue a run of letters ("\d": a digit token starts).
_NO_LETTER_ESCAPES = set("sdntrfv")
_IN_WORD = regex.compile(r"[^\W\d_]")  # a character of a run of letters, as the finder's tokens have them
_CLASS_MEMBER = re.compile(r"\\(.)|(.)-(.)|(.)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Leads:
    """Every match of a rule begins where a token of the text starts that is one of `words` (DIGIT: a
    digit) or begins with one of `prefixes` (case-folded)."""

    words: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()

    def met_by(self, token: str) -> bool:
        """Does a (case-folded) token of the text, or DIGIT for a digit, begin a match?"""
        return token in self.words or any(token.startswith(prefix) for prefix in self.prefixes)


class _Unknown(Exception):
    """A match may begin with something that is no token, or the reader does not follow the syntax."""


def lead_words(pattern: str) -> Leads | None:
    """The leads of a compiled rule pattern, or None when a match may begin elsewhere."""
    if not pattern.startswith(WHOLE_WORD):
        return None
    try:
        reader = _Reader(pattern)
        read = reader.alternation()
        if reader.at != len(pattern) or read.nullable:
            return None
    except _Unknown:
        return None
    return Leads(frozenset(read.words), frozenset(read.prefixes | read.open))


@dataclass(slots=True)
class _Read:
    """The leads of a piece of pattern: `open` are letters whose run ends where the piece ends, so what
    follows the piece says whether they are words or prefixes."""

    words: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    open: set[str] = field(default_factory=set)
    nullable: bool = False  # may the piece match the empty string?

    def add(self, other: _Read) -> None:
        self.words |= other.words
        self.prefixes |= other.prefixes
        self.open |= other.open


class _Reader:
    """Reads a pattern (verbose syntax of the `regex` module) left to right; each method returns the
    leads of what it read."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        self.at = 0

    def alternation(self) -> _Read:
        read = self.sequence()
        while self._next_is("|"):
            self.at += 1
            branch = self.sequence()
            read.add(branch)
            read.nullable = read.nullable or branch.nullable
        return read

    def sequence(self) -> _Read:
        read = _Read(nullable=True)  # every piece read so far may match nothing
        while self._more():
            if not read.nullable:  # the leads are known: the rest of the sequence does not matter
                self._skip(stop="|)")
                break
            if self._letter():
                piece, minimum = _Read(open={self._letters().casefold()}), None
            else:
                piece = self.atom()
                minimum = self.quantifier()
            read.words |= piece.words
            read.prefixes |= piece.prefixes
            if piece.open:  # words when one character that is no letter follows, else prefixes
                if minimum is None and not self._more():
                    read.open |= piece.open  # the sequence ends: what follows it decides
                else:
                    (read.words if minimum is None and self._no_letter_next() else read.prefixes).update(piece.open)
            read.nullable = piece.nullable or minimum == 0
        return read

    def _more(self) -> bool:
        while self.at < len(self.pattern) and self.pattern[self.at].isspace():
            self.at += 1  # verbose syntax: spaces are not part of the pattern
        return self.at < len(self.pattern) and self.pattern[self.at] not in "|)"

    def _letter(self) -> bool:
        char = self.pattern[self.at]
        return char.isascii() and char.isalpha()

    def _letters(self) -> str:
        """A run of literal letters, each required once: a letter with a quantifier ends the run before it
        ("week" of "weeks?")."""
        start = self.at
        while self.at < len(self.pattern) and self._letter():
            if read_quantifier(self.pattern, self.at + 1)[0] is not None:
                break
            self.at += 1
        if self.at == start:
            raise _Unknown(self.pattern)  # a first letter with a quantifier ("s?..."): rare, not worth reading
        return self.pattern[start:self.at]

    def _no_letter_next(self) -> bool:
        """Is the letters' run followed by a piece that matches one character which is no letter (or an
        assertion that no word character follows), so the token ends with the run?"""
        pattern, at = self.pattern, self.at
        end = None
        if pattern.startswith(r"(?!\w)", at):
            return True
        if pattern.startswith("\\", at) and at + 1 < len(pattern):
            char = pattern[at + 1]
            if char in _NO_LETTER_ESCAPES or not (char.isalnum() or char.isspace()):
                end = at + 2
        elif pattern.startswith("[", at) and not pattern.startswith("[^", at):
            close = _class_end(pattern, at)
            if close is not None and _no_letter_class(pattern[at + 1:close]):
                end = close + 1
        elif at < len(pattern) and pattern[at] not in "()|?*+{.^$#" and not _IN_WORD.match(pattern[at]) \
                and not pattern[at].isspace():
            end = at + 1
        if end is None:
            return False
        minimum, _ = read_quantifier(pattern, end)
        return minimum is None or minimum > 0

    def atom(self) -> _Read:
        pattern, char = self.pattern, self.pattern[self.at]
        if char == "(":
            return self.group()
        if char == "[":
            close = _class_end(pattern, self.at)
            if close is None or not _DIGITS_CLASS.fullmatch(pattern, self.at + 1, close):
                raise _Unknown(pattern)  # a class of letters or punctuation
            self.at = close + 1
            return _Read(words={DIGIT})
        if char == "\\" and pattern.startswith("\\d", self.at):
            self.at += 2
            return _Read(words={DIGIT})
        if char == "\\" and pattern.startswith("\\b", self.at):
            self.at += 2
            return _Read(nullable=True)
        if char.isdigit() and char.isascii():
            self.at += 1
            return _Read(words={DIGIT})
        if char in "^$":
            self.at += 1
            return _Read(nullable=True)
        raise _Unknown(pattern)  # punctuation, spaces, any character, other escapes

    def group(self) -> _Read:
        pattern = self.pattern
        lookaround = LOOKAROUND.match(pattern, self.at)
        if lookaround is not None:
            self.at = lookaround.end()
            self._skip(stop=")")
            self._close()
            return _Read(nullable=True)  # zero width: the match begins after it
        opening = GROUP_OPENING.match(pattern, self.at)
        if opening is None:
            raise _Unknown(pattern)  # back-references, comments, conditionals, flags for the whole pattern
        self.at = opening.end()
        found = self.alternation()
        self._close()
        return found

    def _close(self) -> None:
        if not self._next_is(")"):
            raise _Unknown(self.pattern)
        self.at += 1

    def quantifier(self) -> int | None:
        """The least number of repetitions the quantifier after an atom allows; None: no quantifier."""
        minimum, self.at = read_quantifier(self.pattern, self.at)
        return minimum

    def _skip(self, stop: str) -> None:
        """Move to the next character of `stop` outside groups and classes, not reading what it passes."""
        pattern, depth = self.pattern, 0
        while self.at < len(pattern):
            char = pattern[self.at]
            if depth == 0 and char in stop:
                return
            if char == "#":  # a comment in verbose syntax may hide a parenthesis
                raise _Unknown(pattern)
            if char == "\\":
                self.at += 2
                continue
            if char == "[":
                close = _class_end(pattern, self.at)
                if close is None:
                    raise _Unknown(pattern)
                self.at = close + 1
                continue
            depth += char == "("
            depth -= char == ")"
            self.at += 1
        if depth:
            raise _Unknown(pattern)

    def _next_is(self, char: str) -> bool:
        return self.pattern.startswith(char, self.at)


def _no_letter_class(members: str) -> bool:
    """Does a character class (its members as written) hold no character that continues a run of letters?
    Only single characters, digit ranges and the escapes of _NO_LETTER_ESCAPES are read."""
    for escaped, low, high, char in _CLASS_MEMBER.findall(members):
        if escaped:
            if escaped not in _NO_LETTER_ESCAPES and (escaped.isalnum() or escaped.isspace()):
                return False
        elif low:
            if not (low.isascii() and high.isascii() and low.isdigit() and high.isdigit()):
                return False
        elif _IN_WORD.match(char):
            return False
    return True


def _class_end(pattern: str, at: int) -> int | None:
    """Where the character class opening at `at` closes; None for nested sets or no end."""
    end = at + 1
    if end < len(pattern) and pattern[end] == "^":
        end += 1
    if end < len(pattern) and pattern[end] == "]":
        end += 1  # a "]" first in a class is a literal
    while end < len(pattern) and pattern[end] != "]":
        if pattern[end] == "[":
            return None
        end += 2 if pattern[end] == "\\" else 1
    return end if end < len(pattern) else None
