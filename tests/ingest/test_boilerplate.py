"""Every boilerplate rule removes its examples and keeps its counter-examples; the file is checked at load."""

from __future__ import annotations

import pytest

from builder.ingest.boilerplate import RuleFileError, boilerplate_rules, matching_rule, parse_line_rules, strip_boilerplate

RULES = boilerplate_rules()


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.id)
def test_rule_examples(rule):
    assert rule.examples, f"rule {rule.id} has no examples"
    for line in rule.examples:
        assert matching_rule(line) is not None, f"{rule.id} should remove {line!r}"
    for line in rule.keeps:
        assert matching_rule(line) is None, f"{rule.id} should keep {line!r}"


@pytest.mark.parametrize("sentence", [
    "Russia's Defense Ministry stated on Saturday that it was withdrawing soldiers.",
    "The governor shared a video on Telegram showing the damaged school.",
    "Nikolenko posted a photo on Twitter of soldiers in front of a government building.",
    "Officials said 350 people had been evacuated, with views divided on the plan.",
    "Related fighting was reported near Vuhledar.",
    "Subscribers to the channel reported explosions in Belgorod.",
])
def test_article_sentences_are_never_boilerplate(sentence):
    assert matching_rule(sentence) is None


def test_strip_counts_removed_lines_at_the_end_of_a_scraped_page():
    text = "Two people were killed.\n\nContinue to read more latest news\n\n 350 total views,  1 views today"
    stripped, removed = strip_boilerplate(text)
    assert removed == 2
    assert stripped.strip() == "Two people were killed."


@pytest.mark.parametrize("spec, message", [
    ([{"id": "a", "pattern": "x", "colour": "red"}], "unknown keys"),
    ([{"id": "a", "pattern": "("}], "bad or missing pattern"),
    ([{"id": "a", "pattern": "x"}, {"id": "a", "pattern": "y"}], "repeated id"),
])
def test_rule_file_errors_name_the_rule(spec, message):
    with pytest.raises(RuleFileError, match=message) as error:
        parse_line_rules(spec, "rules.yaml")
    assert "rules.yaml: rule" in str(error.value)
