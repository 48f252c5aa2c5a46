"""Load the YAML files that hold extraction knowledge, and say where a bad entry is (file:line).

Rule files are data reviewed like code; a typo must fail at load with its place, not silently
change what the extractor finds.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RuleFileError(ValueError):
    """A rule or word-list file is malformed; the message starts with file:line."""


class RuleFile:
    """A parsed YAML file plus the line of each top-level key, for error messages."""

    def __init__(self, package: str, name: str) -> None:
        self.origin = f"{package.replace('.', '/')}/{name}"
        text = resources.files(package).joinpath(name).read_text("utf-8")
        try:
            self.data: Any = yaml.load(text, Loader=_LOADER)
            root = yaml.compose(text, Loader=_LOADER)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else 0
            raise RuleFileError(f"{self.origin}:{line}: not valid YAML: {getattr(error, 'problem', error)}") from None
        self._lines: dict[str, int] = {}
        if isinstance(root, yaml.MappingNode):
            for key, _ in root.value:
                if key.value in self._lines:  # PyYAML would silently keep the last one
                    raise RuleFileError(f"{self.origin}:{key.start_mark.line + 1}: {key.value}: repeated key "
                                        f"(first on line {self._lines[key.value]})")
                self._lines[key.value] = key.start_mark.line + 1

    def error(self, key: str, message: str) -> RuleFileError:
        return RuleFileError(f"{self.origin}:{self._lines.get(key, 0)}: {key}: {message}")

    def require_keys(self, allowed: set[str], required: set[str] | None = None) -> None:
        if not isinstance(self.data, dict):
            raise RuleFileError(f"{self.origin}:1: expected a mapping of keys at the top level")
        for key in self.data:
            if key not in allowed:
                raise self.error(key, f"unknown key; expected one of {sorted(allowed)}")
        for key in sorted((required or allowed) - set(self.data)):
            raise RuleFileError(f"{self.origin}: missing key {key!r}")

    def word_list(self, key: str) -> tuple[str, ...]:
        """A list of lower-case words or phrases without repeats."""
        values = self.data.get(key)
        if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
            raise self.error(key, "expected a list of words or phrases")
        words = tuple(" ".join(v.lower().split()) for v in values)
        repeated = sorted({w for w in words if words.count(w) > 1})
        if repeated:
            raise self.error(key, f"repeated entries {repeated}")
        return words


@cache
def rule_file(package: str, name: str) -> RuleFile:
    return RuleFile(package, name)
