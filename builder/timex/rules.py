"""Loading the rule files under rules/: validated once, at load, so a broken rule fails with its file,
line and id rather than as a wrong date later.

Rule families (one YAML file each, see the comment at the top of each):
ranges, explicit, deictic, weekdays, calendar, offsets, durations, sets, clock: rules that find
expressions; not_time: spans that are never time expressions; signals: words before an expression
that change its range; tense: cues that say whether a sentence looks back or ahead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import regex

from builder.timex.anchors import Anchors, anchor_words, unknown_anchor_lists
from builder.timex.index import TokenIndex
from builder.timex.leads import WHOLE_WORD, Leads, lead_words
from builder.timex.resolve import MEANING_KEYS, RESOLVERS, TYPES
from builder.timex.resolve.context import FUTURE, FUTURE_IN_PAST, PAST
from builder.timex.vocabulary import Vocabulary, load_vocabulary
from builder.timex.yamlfile import LINE, RuleFileError, check_keys, read_yaml, without_lines

RULES_DIR = Path(__file__).parent / "rules"
# Earlier families win ties between matches of equal length.
FINDING_FAMILIES = ("ranges", "explicit", "clock", "deictic", "weekdays", "offsets", "calendar", "sets", "durations")
FLAGS = regex.IGNORECASE | regex.VERBOSE
_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_EXAMPLE_KEYS = {"text", "published", "finds", "value", "type", "range", "precision", "absent"}
_SIGNAL_EFFECTS = {"open_until_published"}
_SIGNAL_REACH = 30  # characters before an expression a signal may take, unless it says otherwise
ESTABLISHING_TYPES = ("DATE", "TIME")  # by default a rule of these types moves the story's date
_TENSE_TOKEN = re.compile(r"\w+(?:['’]t)?|['’]\w+")


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence, its publication date and what the rule must make of it (None: not checked)."""

    text: str
    published: date
    finds: str | None = None
    value: str | None = None
    type: str | None = None
    range: tuple[date | None, date | None] | None = None
    precision: str | None = None
    absent: str | None = None  # a piece of the text no expression may overlap


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    type: str
    pattern: regex.Pattern
    meaning: dict[str, Any]
    establishes: bool  # does it move the story's date ("the next day" counts from it)? DATE/TIME by default
    examples: tuple[Example, ...]
    source: str
    order: int
    anchors: Anchors | None  # words one of which a match contains (see anchors.py); None: run everywhere
    leads: Leads | None  # words a match begins with (see leads.py); None: search every position
    unless_tense: str | None = None  # PAST or FUTURE: in a sentence of that tense the words are no time expression


@dataclass(frozen=True, slots=True)
class Exclusion:
    id: str
    pattern: regex.Pattern
    examples: tuple[Example, ...]
    source: str
    anchors: Anchors | None  # as a rule's
    leads: Leads | None  # as a rule's


@dataclass(frozen=True, slots=True)
class Signal:
    id: str
    pattern: regex.Pattern  # searched in the text just before an expression
    effect: str
    reach: int  # how many characters before the expression it may take
    examples: tuple[Example, ...]
    source: str


@dataclass(frozen=True, slots=True)
class TenseCues:
    phrases: dict[str, list[tuple[tuple[str, ...], str]]]  # first word -> (following words, PAST or FUTURE)
    past_suffix: str  # an ending that marks a past verb ("shelled")
    not_past: frozenset[str]  # words with that ending that are not past verbs ("hundred")
    reporting: frozenset[str]  # verbs of saying and `just_before` words: cues only right before an expression
    reporting_reach: int  # how close before, in characters
    passive_after: frozenset[str]  # forms of "be": a past participle after one is no cue


@dataclass(frozen=True)
class RuleSet:
    vocabulary: Vocabulary
    rules: tuple[Rule, ...]
    exclusions: tuple[Exclusion, ...]
    signals: tuple[Signal, ...]
    tense: TenseCues
    by_id: dict[str, Rule]
    token_index: TokenIndex  # where in a text each rule's anchors and leads are


@cache
def load_rules(folder: Path = RULES_DIR) -> RuleSet:
    vocabulary = load_vocabulary(folder / "vocabulary.yaml")
    rules: list[Rule] = []
    for family in FINDING_FAMILIES:
        path = folder / f"{family}.yaml"
        for entry in _entries(path):
            rules.append(_rule(path, entry, vocabulary, len(rules)))
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            file, line = rule.source.split(":")
            raise RuleFileError(folder / file, int(line), rule.id, f"duplicate rule id (first defined at {seen[rule.id]})")
        seen[rule.id] = rule.source
    exclusions = tuple(_exclusion(folder / "not_time.yaml", e, vocabulary) for e in _entries(folder / "not_time.yaml"))
    signals = tuple(_signal(folder / "signals.yaml", e, vocabulary) for e in _entries(folder / "signals.yaml"))
    tense = _tense(folder / "tense.yaml")
    token_index = TokenIndex((*rules, *exclusions))
    return RuleSet(vocabulary, tuple(rules), exclusions, signals, tense, {r.id: r for r in rules},
                   token_index)


def _entries(path: Path) -> list[dict]:
    data = read_yaml(path)
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise RuleFileError(path, None, None, "expected a list of rules (mappings)")
    return data


def _compile(pattern: Any, path: Path, line: int, rule_id: str, vocabulary: Vocabulary) -> regex.Pattern:
    """Patterns use the `regex` module: it allows one group name in several alternatives
    ("from (?P<weekday>..) to|between (?P<weekday>..) and"), which keeps range rules readable."""
    if not isinstance(pattern, str) or not pattern.strip():
        raise RuleFileError(path, line, rule_id, "pattern must be a non-empty string")
    # Whole words only: "now" is not in "know", nor "spring" in "MindSpring".
    expanded = rf"{WHOLE_WORD}(?:{vocabulary.expand(pattern, path, line, rule_id)})(?!\w)"
    try:
        compiled = regex.compile(expanded, FLAGS)
    except regex.error as error:
        raise RuleFileError(path, line, rule_id, f"bad regular expression: {error}") from None
    for group in compiled.groupindex:
        if vocabulary.converter_of(group) is None:
            raise RuleFileError(path, line, rule_id, f"group {group!r} has no converter in "
                                f"{vocabulary.path.name} (groups: {sorted(vocabulary.groups)})")
    if compiled.match(""):
        raise RuleFileError(path, line, rule_id, "pattern matches the empty string")
    return compiled


def _rule_id(path: Path, entry: dict) -> str:
    rule_id = entry.get("id")
    if not isinstance(rule_id, str) or not _ID.match(rule_id):
        raise RuleFileError(path, entry.get(LINE), None, f"id {rule_id!r} must be snake_case")
    return rule_id


def _rule(path: Path, entry: dict, vocabulary: Vocabulary, order: int) -> Rule:
    rule_id = _rule_id(path, entry)
    line = entry[LINE]
    check_keys(path, entry, {"id", "kind", "type", "pattern", "meaning", "establishes", "anchors", "unless_tense",
                             "examples"}, {"id", "kind", "type", "pattern", "examples"}, rule_id)
    if entry.get("unless_tense") not in (None, PAST, FUTURE):
        raise RuleFileError(path, line, rule_id, f"unless_tense must be {PAST} or {FUTURE}")
    declared = entry.get("anchors")
    if declared is not None and (not isinstance(declared, list) or not declared
                                 or unknown_anchor_lists([str(a) for a in declared], vocabulary)):
        raise RuleFileError(path, line, rule_id, "anchors must be a non-empty list of words, {list} names or digit")
    if entry["kind"] not in RESOLVERS:
        raise RuleFileError(path, line, rule_id, f"unknown kind {entry['kind']!r}; kinds: {sorted(RESOLVERS)}")
    if entry["type"] not in TYPES:
        raise RuleFileError(path, line, rule_id, f"type must be one of {sorted(TYPES)}")
    meaning = without_lines(entry.get("meaning") or {})
    if unknown := set(meaning) - MEANING_KEYS:
        raise RuleFileError(path, line, rule_id, f"unknown meaning key(s) {sorted(unknown)}; "
                            f"allowed: {sorted(MEANING_KEYS)}")
    converted = {key: vocabulary.convert(key, value) for key, value in meaning.items()}
    if bad := [key for key, value in converted.items() if value is None]:
        raise RuleFileError(path, line, rule_id, f"meaning {bad} names no form of its list")
    pattern = _compile(entry["pattern"], path, line, rule_id, vocabulary)
    return Rule(rule_id, entry["kind"], entry["type"], pattern,
                converted, bool(entry.get("establishes", entry["type"] in ESTABLISHING_TYPES)),
                _examples(path, entry, rule_id, required=True),
                f"{path.name}:{line}", order,
                anchor_words(entry["pattern"], vocabulary, [str(a) for a in declared] if declared else None),
                lead_words(pattern.pattern), entry.get("unless_tense"))


def _exclusion(path: Path, entry: dict, vocabulary: Vocabulary) -> Exclusion:
    rule_id = _rule_id(path, entry)
    check_keys(path, entry, {"id", "pattern", "examples"}, {"id", "pattern", "examples"}, rule_id)
    pattern = _compile(entry["pattern"], path, entry[LINE], rule_id, vocabulary)
    return Exclusion(rule_id, pattern, _examples(path, entry, rule_id, required=True), f"{path.name}:{entry[LINE]}",
                     anchor_words(entry["pattern"], vocabulary), lead_words(pattern.pattern))


def _signal(path: Path, entry: dict, vocabulary: Vocabulary) -> Signal:
    rule_id = _rule_id(path, entry)
    check_keys(path, entry, {"id", "before", "effect", "reach", "examples"}, {"id", "before", "effect", "examples"},
               rule_id)
    if entry["effect"] not in _SIGNAL_EFFECTS:
        raise RuleFileError(path, entry[LINE], rule_id, f"effect must be one of {sorted(_SIGNAL_EFFECTS)}")
    reach = entry.get("reach", _SIGNAL_REACH)
    if not isinstance(reach, int) or reach < 1:
        raise RuleFileError(path, entry[LINE], rule_id, "reach must be a positive number of characters")
    return Signal(rule_id, _compile(entry["before"] + r"\s*$", path, entry[LINE], rule_id, vocabulary), entry["effect"],
                  reach, _examples(path, entry, rule_id, required=True), f"{path.name}:{entry[LINE]}")


def _tense(path: Path) -> TenseCues:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleFileError(path, None, None, "expected a mapping with future, past, past_suffix, not_past")
    check_keys(path, data, {"future", "future_in_past", "past", "past_suffix", "not_past", "reporting", "just_before",
                            "reporting_reach",
                            "passive_after"}, {"future", "past", "past_suffix"}, None)
    if not isinstance(data.get("reporting_reach", 0), int):
        raise RuleFileError(path, data[LINE], None, "reporting_reach must be a number of characters")
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key, label in (("future", FUTURE), ("future_in_past", FUTURE_IN_PAST), ("past", PAST)):
        if key not in data:
            continue
        if not isinstance(data[key], list):
            raise RuleFileError(path, data[LINE], None, f"{key} must be a list of words or phrases")
        for phrase in data[key]:
            first, *rest = tense_tokens(str(phrase))
            phrases.setdefault(first, []).append((tuple(rest), label))
    for candidates in phrases.values():
        candidates.sort(key=lambda item: -len(item[0]))  # "going to" before "going"
    return TenseCues(phrases, str(data["past_suffix"]).lower(),
                     frozenset(str(w).lower() for w in data.get("not_past") or []),
                     frozenset(str(w).lower() for w in (data.get("reporting") or []) + (data.get("just_before") or [])),
                     data.get("reporting_reach", 0),
                     frozenset(str(w).lower() for w in data.get("passive_after") or []))


def tense_tokens(text: str) -> list[str]:
    """Words as tense cues see them: lower case, "we'll" -> we, 'll; "won't" stays whole."""
    return [token.lower().replace("’", "'") for token in _TENSE_TOKEN.findall(text)]


def _examples(path: Path, entry: dict, rule_id: str, required: bool) -> tuple[Example, ...]:
    raw = entry.get("examples") or []
    if required and not raw:
        raise RuleFileError(path, entry[LINE], rule_id, "every rule needs at least one example")
    examples = []
    for item in raw:
        if not isinstance(item, dict):
            raise RuleFileError(path, entry[LINE], rule_id, "an example is a mapping (text, published, ...)")
        check_keys(path, item, _EXAMPLE_KEYS, {"text", "published"}, rule_id)
        if not isinstance(item["published"], date):
            raise RuleFileError(path, item[LINE], rule_id, "example published must be a YYYY-MM-DD date")
        if "finds" not in item and "absent" not in item:
            raise RuleFileError(path, item[LINE], rule_id, "an example says what it finds or what is absent")
        span = item.get("range")
        if span is not None and (not isinstance(span, list) or len(span) != 2):
            raise RuleFileError(path, item[LINE], rule_id, "range is [start, end] (dates or null)")
        examples.append(Example(
            text=str(item["text"]), published=item["published"],
            finds=_text_or_none(item.get("finds")), value=_text_or_none(item.get("value")),
            type=item.get("type"), range=tuple(span) if span is not None else None,
            precision=item.get("precision"), absent=_text_or_none(item.get("absent"))))
    return tuple(examples)


def _text_or_none(value: Any) -> str | None:
    # YAML reads 2022-09-10 as a date and 2022 as a number; a TIMEX3 value is text.
    return None if value is None else str(value)
