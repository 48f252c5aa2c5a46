"""Counts as news writes them: "two", "5,000", "at least 6", "more than 30", "dozens", "a family of
four", "between 10 and 15", "a 62-year-old woman" (one person), each as low / best / high.

The word lists and the low/best/high rules are data (lexicon/numbers.yaml). Numbers that are not
counts are skipped here: ages and other compound adjectives ("62-year-old", "seven-month"), numbers
with units ("30 km", "155mm", "45 miles"), dates ("September 8", "8 September"), clock times and
years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token
from text_to_num import text2num

from builder.rules import rule_file
from builder.segment import lower_words

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+$")
QUALIFIER_RULES = {"at_least", "more_than", "up_to", "about"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
          "sept", "oct", "nov", "dec"}
UNITS = {"km", "kms", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "m", "metre",
         "metres", "meter", "meters", "mm", "cm", "percent", "per", "%", "year", "years", "month", "months",
         "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes", "second", "seconds", "ton",
         "tons", "tonnes", "tonne", "kg", "hectares", "square", "sq", "km2", "dollars", "euros", "pounds",
         "a.m.", "p.m.", "am", "pm", "gmt", "utc", "bst", "cet", "eet", "times", "st", "nd", "rd", "th",
         "o'clock", "millimetre", "millimeter", "calibre", "caliber", "storey", "story", "floors", "floor",
         "billion", "km/h", "mph", "degrees"}
CURRENCY = {"$", "€", "£", "no", "no.", "#", "number", "brigade", "route", "highway"}
AGE_WORDS = {"aged", "age", "ages"}
SINGLE_LEADS = {"a", "an", "one", "the", "his", "her", "their", "its"}
RANGE_LEAD = "between"
SCALE_WORDS = {"hundred", "thousand", "million"}
# More than the world's population is never a count of people or places; it must also fit the tables' Int64.
MAX_COUNT = 10_000_000_000
MAX_COUNT_CHARS = len(f"{MAX_COUNT:,}")


@dataclass(frozen=True, slots=True)
class Count:
    """A count phrase: token range [start, end) in the doc, and its low / best / high."""

    start: int
    end: int
    low: int | None
    best: int | None
    high: int | None
    text: str
    stated: int | None     # the number as written ("more than 30" -> 30); the best figure for vague words
    single: bool = False  # "a woman": one person, named by the noun itself


@dataclass(frozen=True, slots=True)
class CountLexicon:
    number_words: frozenset[str]
    vague: dict[tuple[str, ...], tuple[int | None, int | None, int | None]]
    qualifiers: dict[tuple[str, ...], str]
    single_victim: frozenset[str]
    pair_nouns: frozenset[str]
    group_nouns: frozenset[str]

    @property
    def openings(self) -> frozenset[str]:
        """Every word a count phrase can start with (digits aside)."""
        return frozenset({phrase[0] for phrase in (*self.vague, *self.qualifiers)} | self.number_words | SINGLE_LEADS
                         | {RANGE_LEAD})


@cache
def count_lexicon() -> CountLexicon:
    source = rule_file("builder.incidents", "lexicon/numbers.yaml")
    source.require_keys({"number_words", "vague", "qualifiers", "single_victim", "pair_nouns", "group_nouns"})
    vague = {}
    for phrase, figures in source.data["vague"].items():
        if not (isinstance(figures, list) and len(figures) == 3):
            raise source.error("vague", f"{phrase!r}: expected [low, best, high]")
        low, best, high = figures
        if best is None or (low is not None and low > best) or (high is not None and high < best):
            raise source.error("vague", f"{phrase!r}: need low <= best <= high with a best figure")
        vague[tuple(phrase.split())] = (low, best, high)
    qualifiers = {}
    for phrase, rule in source.data["qualifiers"].items():
        if rule not in QUALIFIER_RULES:
            raise source.error("qualifiers", f"{phrase!r}: unknown rule {rule!r}; expected {sorted(QUALIFIER_RULES)}")
        qualifiers[tuple(phrase.split())] = rule
    return CountLexicon(frozenset(source.word_list("number_words")), vague, qualifiers,
                        frozenset(source.word_list("single_victim")), frozenset(source.word_list("pair_nouns")),
                        frozenset(source.word_list("group_nouns")))


@cache
def _openings() -> frozenset[str]:
    return count_lexicon().openings


def apply_qualifier(rule: str | None, number: int) -> tuple[int | None, int | None, int | None]:
    if rule == "at_least":
        return number, number, None
    if rule == "more_than":
        return number + 1, number + 1, None
    if rule == "up_to":
        return None, number, number
    if rule == "about":
        return None, number, None
    return number, number, number


def _longest_phrase(tokens: list[str], start: int, phrases: dict) -> tuple[int, object] | None:
    """The longest phrase of `phrases` (keyed by word tuples) starting at tokens[start]."""
    for length in (4, 3, 2, 1):
        key = tuple(tokens[start : start + length])
        if len(key) == length and key in phrases:
            return length, phrases[key]
    return None


class _Reader:
    """Reads numbers token by token inside one sentence."""

    def __init__(self, span: Span, keep_units: frozenset[str]) -> None:
        self.span = span
        self.words = lower_words(span.doc)[span.start:span.end]
        self.lexicon = count_lexicon()
        self.units = UNITS - keep_units
        self.openings = _openings()

    def number_at(self, i: int) -> tuple[int, int] | None:
        """(value, tokens used) for a number in digits or words starting at position i, if it is a count."""
        words = self.words
        if i >= len(words):
            return None
        if _DIGITS.match(words[i]):
            if len(words[i]) > MAX_COUNT_CHARS:
                return None  # a phone number, an id or a typo; int() refuses beyond 4,300 digits
            value, used = int(words[i].replace(",", "")), 1
            if 1800 <= value <= 2100 and "," not in words[i]:
                return None  # a year
        elif words[i] in self.lexicon.number_words:
            used = 1
            while i + used < len(words):
                word = words[i + used]
                follows = words[i + used + 1] if i + used + 1 < len(words) else ""
                joins = word == "-" or (word == "and" and words[i + used - 1] in SCALE_WORDS)  # "one hundred and twelve"
                if word in self.lexicon.number_words or (joins and follows in self.lexicon.number_words):
                    used += 1
                else:
                    break
            try:
                value = text2num(" ".join(w for w in words[i : i + used] if w != "-").replace(" - ", "-"), "en")
            except ValueError:
                return None
        else:
            return None
        if value > MAX_COUNT or self._is_not_a_count(i, used):
            return None
        return value, used

    def _is_not_a_count(self, i: int, used: int) -> bool:
        words = self.words
        after = words[i + used] if i + used < len(words) else ""
        before = words[i - 1] if i > 0 else ""
        if after == "-" and i + used + 1 < len(words) and words[i + used + 1].isalpha():
            return True  # compound adjective: 62-year-old, seven-month, 155-mm
        if after in self.units or after in MONTHS or before in MONTHS or before in CURRENCY:
            return True
        if after == ":" or after.startswith(":"):
            return True  # a clock time split by the tokenizer
        for back in range(i - 1, max(-1, i - 6), -1):  # "two women aged 44 and 71"
            if words[back] in AGE_WORDS:
                return True
            if not (words[back] in ("and", ",", "-") or _DIGITS.match(words[back])):
                break
        return False

    def count_at(self, i: int) -> Count | None:
        """A count phrase starting at token i (qualifier included), or None."""
        words, lexicon = self.words, self.lexicon
        if words[i] not in self.openings and not words[i][:1].isdigit():
            return None
        start = i
        if words[i] == RANGE_LEAD:  # "between 10 and 12": the range is the count, from its first word
            count = self.count_at(i + 1) if i + 1 < len(words) else None
            if count is None or count.low is None or count.high is None or count.low == count.high:
                return None
            return self._make(start, count.end - self.span.start, count.low, count.best, count.high, count.stated)
        rule = None
        found = _longest_phrase(words, i, lexicon.qualifiers)
        if found:
            used, rule = found
            i += used
        vague = _longest_phrase(words, i, lexicon.vague)
        if vague and rule is None:
            used, (low, best, high) = vague
            if i + used < len(words) and words[i + used] in self.units:
                return None  # "a couple of days", "dozens of kilometres"
            return self._make(start, i + used, low, best, high, best)
        number = self.number_at(i)
        if number is not None:
            value, used = number
            end = i + used
            second = self._range_end(i, end)
            if second is not None and rule is None:
                high, end = second
                if high > value:
                    return self._make(start, end, value, round((value + high) / 2), high, value)
            return self._make(start, end, *apply_qualifier(rule, value), value)
        if rule is None and words[i] in SINGLE_LEADS:
            return self._single_or_group(i)
        return None

    def _range_end(self, first_start: int, first_end: int) -> tuple[int, int] | None:
        words = self.words
        if first_end < len(words) and words[first_end] in ("to", "-", "or", "and"):
            if words[first_end] == "and" and (first_start == 0 or words[first_start - 1] != RANGE_LEAD):
                return None
            second = self.number_at(first_end + 1)
            if second is not None:
                return second[0], first_end + 1 + second[1]
        return None

    def _single_or_group(self, i: int) -> Count | None:
        """ "a 62-year-old woman" -> 1 ; "a family of four" -> 4."""
        words, lexicon = self.words, self.lexicon
        j = i + 1
        limit = min(len(words), i + 8)
        while j < limit:
            word = words[j]
            if word in lexicon.group_nouns and j + 1 < len(words) and words[j + 1] == "of":
                number = self.number_at(j + 2)
                if number is not None:
                    value, used = number
                    return self._make(i, j + 2 + used, value, value, value, value)
                return None
            if word in lexicon.single_victim:
                return self._make(i, j + 1, 1, 1, 1, 1, single=True)
            if word in lexicon.pair_nouns and words[j + 1 : j + 2] != ["of"]:
                return self._make(i, j + 1, 2, 2, 2, 2)
            if not (word.isalpha() or word == "-" or _DIGITS.match(word)) or word in SINGLE_LEADS:
                return None  # "A drone killed a man": a new noun phrase starts, the first had no victim noun
            j += 1
        return None

    def _make(self, start: int, end: int, low, best, high, stated, single: bool = False) -> Count:
        tokens = self.span[start:end]
        return Count(tokens.start, tokens.end, low, best, high, tokens.text, stated, single)


def find_counts(span: Span, keep_units: frozenset[str] = frozenset()) -> list[Count]:
    """Every count phrase in a sentence, left to right, not overlapping. Numbers followed by a unit
    are not counts, except units in `keep_units` ("2,500 square kilometres" for an area)."""
    reader = _Reader(span, keep_units)
    counts = []
    i = 0
    while i < len(span):
        count = reader.count_at(i)
        if count is None:
            i += 1
            continue
        counts.append(count)
        i = count.end - span.start
    return counts
