"""Strip scraped web-page furniture ("Continue to read more latest news", view counters, share
buttons, cookie banners) with the line rules in boilerplate.yaml, counting what was removed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

RULE_KEYS = {"id", "pattern", "examples", "keeps"}


@dataclass(frozen=True, slots=True)
class LineRule:
    id: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    keeps: tuple[str, ...]


class RuleFileError(ValueError):
    """A rule file is malformed; the message names the file and the rule."""


def parse_line_rules(spec: list[dict], origin: str) -> tuple[LineRule, ...]:
    rules = []
    seen: set[str] = set()
    for position, entry in enumerate(spec, start=1):
        where = f"{origin}: rule {position}"
        unknown = set(entry) - RULE_KEYS
        if unknown:
            raise RuleFileError(f"{where}: unknown keys {sorted(unknown)}; expected {sorted(RULE_KEYS)}")
        rule_id = entry.get("id")
        if not rule_id or rule_id in seen:
            raise RuleFileError(f"{where}: missing or repeated id {rule_id!r}")
        seen.add(rule_id)
        try:
            pattern = re.compile(entry["pattern"], re.IGNORECASE)
        except (KeyError, re.error) as error:
            raise RuleFileError(f"{where} ({rule_id}): bad or missing pattern: {error}") from None
        rules.append(LineRule(rule_id, pattern, tuple(entry.get("examples", ())), tuple(entry.get("keeps", ()))))
    return tuple(rules)


@cache
def boilerplate_rules() -> tuple[LineRule, ...]:
    source = resources.files("builder.ingest").joinpath("boilerplate.yaml")
    return parse_line_rules(yaml.safe_load(source.read_text("utf-8")), "builder/ingest/boilerplate.yaml")


def matching_rule(line: str) -> str | None:
    """The id of the rule that marks this line as boilerplate, or None for article text."""
    stripped = line.strip()
    if not stripped or len(stripped) > 200:
        return None
    for rule in boilerplate_rules():
        if rule.pattern.fullmatch(stripped):
            return rule.id
    return None


def strip_boilerplate(text: str) -> tuple[str, int]:
    """Remove boilerplate lines; return the remaining text and how many lines were removed."""
    kept: list[str] = []
    removed = 0
    for line in text.split("\n"):
        if matching_rule(line):
            removed += 1
        else:
            kept.append(line)
    return "\n".join(kept), removed
