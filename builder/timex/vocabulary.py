"""The word lists and pattern pieces of rules/vocabulary.yaml: expanding {name} in patterns and
turning the text of a named group into its value (month name -> 9, "twenty-four" -> 24)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from builder.timex.yamlfile import LINE, RuleFileError, check_keys, read_yaml, without_lines

VAGUE = "X"  # a count nobody stated ("several days"): TIMEX3 writes it as X
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_BUILT_IN = {"int", "year", "number", "ordinal_number", "spelled_year", "text"}
_TRAILING_DIGITS = re.compile(r"[0-9]+$")
_ORDINAL_DIGITS = re.compile(r"^([0-9]+)(?:st|nd|rd|th)?$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\-]+")
_HALF = re.compile(r"([0-9]+)\s*(?:1/2|½)")
_AND_A_HALF = " and a half"
_POSSESSIVE = re.compile(r"['’]s$")


def _key(text: str) -> str:
    """The form a list is looked up by: lower case, single spaces, no possessive ("Friday's")."""
    return _POSSESSIVE.sub("", _SPACES.sub(" ", text.strip().lower()))


def word_pattern(form: str, case_sensitive: bool = False) -> str:
    """A regex for one word or phrase, whole-word, any run of spaces between its words."""
    escaped = re.escape(form).replace(r"\ ", r"\s+")
    if case_sensitive:
        upper = re.escape(form.upper())
        escaped = f"(?-i:{escaped}|{upper})" if upper != escaped else f"(?-i:{escaped})"
    # Word boundaries only on word-character ends: "Sept." and "mid-" end in punctuation.
    before = r"(?<!\w)" if form[0].isalnum() else ""
    after = r"(?!\w)" if form[-1].isalnum() else ""
    return before + escaped + after


@dataclass(frozen=True)
class Vocabulary:
    lists: Mapping[str, Mapping[str, Any]]  # list name -> normalised form -> value
    patterns: Mapping[str, str]  # list or macro name -> expanded regular expression
    groups: Mapping[str, str]  # group name -> list name or built-in converter
    path: Path
    macros: Mapping[str, str] = field(default_factory=dict)  # macro name -> its text as written

    def expand(self, pattern: str, path: Path, line: int | None, rule_id: str | None) -> str:
        """The pattern with every {name} replaced by its list or macro."""

        def replace(match: re.Match) -> str:
            name = match.group(1)
            if name not in self.patterns:
                raise RuleFileError(path, line, rule_id, f"unknown list or macro {{{name}}} "
                                    f"(defined in {self.path.name}: {sorted(self.patterns)})")
            return self.patterns[name]

        return _PLACEHOLDER.sub(replace, pattern)

    def converter_of(self, group: str) -> str | None:
        return self.groups.get(group) or self.groups.get(_TRAILING_DIGITS.sub("", group))

    def convert(self, group: str, text: Any) -> Any:
        """The value a group's text stands for; None when the text is not a known form."""
        converter = self.converter_of(group)
        if not isinstance(text, str):
            return text  # a fixed meaning already written as a value in a rule file
        if converter == "text" or converter is None:
            return text
        if converter == "int":
            digits = re.sub(r"[^0-9]", "", text)
            return int(digits) if digits else None
        if converter == "year":
            return int(text)
        if converter == "number":
            return self.number(text)
        if converter == "spelled_year":
            return self.spelled_year(text)
        if converter == "ordinal_number":
            if match := _ORDINAL_DIGITS.match(text.strip()):
                return int(match.group(1))
            return self.lists["ordinal"].get(_key(text))
        return self.lists[converter].get(_key(text))

    def spelled_year(self, text: str) -> int | None:
        """"nineteen ninety-six" -> 1996, "two thousand and three" -> 2003, "nineteen oh five" -> 1905."""
        words = _key(text).replace(" and ", " ").split(" ")
        if words[:2] == ["two", "thousand"]:
            rest = self.number(" ".join(words[2:])) if words[2:] else 0
            return 2000 + rest if isinstance(rest, int) else None
        hundreds = self.number(words[0])
        rest = words[2:] if words[1] == "oh" else words[1:]
        tail = self.number(" ".join(rest))
        return hundreds * 100 + tail if isinstance(hundreds, int) and isinstance(tail, int) else None

    def number(self, text: str) -> float | int | str | None:
        """3, 2.5, "twenty-four", "a", "several" (-> VAGUE)."""
        key = _key(text)
        if key.endswith(_AND_A_HALF):  # "two and a half"
            whole = self.number(key.removesuffix(_AND_A_HALF))
            return whole + 0.5 if isinstance(whole, (int, float)) else None
        if match := _HALF.fullmatch(key):  # "5 1/2", "5½"
            return int(match.group(1)) + 0.5
        if re.fullmatch(r"[0-9]+", key):
            return int(key)
        if re.fullmatch(r"[0-9]+\.[0-9]+", key):
            return float(key)
        for name in ("number_word", "vague_number", "ones_word"):
            if key in self.lists[name]:
                return self.lists[name][key]
        tens, _, ones = key.partition(" ")
        if tens in self.lists["tens_word"]:
            return self.lists["tens_word"][tens] + (self.lists["ones_word"].get(ones, 0) if ones else 0)
        return None


def load_vocabulary(path: Path) -> Vocabulary:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise RuleFileError(path, None, None, "expected a mapping with lists, case_sensitive, macros, groups")
    check_keys(path, data, {"lists", "case_sensitive", "macros", "groups"}, {"lists", "macros", "groups"}, None)
    case_sensitive = set(data.get("case_sensitive") or [])
    lists: dict[str, dict[str, Any]] = {}
    patterns: dict[str, str] = {}
    for name, forms in data["lists"].items():
        if name == LINE:
            continue
        if not isinstance(forms, dict) or not forms:
            raise RuleFileError(path, data["lists"][LINE], None, f"list {name!r} must map forms to values")
        forms = without_lines(forms)
        lists[name] = {_key(str(form)): value for form, value in forms.items()}
        ordered = sorted((str(form) for form in forms), key=len, reverse=True)  # longest form first
        patterns[name] = "(?:" + "|".join(word_pattern(f, f in case_sensitive) for f in ordered) + ")"
    unknown_case = case_sensitive - {str(form) for forms in data["lists"].values()
                                      if isinstance(forms, dict) for form in forms}
    if unknown_case:
        raise RuleFileError(path, data[LINE], None, f"case_sensitive names forms in no list: {sorted(unknown_case)}")
    macros = without_lines(data["macros"])
    vocabulary = Vocabulary(lists, patterns, {}, path)
    for name, piece in macros.items():  # a macro may use lists and the macros written above it
        patterns[name] = vocabulary.expand(str(piece), path, data["macros"][LINE], f"macro {name}")
        _compile_check(patterns[name], path, data["macros"][LINE], f"macro {name}")
    groups = without_lines(data["groups"])
    for group, converter in groups.items():
        if converter not in lists and converter not in _BUILT_IN:
            raise RuleFileError(path, data["groups"][LINE], None,
                                f"group {group!r} names {converter!r}, which is neither a list nor one of "
                                f"{sorted(_BUILT_IN)}")
    return Vocabulary(lists, patterns, groups, path, macros)


def _compile_check(pattern: str, path: Path, line: int | None, what: str) -> None:
    try:
        regex.compile(pattern, regex.IGNORECASE | regex.VERBOSE)
    except regex.error as error:
        raise RuleFileError(path, line, what, f"bad regular expression: {error}") from None
