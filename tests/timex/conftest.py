"""Checking an expectation (a sentence, its publication date and what must come out) against
extract_time_expressions, shared by the case table and the rule-file examples."""

from __future__ import annotations

from datetime import date

import pytest

from builder.timex import TimeExpression, extract_time_expressions


def check_expectation(sentence: str, published: date, expected: dict, rule: str | None = None) -> TimeExpression | None:
    """Assert what `expected` says (keys finds/absent, value, type, range, precision, anchor)."""
    found = extract_time_expressions(sentence, published)
    for expression in found:
        assert sentence[expression.char_start:expression.char_end] == expression.text
    if expected.get("absent") is not None:
        start = sentence.index(str(expected["absent"]))
        end = start + len(str(expected["absent"]))
        overlapping = [e.text for e in found if e.char_start < end and start < e.char_end]
        assert not overlapping, f"{expected['absent']!r} must not be a time expression, found {overlapping}"
    if expected.get("finds") is None:
        return None
    wanted = str(expected["finds"])
    matches = [e for e in found if e.text == wanted]
    assert matches, f"{wanted!r} not found; found {[(e.text, e.value) for e in found]}"
    expression = matches[0]
    if "value" in expected:
        assert expression.value == str(expected["value"])
    if "type" in expected:
        assert expression.type == expected["type"]
    if "range" in expected:
        assert [expression.date_start, expression.date_end] == list(expected["range"])
    if "precision" in expected:
        assert expression.precision == expected["precision"]
    if "anchor" in expected:
        assert expression.anchor == expected["anchor"]
    if rule is not None:
        assert rule in expression.rule.split("+"), f"found by {expression.rule}, not {rule}"
    return expression


@pytest.fixture
def expect():
    return check_expectation
