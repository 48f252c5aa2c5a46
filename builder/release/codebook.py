"""CODEBOOK.md: every table and column of a release, generated from the table schemas.

Columns come with their type, whether a value is required, meaning (title and description) and the
values allowed (the schema's checks). The events section quotes the merge rule from builder/merge.py
with the parameters the build used; the vague-number section is the extractor's own map
(builder/incidents/lexicon/numbers.yaml), so the codebook cannot drift from what was applied.
"""

from __future__ import annotations

from importlib import resources

import yaml

import builder.merge
from builder.schemas import SCHEMA_VERSION, TABLES
from builder.tables import Column, primary_key, table_columns

NUMBERS = ("builder.incidents", "lexicon/numbers.yaml")
TYPE_WORDS = {"array": "list of text"}


def codebook(version: str, events_rule: dict | None, counts: dict[str, int]) -> str:
    lines = [f"# Codebook, release {version}", "",
             f"Schema version {SCHEMA_VERSION}. Generated from the table schemas of builder; the same definitions "
             "check every row before it is written. Each table is in this folder as `TABLE.parquet` (typed) and "
             "`TABLE.csv` (UTF-8, ISO dates, an empty cell for a missing value, lists as JSON arrays; a text cell "
             "starting with `= + - @` or a tab has a `'` put before it so spreadsheets do not run it).", "",
             "| table | one row per | rows | key |", "|---|---|---|---|"]
    for table, model in TABLES.items():
        lines.append(f"| [{table}](#{table}) | {_cell(_first_line(model.__doc__))} | {counts.get(table, 0):,} | "
                     f"{_code(primary_key(table)) or '(none)'} |")
    for table, model in TABLES.items():
        lines += ["", f"## {table}", "", _cell((model.__doc__ or "").strip()), ""]
        if key := primary_key(table):
            lines.append(f"Key: {_code(key)}, one value per row.")
        for column in table_columns(table):
            if column.references:
                lines.append(f"{_code(column.name)} refers to {_code('.'.join(column.references))}.")
        lines += ["", "| column | type | required | meaning | allowed values |", "|---|---|---|---|---|"]
        lines += [_column_row(column) for column in table_columns(table)]
        if table == "events":
            lines += ["", *_events_rule(events_rule)]
    lines += _vague_numbers()
    return "\n".join(lines) + "\n"


def _column_row(column: Column) -> str:
    meaning = ": ".join(part for part in (f"**{column.title}**" if column.title else "", column.description) if part)
    return (f"| {_code(column.name)} | {TYPE_WORDS.get(column.value_type, column.value_type)} | "
            f"{'no' if column.nullable else 'yes'} | {_cell(meaning)} | {_cell(_allowed(column))} |")


def _allowed(column: Column) -> str:
    rules = column.constraints
    parts = [", ".join(f"`{value}`" for value in rules["enum"])] if "enum" in rules else []
    parts += _bounds(rules.get("minimum"), rules.get("maximum"), "")
    if "pattern" in rules:
        parts.append(f"matches `{rules['pattern']}`")
    parts += _bounds(rules.get("minLength"), rules.get("maxLength"), " characters")
    if column.unique:
        parts.append("unique")
    return "; ".join(parts)


def _bounds(low: object, high: object, unit: str) -> list[str]:
    if low is not None and high is not None:
        return [f"{low} to {high}{unit}"]
    if low is not None:
        return [f"at least {low}{unit}"]
    return [f"at most {high}{unit}"] if high is not None else []


def _events_rule(rule: dict | None) -> list[str]:
    text = (builder.merge.__doc__ or "").split("The rule.", 1)[-1].strip()
    lines = ["### How incidents become events", "", text, ""]
    if rule:
        lines += ["Parameters used for this release:", "", "| parameter | value |", "|---|---|"]
        lines += [f"| {_code(name)} | {value} |" for name, value in rule.items()]
    return lines


def _vague_numbers() -> list[str]:
    try:
        text = resources.files(NUMBERS[0]).joinpath(NUMBERS[1]).read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return []
    spec = yaml.safe_load(text) or {}
    lines = ["", "## Vague numbers", "",
             "How counts written in words become low, best and high figures (empty: open). From "
             f"`builder/incidents/{NUMBERS[1]}`.", "", "| words | low | best | high |", "|---|---|---|---|"]
    for words, (low, best, high) in (spec.get("vague") or {}).items():
        lines.append(f"| {words} | {_number(low)} | {_number(best)} | {_number(high)} |")
    if qualifiers := spec.get("qualifiers"):
        lines += ["", "Qualified numbers N (rules as the file describes them):", "",
                  "| words | rule |", "|---|---|"]
        lines += [f"| {words} N | `{rule}` |" for words, rule in qualifiers.items()]
    return lines


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0].rstrip(".") if text else ""


def _code(name: str | None) -> str:
    return f"`{name}`" if name else ""


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
