"""UCDP GED-style rows from events: GED's column names, order and codes (mapping in ucdp.yaml).

Reads  : one events row and its reports (Reports: outlets, dates and headlines of its articles).
Returns: one dict per event with at least `include.min_killed` deaths (GED records fatal events
only), keyed by GED column; columns in ucdp.yaml's `empty` stay None. best/low/high are the
event's killed figures (median of reports, lowest, highest); deaths_civilians holds best when the
victims are civilians, deaths_unknown otherwise.
"""

from __future__ import annotations

import math

from builder.export.reports import Reports
from builder.export.rules import country, load_mapping, precision_code

PRIO_GRID_CELL_DEGREES = 0.5
PRIO_GRID_COLUMNS = 720


def ucdp_row(event: dict, reports: Reports) -> dict | None:
    spec = load_mapping("ucdp.yaml")
    best = event["killed"]
    if best is None or best < spec["include"]["min_killed"]:
        return None
    violence = spec["type_of_violence"]
    one_sided = event["victims"] in violence["one_sided_victims"]
    place = country(event["country_code"])
    row = dict.fromkeys(spec["columns"])
    row.update({
        "id": event["event_id"],
        "relid": event["event_id"],
        "year": event["date_start"].year,
        "type_of_violence": violence["one_sided"] if one_sided else violence["otherwise"],
        "side_a": event["actor"],
        "side_b": spec["one_sided_side_b"] if one_sided else None,
        "number_of_sources": event["n_sources"],
        "source_article": "; ".join(event["article_ids"]),
        "source_office": "; ".join(reports.outlets(event)),
        "source_date": "; ".join(reports.dates(event)),
        "source_headline": "; ".join(reports.headlines(event)),
        "where_prec": where_precision(spec["where_prec"], event),
        "where_coordinates": event["location"],
        "where_description": ", ".join(p for p in (event["location"], event["admin2"], event["admin1"]) if p),
        "adm_1": event["admin1"],
        "adm_2": event["admin2"],
        "latitude": event["latitude"],
        "longitude": event["longitude"],
        "country": place.get("name"),
        "date_prec": precision_code(spec["date_prec"], event["date_start"], event["date_end"],
                                    event["date_precision"]),
        "date_start": event["date_start"].isoformat(),
        "date_end": event["date_end"].isoformat(),
        "deaths_civilians": best if one_sided else 0,
        "deaths_unknown": 0 if one_sided else best,
        "best": best,
        "high": event["killed_high"] if event["killed_high"] is not None else best,
        "low": event["killed_low"] if event["killed_low"] is not None else best,
    })
    if event["latitude"] is not None and event["longitude"] is not None:
        row["geom_wkt"] = f"POINT ({event['longitude']} {event['latitude']})"
        row["priogrid_gid"] = priogrid_gid(event["latitude"], event["longitude"])
    return row


def where_precision(spec: dict, event: dict) -> int | None:
    if event["latitude"] is not None and event["geo_precision"] is not None:
        return spec["geo_precision"][event["geo_precision"]]
    return next((code for column, code in spec["no_coordinates"] if event[column] is not None), None)


def priogrid_gid(latitude: float, longitude: float) -> int:
    """The PRIO-GRID cell (0.5 degrees, numbered from 1 at -180/-90, row by row northwards)."""
    row = min(math.floor((latitude + 90) / PRIO_GRID_CELL_DEGREES), 359)
    column = min(math.floor((longitude + 180) / PRIO_GRID_CELL_DEGREES), PRIO_GRID_COLUMNS - 1)
    return row * PRIO_GRID_COLUMNS + column + 1
