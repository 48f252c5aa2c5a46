"""Incident: one row of the incidents table, and its deterministic id."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields, replace
from datetime import date


@dataclass(frozen=True, slots=True)
class Incident:
    incident_type: str
    date_start: date
    date_end: date
    date_precision: str
    date_text: str | None
    location: str | None
    location_text: str | None
    admin1: str | None
    admin2: str | None
    country_code: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    actor: str | None
    attack_type: str | None
    claimant: str | None
    claim_status: str
    killed: int | None
    killed_low: int | None
    killed_high: int | None
    injured: int | None
    injured_low: int | None
    injured_high: int | None
    victims: str | None
    cumulative: bool
    control_change: str | None
    settlements: int | None
    area_km2: float | None
    sentence: str
    char_start: int
    char_end: int
    confidence: float
    # Not a column. 1, 2, ... for a later incident of the article with the same identity as an earlier one
    # (two parties claiming one town in one sentence), so its id differs; every other id stays as it was.
    repeat: int = 0

    def with_changes(self, **changes) -> Incident:
        return replace(self, **changes)

    def identity(self) -> tuple:
        """What makes two rows of one article the same incident, for the id."""
        return (self.incident_type, self.char_start, self.char_end, self.location, self.control_change,
                self.killed, self.injured, self.settlements, self.area_km2, self.cumulative)

    def as_row(self, article_id: str, extractor_version: str) -> dict:
        parts = (article_id, *self.identity(), *((f"repeat {self.repeat}",) if self.repeat else ()))
        incident_id = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
        row = {"incident_id": incident_id, "article_id": article_id}
        row.update((name, getattr(self, name)) for name in FIELD_NAMES)  # asdict deep-copies every value
        row["extractor_version"] = extractor_version
        return row


def number_repeats(incidents: list[Incident]) -> list[Incident]:
    """Number the incidents whose identity an earlier one of the article already has, so ids are unique."""
    seen: dict[tuple, int] = {}
    numbered = []
    for incident in incidents:
        key = incident.identity()
        numbered.append(incident.with_changes(repeat=seen[key]) if key in seen else incident)
        seen[key] = seen.get(key, 0) + 1
    return numbered


FIELD_NAMES = tuple(f.name for f in fields(Incident) if f.name != "repeat")
