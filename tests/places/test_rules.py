"""Every example in rules.yaml, and the rule files' load-time checks."""

from __future__ import annotations

import pytest

from builder.places import rules

EXAMPLES = [(rule.id, example) for family in rules.context_rules().values() for rule in family
            for example in rule.examples]


@pytest.mark.parametrize(("rule_id", "example"), EXAMPLES, ids=[f"{r}-{i}" for i, (r, _) in enumerate(EXAMPLES)])
def test_rule_example(places, rule_id, example):
    mentions = [m for m in places(example["text"]) if m.location_text == example["place"]]
    if example.get("expect") == "none":
        assert not [m for m in mentions if m.role == "location"], mentions
        return
    assert mentions, f"{rule_id}: no mention of {example['place']!r}"
    mention = mentions[0]
    if "role" in example:
        assert mention.role == example["role"]
    if "relation" in example:
        assert mention.relation == example["relation"]
    if "precision" in example:
        assert mention.geo_precision == example["precision"]
    if "admin1" in example:
        assert mention.admin1 == example["admin1"]


def test_bad_regex_names_file_and_line(tmp_path, monkeypatch):
    bad = tmp_path / "rules.yaml"
    bad.write_text("words: {w: [a]}\nrules:\n  actor:\n    - id: broken\n      after: '^(unclosed'\n"
                   "      role: actor\n      examples: [{text: x, place: x}]\n", encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_FILE", bad)
    rules._rule_file.cache_clear()
    rules.context_rules.cache_clear()
    try:
        with pytest.raises(rules.RuleFileError, match=r"rules.yaml:4: rule broken: bad regex"):
            rules.context_rules()
    finally:
        rules._rule_file.cache_clear()
        rules.context_rules.cache_clear()


def test_undefined_word_list_is_an_error(tmp_path, monkeypatch):
    bad = tmp_path / "rules.yaml"
    bad.write_text("rules:\n  actor:\n    - id: x\n      after: '{nowhere}'\n      role: actor\n"
                   "      examples: [{text: x, place: x}]\n", encoding="utf-8")
    monkeypatch.setattr(rules, "RULES_FILE", bad)
    rules._rule_file.cache_clear()
    rules.context_rules.cache_clear()
    try:
        with pytest.raises(rules.RuleFileError, match=r"rules.yaml:3.*undefined word list \{nowhere\}"):
            rules.context_rules()
    finally:
        rules._rule_file.cache_clear()
        rules.context_rules.cache_clear()


def test_bad_alias_target_names_line(tmp_path, monkeypatch):
    bad = tmp_path / "aliases.tsv"
    bad.write_text("# c\nalias\ttarget\tcontext\tnote\nFoo\tplace:1\t\t\n", encoding="utf-8")
    monkeypatch.setattr(rules, "ALIASES_FILE", bad)
    rules.aliases.cache_clear()
    try:
        with pytest.raises(rules.RuleFileError, match=r"aliases.tsv:3: bad target"):
            rules.aliases()
    finally:
        rules.aliases.cache_clear()
