"""ACLED-style rows from events: ACLED's column names, order and codes (mapping in acled.yaml).

Reads  : one events row and its reports (Reports: outlets and the first report's sentence).
Returns: one dict per event, keyed by ACLED column; columns in acled.yaml's `empty` stay None.
fatalities is the lowest reported figure (the event's killed_low, else its best, else 0), as ACLED
codes the most conservative figure; notes is the earliest report's evidence sentence.
"""

from __future__ import annotations

from builder.export.reports import Reports
from builder.export.rules import actor_kind, country, first_match, load_mapping, middle_day, precision_code


def acled_row(event: dict, reports: Reports) -> dict:
    spec = load_mapping("acled.yaml")
    kind = actor_kind(event["actor"], event["country_code"])
    rule = first_match(spec["event_types"], {**event, "actor_kind": kind})
    precision = precision_code(spec["time_precision"], event["date_start"], event["date_end"],
                               event["date_precision"])
    day = event["date_start"] if precision == 1 else middle_day(event["date_start"], event["date_end"])
    place = country(event["country_code"])
    victims = spec["civilian_targeting"]
    killed = next((v for v in (event["killed_low"], event["killed"]) if v is not None), 0)
    row = dict.fromkeys(spec["columns"])
    row.update({
        "event_id_cnty": event["event_id"],
        "event_date": day.isoformat(),
        "year": day.year,
        "time_precision": precision,
        **rule["then"],
        "actor1": event["actor"],
        "inter1": spec["inter"].get(kind) if kind else None,
        "civilian_targeting": victims["value"] if event["victims"] in victims["victims"] else None,
        "iso": place.get("isonumeric"),
        "country": place.get("name"),
        "admin1": event["admin1"],
        "admin2": event["admin2"],
        "location": event["location"],
        "latitude": event["latitude"],
        "longitude": event["longitude"],
        "geo_precision": event["geo_precision"] if event["latitude"] is not None else 3,
        "source": "; ".join(reports.outlets(event)),
        "notes": reports.first_sentence(event),
        "fatalities": killed,
        "tags": f"builder:{rule['id']}",
        "timestamp": reports.built_timestamp,
    })
    return row
