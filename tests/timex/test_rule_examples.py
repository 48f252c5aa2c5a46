"""Every example written in the rule files, one test each, grouped by rule family (file)."""

from __future__ import annotations

import pytest

from builder.timex import load_rules

RULES = load_rules()
FINDING = [(rule.source.split(":")[0], rule.id, example) for rule in RULES.rules for example in rule.examples]
EXCLUDING = [(e.source.split(":")[0], e.id, example) for e in RULES.exclusions for example in e.examples]
SIGNALS = [(s.source.split(":")[0], s.id, example) for s in RULES.signals for example in s.examples]


def _ids(items):
    return [f"{family}-{rule_id}-{i}" for i, (family, rule_id, _) in enumerate(items)]


def _expected(example) -> dict:
    fields = {"finds": example.finds, "absent": example.absent}
    for key in ("value", "type", "precision"):
        if getattr(example, key) is not None:
            fields[key] = getattr(example, key)
    if example.range is not None:
        fields["range"] = example.range
    return fields


@pytest.mark.parametrize(("family", "rule_id", "example"), FINDING, ids=_ids(FINDING))
def test_finding_rule_example(family, rule_id, example, expect):
    expect(example.text, example.published, _expected(example), rule=rule_id if example.finds else None)


@pytest.mark.parametrize(("family", "rule_id", "example"), EXCLUDING, ids=_ids(EXCLUDING))
def test_not_time_example(family, rule_id, example, expect):
    expect(example.text, example.published, _expected(example))


@pytest.mark.parametrize(("family", "rule_id", "example"), SIGNALS, ids=_ids(SIGNALS))
def test_signal_example(family, rule_id, example, expect):
    found = expect(example.text, example.published, _expected(example))
    assert found.rule.endswith(f"+{rule_id}")


@pytest.mark.parametrize("family", ["ranges", "explicit", "clock", "deictic", "weekdays", "offsets", "calendar",
                                    "sets", "durations", "not_time", "signals"])
def test_every_family_has_examples(family):
    sources = [rule.source for rule in (*RULES.rules, *RULES.exclusions, *RULES.signals)]
    assert any(source.startswith(f"{family}.yaml:") for source in sources)
    in_family = [r for r in (*RULES.rules, *RULES.exclusions, *RULES.signals) if r.source.startswith(f"{family}.yaml:")]
    assert all(rule.examples for rule in in_family)
