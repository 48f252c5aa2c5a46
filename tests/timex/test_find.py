"""The finder: non-overlapping, sorted, and gating rules by their anchor words never loses a match."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.timex import extract_time_expressions, load_rules
from builder.timex.anchors import DIGIT, REACH, Anchors, anchor_words
from builder.timex.find import _matches_at, find_matches
from builder.timex.leads import Leads, lead_words

RULES = load_rules()
# Words and pieces that rules react to, to build texts that exercise many rules at once.
PIECES = ["on", "Saturday", "Friday night", "last", "next", "week", "weeks", "the", "past", "two", "24",
          "hours", "ago", "later", "earlier", "since", "February", "24,", "2022", "1990s", "from", "to", "9",
          "September", "6", "-", "between", "and", "Monday", "overnight", "yesterday", "a", "62-year-old",
          "10:42", "p.m.", "early", "late", "mid-", "this", "year", "month", "winter", "daily", "every",
          "for", "days", "recently", "now", "10/09/2022", "2022-09-10", "Sept.", "8", "the next day", ".", ",",
          "\n", "almost", "seven-month", "Q3", "BC", "238", "Christmas", "noon", "UTC", "in recent"]
TEXTS = st.one_of(st.text(max_size=200),
                  st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join))
PUBLISHED = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
def test_gated_finding_equals_running_every_rule_everywhere(text):
    gated = [(m.start, m.end, m.rule.id) for m in find_matches(text, RULES)]
    full = [(m.start, m.end, m.rule.id) for m in find_matches(text, RULES, gated=False)]
    assert gated == full


def test_gating_loses_nothing_on_the_rule_examples():
    for rule in RULES.rules:
        for example in rule.examples:
            gated = [(m.start, m.end, m.rule.id) for m in find_matches(example.text, RULES)]
            assert gated == [(m.start, m.end, m.rule.id) for m in find_matches(example.text, RULES, gated=False)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, published=PUBLISHED)
def test_any_text_gives_sorted_non_overlapping_consistent_expressions(text, published):
    found = extract_time_expressions(text, published)
    for expression in found:
        assert text[expression.char_start:expression.char_end] == expression.text
        assert expression.text == expression.text.strip() and expression.text
        if expression.date_start is not None and expression.date_end is not None:
            assert expression.date_start <= expression.date_end
        assert expression.precision in ("day", "night", "week", "weekend", "month", "season", "quarter", "half",
                                        "year", "decade", "century", "range", "unknown")
        assert expression.type in ("DATE", "TIME", "DURATION", "SET")
    assert all(a.char_end <= b.char_start for a, b in zip(found, found[1:]))


def test_anchors_occur_near_every_example_match():
    for rule in RULES.rules:
        if rule.anchors is None:
            continue
        for example in rule.examples:
            for match in find_matches(example.text, RULES, gated=False):
                if match.rule is rule:
                    near = example.text[max(0, match.start - REACH):match.end + REACH]
                    words = {w.casefold() for w in re.findall(r"[^\W\d_]+", near)}
                    has_digit = any(c.isdigit() for c in near)
                    assert any(rule.anchors.met_by(word) for word in words) or (
                        has_digit and DIGIT in rule.anchors.words), (rule.id, example.text)


def test_anchors_are_the_rarest_part_every_match_requires():
    vocabulary = RULES.vocabulary
    assert {"monday", "sunday"} <= anchor_words("(?P<weekday>{weekday})", vocabulary).words
    assert anchor_words("{mod_prefix}(?P<year>{year})", vocabulary) == Anchors(words=frozenset({DIGIT}))
    # "ago" is required and rarer than the count and the unit before it
    assert anchor_words("{hedge}(?P<number>{number})\\s+{any_unit}\\s+ago", vocabulary) == Anchors(
        parts=frozenset({"ago"}))
    assert anchor_words("the\\s+past", vocabulary) == Anchors(parts=frozenset({"past"}))
    # an alternation needs anchors in every branch; optional pieces give none
    assert anchor_words("every\\s+day|per\\s+week", vocabulary) == Anchors(parts=frozenset({"every", "week"}))
    assert anchor_words("(?:last\\s+)?week", vocabulary) == Anchors(parts=frozenset({"week"}))
    assert anchor_words("weeks?", vocabulary) == Anchors(parts=frozenset({"week"}))  # "s" may be absent
    assert anchor_words("[0-9]+|now", vocabulary) == Anchors(words=frozenset({DIGIT}), parts=frozenset({"now"}))
    assert anchor_words("(?:every)?\\s*[a-z]+", vocabulary) is None  # nothing required has a word
    assert anchor_words("(?(1)a|b)day", vocabulary) is None  # syntax it does not read: no gate, never a wrong one
    # declared anchors (whole words) are taken when rarer than the ones read
    assert anchor_words("(?P<number>{number})\\s+{any_unit}\\s+ago", vocabulary, ["ago"]) == Anchors(
        words=frozenset({"ago"}))


# Characters where the `re` and `regex` modules, or case folding, disagree about words: a letter after "½"
# or "²" starts a word for the rule patterns; the Kelvin sign and the long s match k and s ignoring case.
ODD_PIECES = ["½", "²", "٣", "\u0301", "_", "\u212a", "\u017f", "\u0130", "'", "’", "-", "/", ":", ".", ",",
              "1,200", "12/09/2022", "3pm", "'90s", "a.m.", "His", "the end of", "twenty-four"]
ODD_TEXTS = st.lists(st.sampled_from(PIECES + ODD_PIECES), max_size=40).map(
    lambda pieces: "".join(piece + (" " if i % 3 else "") for i, piece in enumerate(pieces)))


def _leads_and_search_agree(text):
    scan = RULES.token_index.scan(text)
    for rule in (*RULES.rules, *RULES.exclusions):
        if rule.leads is not None:
            starts = scan.starts(rule)
            at_leads = [found.span() for found in _matches_at(rule.pattern, text, 0, len(text), starts)]
            assert at_leads == [found.span() for found in rule.pattern.finditer(text)], (rule.id, text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(TEXTS, ODD_TEXTS))
def test_matching_where_leads_start_finds_what_searching_finds(text):
    _leads_and_search_agree(text)


def test_matching_where_leads_start_finds_what_searching_finds_in_the_rule_examples():
    assert sum(rule.leads is not None for rule in RULES.rules) > len(RULES.rules) * 0.8  # most rules have leads
    for rule in RULES.rules:
        for example in rule.examples:
            _leads_and_search_agree(example.text)


def test_leads_are_the_words_a_match_begins_with():
    assert lead_words(r"(?<!\w)(?:the\s+)?(?:fiscal\s+)?year[\s-]end(?!\w)") == Leads(
        words=frozenset({"the", "fiscal", "year"}))  # optional pieces add the leads of what follows
    assert lead_words(r"(?<!\w)(?:weeks?|centur(?:y|ies))") == Leads(prefixes=frozenset({"week", "centur"}))
    # what follows a group says whether its letters are whole words; after one that may repeat or be absent,
    # anything may follow
    assert lead_words(r"(?<!\w)(?:(?:a|an|the)\s+[0-9]{4}|(?:early|mid\-)?[0-9]+s)") == Leads(
        words=frozenset({"a", "an", "the", "mid", DIGIT}), prefixes=frozenset({"early"}))
    assert lead_words(r"(?<!\w)(?:the|this)(?:se)?") == Leads(prefixes=frozenset({"the", "this"}))
    assert lead_words(r"(?:the\s+)?year") is None  # without the whole-word wrapper a letter may begin mid-token
    assert lead_words(r"(?<!\w)(?:['’]?[0-9]{2}s)") is None  # a match may begin with punctuation
    assert lead_words(r"(?<!\w)(?:(?:the\s+)?)") is None  # may match nothing
    assert lead_words(r"(?<!\w)(?:(?(1)a|b)day)") is None  # syntax it does not read: searched everywhere
    assert Leads(words=frozenset({"a"}), prefixes=frozenset({"centur"})).met_by("century")
    assert not Leads(words=frozenset({"a"})).met_by("an")


def test_a_part_meets_the_tokens_containing_it():
    anchors = Anchors(words=frozenset({"may"}), parts=frozenset({"centur"}))
    assert anchors.met_by("centuries") and anchors.met_by("may") and not anchors.met_by("mayor")


@pytest.mark.parametrize(("text", "kept"), [
    ("Friday night", ["Friday night"]),  # the longest match wins over "Friday"
    ("from September 6 to 9", ["from September 6 to 9"]),
    ("a 62-year-old woman", []),  # an excluded span removes the duration inside it
])
def test_longest_match_and_exclusions(text, kept):
    assert [text[m.start:m.end] for m in find_matches(text, RULES)] == kept
