"""Rule files are validated at load: a broken rule fails with its file, line and id."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from builder.timex.rules import RULES_DIR, load_rules
from builder.timex.yamlfile import RuleFileError

GOOD_RULE = """
- id: test_rule
  kind: weekday
  type: DATE
  pattern: '(?P<weekday>{weekday})'
  examples:
    - {text: "It happened on Friday.", published: 2022-09-10, finds: Friday, value: 2022-09-09}
"""


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES_DIR, folder)
    return folder


def _break(folder: Path, file: str, text: str) -> None:
    path = folder / file
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _last_line_with(folder: Path, file: str, text: str) -> int:
    lines = (folder / file).read_text(encoding="utf-8").splitlines()
    return max(i for i, line in enumerate(lines, 1) if text in line)


def test_the_shipped_rules_load():
    rules = load_rules()
    assert len(rules.rules) > 50
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", rule.id) for rule in rules.rules)
    assert len({rule.id for rule in rules.rules}) == len(rules.rules)


def test_a_good_added_rule_loads(rules_copy):
    _break(rules_copy, "weekdays.yaml", GOOD_RULE)
    assert "test_rule" in load_rules(rules_copy).by_id


@pytest.mark.parametrize(("change", "message", "line_of"), [
    (("kind: weekday", "kind: weekday\n  colour: red"), r"unknown key\(s\) \['colour'\]", "- id:"),
    (("'(?P<weekday>{weekday})'", "'(?P<weekday>{weekday}'"), "bad regular expression", "- id:"),
    (("'(?P<weekday>{weekday})'", "'(?P<weekday>{weekdayz})'"), r"unknown list or macro \{weekdayz\}", "- id:"),
    (("'(?P<weekday>{weekday})'", "'(?P<colour>{weekday})'"), "group 'colour' has no converter", "- id:"),
    (("kind: weekday", "kind: horoscope"), "unknown kind 'horoscope'", "- id:"),
    (("type: DATE", "type: MOMENT"), "type must be one of", "- id:"),
    (("  examples:\n    - {text: \"It happened on Friday.\", published: 2022-09-10, finds: Friday, value: 2022-09-09}",
      "  examples: []"), "every rule needs at least one example", "- id:"),
    (("published: 2022-09-10", "published: last week"), "published must be a YYYY-MM-DD date", "last week"),
    (("kind: weekday", "kind: weekday\n  meaning: {unit: fortnights}"), r"meaning \['unit'\] names no form of its list",
     "- id:"),
    (("kind: weekday", "kind: weekday\n  anchors: ['{weekdayz}']"), "anchors must be a non-empty list", "- id:"),
])
def test_a_broken_rule_is_named(rules_copy, change, message, line_of):
    old, new = change
    _break(rules_copy, "weekdays.yaml", GOOD_RULE.replace(old, new))
    with pytest.raises(RuleFileError, match=message) as error:
        load_rules(rules_copy)
    line = _last_line_with(rules_copy, "weekdays.yaml", line_of)
    assert str(error.value).startswith(f"weekdays.yaml:{line}: rule 'test_rule':")


def test_an_id_that_is_not_snake_case_is_named(rules_copy):
    _break(rules_copy, "weekdays.yaml", GOOD_RULE.replace("id: test_rule", "id: TestRule"))
    with pytest.raises(RuleFileError, match="'TestRule' must be snake_case") as error:
        load_rules(rules_copy)
    assert str(error.value).startswith(f"weekdays.yaml:{_last_line_with(rules_copy, 'weekdays.yaml', '- id:')}:")


def test_a_duplicate_id_is_named(rules_copy):
    _break(rules_copy, "weekdays.yaml", GOOD_RULE + GOOD_RULE)
    with pytest.raises(RuleFileError, match="duplicate rule id") as error:
        load_rules(rules_copy)
    assert str(error.value).startswith(f"weekdays.yaml:{_last_line_with(rules_copy, 'weekdays.yaml', '- id:')}: ")


def test_broken_yaml_names_the_line(rules_copy):
    _break(rules_copy, "sets.yaml", "\n- id: [unclosed\n")
    with pytest.raises(RuleFileError, match=r"sets\.yaml:\d+: not valid YAML"):
        load_rules(rules_copy)


def test_an_unknown_tense_key_is_named(rules_copy):
    _break(rules_copy, "tense.yaml", "\nmaybe: [perhaps]\n")
    with pytest.raises(RuleFileError, match=r"tense\.yaml:\d+: unknown key\(s\) \['maybe'\]"):
        load_rules(rules_copy)


def test_every_rule_file_opens_with_a_comment_on_its_format():
    for path in sorted(RULES_DIR.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").lstrip().splitlines()[0]
        assert first.startswith("#"), path.name
        assert "Format" in path.read_text(encoding="utf-8").split("\n-")[0] or "format" in first, path.name
