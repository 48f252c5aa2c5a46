"""Counts: digits, words, qualifiers, vague words, single victims, ranges; and what is never a count."""

from __future__ import annotations

import pytest

from builder.incidents.counts import count_lexicon, find_counts
from builder.segment import segment


def counts(text: str) -> list[tuple[str, int | None, int | None, int | None]]:
    doc = segment(text)
    return [(c.text, c.low, c.best, c.high) for c in find_counts(doc[:])]


@pytest.mark.parametrize("text, expected", [
    ("two people", ("two", 2, 2, 2)),
    ("5,000 civilians", ("5,000", 5000, 5000, 5000)),
    ("twenty-five soldiers", ("twenty-five", 25, 25, 25)),
    ("one hundred and twelve people", ("one hundred and twelve", 112, 112, 112)),
    ("at least 6 people", ("at least 6", 6, 6, None)),
    ("no fewer than 9 residents", ("no fewer than 9", 9, 9, None)),
    ("more than 30 settlements", ("more than 30", 31, 31, None)),
    ("over 40 wounded", ("over 40", 41, 41, None)),
    ("up to 50 fighters", ("up to 50", None, 50, 50)),
    ("as many as 150,000 people", ("as many as 150,000", None, 150000, 150000)),
    ("about 20 people", ("about 20", None, 20, None)),
    ("nearly 300 civilians", ("nearly 300", None, 300, None)),
    ("between 10 and 12 civilians", ("between 10 and 12", 10, 11, 12)),
    ("3 to 5 people", ("3 to 5", 3, 4, 5)),
    ("a few residents", ("a few", 2, 3, 4)),
    ("several children", ("several", 3, 4, 7)),
    ("a dozen soldiers", ("a dozen", 12, 12, 12)),
    ("dozens of people", ("dozens of", 24, 36, 99)),
    ("scores of villagers", ("scores of", 40, 60, 99)),
    ("hundreds of civilians", ("hundreds of", 200, 300, 999)),
    ("thousands of people", ("thousands of", 2000, 3000, 9999)),
    ("a family of four", ("a family of four", 4, 4, 4)),
    ("a 62-year-old woman", ("a 62-year-old woman", 1, 1, 1)),
    ("her 62-year-old son", ("her 62-year-old son", 1, 1, 1)),
    ("an elderly couple", ("an elderly couple", 2, 2, 2)),
])
def test_count_forms(text, expected):
    assert counts(text)[0] == expected


@pytest.mark.parametrize("text", [
    "a 62-year-old woman's home",                 # the age is not a count (the woman is one person)
    "30 km east of Bakhmut", "73 kilometers (45 miles) north", "155mm shells", "the almost seven-month war",
    "on September 8", "8 September", "in 2022", "at 10:42", "the 53rd Brigade", "15 percent", "$500",
    "a couple of days later", "dozens of kilometres", "two women aged 44 and 71",
])
def test_numbers_that_are_not_counts(text):
    numbers = [c for c in counts(text) if c[0] not in ("a 62-year-old woman", "two")]
    assert numbers == [], numbers


def test_the_word_lists_load_and_have_no_repeats():
    lexicon = count_lexicon()
    assert "twenty" in lexicon.number_words and "woman" in lexicon.single_victim
    assert lexicon.vague[("dozens",)] == (24, 36, 99)


@pytest.mark.parametrize("text", [
    "9223372036854775808 people",  # one past Int64: the incidents table could not hold it
    "99,999,999,999 civilians", "a billion billion people", "9" * 5000 + " soldiers",  # int() refuses 4,300+ digits
])
def test_numbers_beyond_any_population_are_not_counts(text):
    assert counts(text) == []


def test_the_largest_count_is_kept():
    assert counts("9,999,999,999 people") == [("9,999,999,999", 9999999999, 9999999999, 9999999999)]
