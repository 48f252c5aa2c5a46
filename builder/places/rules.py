"""Load and check the place rule files: rules.yaml (context rules and word lists), aliases.tsv,
admin1.tsv (English admin-1 names), exonyms.tsv (English names of GeoNames places), variants.tsv
(romanisation variants) and demonyms.tsv. A bad file fails at load with file:line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex
import yaml

HERE = Path(__file__).resolve().parent
RULES_FILE = HERE / "rules.yaml"
ALIASES_FILE = HERE / "aliases.tsv"
ADMIN1_FILE = HERE / "admin1.tsv"
DEMONYMS_FILE = HERE / "demonyms.tsv"
EXONYMS_FILE = HERE / "exonyms.tsv"
VARIANTS_FILE = HERE / "variants.tsv"

FAMILIES = ("dateline", "not_place", "actor", "region", "relative", "settlement")
RULE_KEYS = {"id", "before", "after", "unless_before", "relation", "geo_precision", "role", "applies_to", "names",
             "examples"}
# What a rule may be restricted to: the kinds of the name's gazetteer candidates, or a national capital.
APPLIES_TO = {"capital", "country", "admin1", "place", "alias"}
EXAMPLE_KEYS = {"text", "place", "expect", "role", "relation", "precision", "admin1"}
# One capitalised word (case-sensitive even inside an ignore-case pattern): a coordinated name.
NAME_WORD = r"(?-i:[A-Z][\w'’-]*)"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TARGET = re.compile(r"^(gn|katottg|admin1|country):([A-Za-z0-9.]+)$")
_COUNTRIES = re.compile(r"^[A-Z]{2}(?: [A-Z]{2})*$")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")


def compiled_files() -> tuple[Path, ...]:
    """The rule files that shape the gazetteer index (a change rebuilds it)."""
    return ALIASES_FILE, ADMIN1_FILE, EXONYMS_FILE, VARIANTS_FILE


class RuleFileError(ValueError):
    """A rule file that cannot be used; the message starts with file:line."""


@dataclass(frozen=True, slots=True)
class ContextRule:
    id: str
    family: str
    before: regex.Pattern | None  # must match the text before the name (anchored at its end; reverse search)
    after: re.Pattern | None  # must match the text after the name (anchored at its start)
    unless_before: regex.Pattern | None
    relation: str | None
    geo_precision: int | None
    role: str | None  # actor | dateline | none (not a place)
    applies_to: frozenset[str]  # empty: every name
    names: re.Pattern | None  # the rule fires only for names matching this (whole words, ignoring case)
    examples: tuple[dict, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Alias:
    text: str
    targets: tuple[tuple[str, str], ...]  # (kind, reference)
    context: tuple[str, ...] | None  # ISO2 codes: the alias applies when the article names one of them
    note: str
    line: int

    @property
    def rule(self) -> str:
        return f"alias:{ALIASES_FILE.name}:{self.line}"


class _LineLoader(yaml.SafeLoader):
    """Remembers the line each mapping starts on, for error messages."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


@cache
def _rule_file() -> dict:
    return yaml.load(RULES_FILE.read_text(encoding="utf-8"), Loader=_LineLoader)


@cache
def word_lists() -> dict[str, frozenset[str]]:
    """The named word lists of rules.yaml, lower-cased."""
    words = _rule_file().get("words", {})
    return {name: frozenset(str(e).casefold() for e in entries) for name, entries in words.items()
            if name != "__line__" and isinstance(entries, list)}


@cache
def context_rules() -> dict[str, tuple[ContextRule, ...]]:
    """Rules per family, in file order."""
    where = RULES_FILE.name
    data = _rule_file()
    words = {name: value for name, value in data.get("words", {}).items() if name != "__line__"}
    alternations = {"name_word": NAME_WORD}
    for name, entries in words.items():
        if not isinstance(entries, list) or not all(isinstance(e, str) and e for e in entries):
            raise RuleFileError(f"{where}:{data['words']['__line__']}: word list {name!r} must be a list of words")
        ordered = sorted(entries, key=len, reverse=True)
        alternations[name] = "(?:" + "|".join(re.escape(e).replace(r"\ ", r"\s+") for e in ordered) + ")"
    rules = data.get("rules", {})
    unknown_families = set(rules) - set(FAMILIES) - {"__line__"}
    if unknown_families:
        raise RuleFileError(f"{where}:{rules['__line__']}: unknown rule families {sorted(unknown_families)}")
    loaded = {}
    seen_ids = set()
    for family in FAMILIES:
        loaded[family] = tuple(_context_rule(family, raw, alternations, seen_ids) for raw in rules.get(family, ()))
    return loaded


def _context_rule(family: str, raw: dict, alternations: dict[str, str], seen_ids: set[str]) -> ContextRule:
    raw = dict(raw)
    line = raw.pop("__line__")
    where = f"{RULES_FILE.name}:{line}"
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise RuleFileError(f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(RULE_KEYS)}")
    rule_id = raw.get("id", "")
    if not _ID.match(rule_id) or rule_id in seen_ids:
        raise RuleFileError(f"{where}: rule id {rule_id!r} must be snake_case and unique")
    seen_ids.add(rule_id)
    if "before" not in raw and "after" not in raw:
        raise RuleFileError(f"{where}: rule {rule_id} needs before, after or both")
    before = _compile(raw["before"], "before", alternations, f"{where}: rule {rule_id}") if "before" in raw else None
    after = _compile(raw["after"], "after", alternations, f"{where}: rule {rule_id}") if "after" in raw else None
    unless = raw.get("unless_before")
    unless_before = _compile(unless, "before", alternations, f"{where}: rule {rule_id}") if unless else None
    role = raw.get("role")
    wanted_role = {"not_place": ("none", "actor"), "actor": ("none", "actor"), "dateline": ("dateline",)}
    if family in wanted_role and role not in wanted_role[family]:
        raise RuleFileError(f"{where}: rule {rule_id} in {family} needs role: {' or '.join(wanted_role[family])}")
    applies_to = raw.get("applies_to") or []
    applies_to = [applies_to] if isinstance(applies_to, str) else applies_to
    if set(applies_to) - APPLIES_TO:
        raise RuleFileError(f"{where}: rule {rule_id}: applies_to must be among {sorted(APPLIES_TO)}")
    names = None
    if "names" in raw:
        names = _compile(raw["names"], "after", alternations, f"{where}: rule {rule_id} names")
    precision = raw.get("geo_precision")
    if family in ("region", "relative") and (precision not in (1, 2, 3) or not raw.get("relation")):
        raise RuleFileError(f"{where}: rule {rule_id} needs a relation and geo_precision 1, 2 or 3")
    examples = []
    for example in raw.get("examples", ()):
        example = dict(example)
        example_line = example.pop("__line__")
        if set(example) - EXAMPLE_KEYS or not {"text", "place"} <= set(example):
            raise RuleFileError(f"{RULES_FILE.name}:{example_line}: an example needs text and place; "
                                f"allowed keys {sorted(EXAMPLE_KEYS)}")
        examples.append(example)
    if not examples:
        raise RuleFileError(f"{where}: rule {rule_id} has no examples")
    return ContextRule(rule_id, family, before, after, unless_before, raw.get("relation"), precision, role,
                       frozenset(applies_to), names, tuple(examples), line)


def _compile(source: str, side: str, alternations: dict[str, str], where: str) -> re.Pattern | regex.Pattern:
    for name in _PLACEHOLDER.findall(source):
        if name not in alternations:
            raise RuleFileError(f"{where} uses undefined word list {{{name}}}")
    expanded = _PLACEHOLDER.sub(lambda m: alternations[m.group(1)], source)
    if side != "before":
        try:
            return re.compile(expanded, re.IGNORECASE)
        except re.error as error:
            raise RuleFileError(f"{where}: bad regex: {error}") from None
    expanded = expanded if expanded.endswith("$") else expanded + "$"
    try:
        re.compile(expanded)  # the syntax rule files are written in
        # A `before` pattern ends where the name starts: searched from the end (the `regex` module's
        # reverse search), it is tried at the end only, not at every position of the text before the name.
        return regex.compile(expanded, regex.IGNORECASE | regex.REVERSE)
    except (re.error, regex.error) as error:
        raise RuleFileError(f"{where}: bad regex: {error}") from None


def _tsv_rows(path: Path, columns: int):
    """(line number, cells) for each data row; comments and the header are skipped."""
    header_seen = False
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not text.strip() or text.startswith("#"):
            continue
        cells = text.split("\t")
        if len(cells) != columns:
            raise RuleFileError(f"{path.name}:{number}: expected {columns} tab-separated columns, found {len(cells)}")
        if not header_seen:
            header_seen = True
            continue
        yield number, [cell.strip() for cell in cells]


@cache
def aliases() -> tuple[Alias, ...]:
    loaded = []
    for line, (text, target, context, note) in _tsv_rows(ALIASES_FILE, 4):
        targets = []
        for part in target.split("+"):
            match = _TARGET.match(part)
            if not match:
                raise RuleFileError(f"{ALIASES_FILE.name}:{line}: bad target {part!r}; expected "
                                    "gn:ID, katottg:CODE, admin1:CODE or country:ISO2")
            targets.append((match[1], match[2]))
        if not text or (context and not _COUNTRIES.match(context)):
            raise RuleFileError(f"{ALIASES_FILE.name}:{line}: alias text is empty or context is not ISO2 codes "
                                "separated by spaces")
        loaded.append(Alias(text, tuple(targets), tuple(context.split()) if context else None, note, line))
    return tuple(loaded)


@cache
def exonyms() -> dict[str, str]:
    """GeoNames id -> English name."""
    found = {}
    for line, (target, name, _note) in _tsv_rows(EXONYMS_FILE, 3):
        match = re.fullmatch(r"gn:(\d+)", target)
        if not match or not name:
            raise RuleFileError(f"{EXONYMS_FILE.name}:{line}: expected gn:GEONAMES_ID and a name")
        found[match[1]] = name
    return found


@cache
def variants() -> tuple[tuple[frozenset[str], re.Pattern, str], ...]:
    """(countries, pattern, replacement) in file order."""
    loaded = []
    for line, (countries, pattern, replacement, _note) in _tsv_rows(VARIANTS_FILE, 4):
        if not _COUNTRIES.match(countries):
            raise RuleFileError(f"{VARIANTS_FILE.name}:{line}: countries must be ISO2 codes separated by spaces")
        try:
            compiled = re.compile(pattern)
        except re.error as error:
            raise RuleFileError(f"{VARIANTS_FILE.name}:{line}: bad regex: {error}") from None
        loaded.append((frozenset(countries.split()), compiled, replacement))
    return tuple(loaded)


@cache
def admin1_overrides() -> dict[str, str]:
    return {code: name for _, (code, name) in _tsv_rows(ADMIN1_FILE, 2)}


@cache
def demonyms() -> dict[str, str]:
    """Lower-case demonym -> ISO2 country."""
    found = {}
    for line, (word, country) in _tsv_rows(DEMONYMS_FILE, 2):
        if not re.fullmatch(r"[A-Z]{2}", country):
            raise RuleFileError(f"{DEMONYMS_FILE.name}:{line}: country {country!r} is not an ISO2 code")
        found[word.casefold()] = country
    return found
