"""The report's figures, drawn with plotly (its JavaScript ships inside the plotly wheel, so the page can
inline it and open offline). Every incident point carries its id as customdata: the page turns a click
into a jump to that incident's row in the evidence table, and the hover shows the evidence sentence.
"""

from __future__ import annotations

import html
import math
import textwrap
from datetime import timedelta

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from builder.report.data import OUTCOMES, Timeline, counted

TEMPLATE = "plotly_white"
TYPE_COLOURS = {
    "casualties": "#c0392b",
    "territorial_change": "#1f6fb2",
    "attack": "#e67e22",
    "infrastructure": "#7f5539",
    "displacement": "#8e44ad",
}
OTHER_COLOUR = "#555555"
OUTCOME_COLOURS = {"killed": "#8b1a1a", "injured": "#d68910"}
# Geo precision as the schema codes it: 1 the place itself, 2 near or part of it, 3 a region.
PRECISION_LABELS = {1: "the place itself", 2: "near or part of a place", 3: "region only"}
PRECISION_OPACITY = {1: 0.9, 2: 0.55, 3: 0.35}
CONTROL_SYMBOLS = {"gained": "triangle-up", "lost": "triangle-down", "withdrawn": "triangle-left"}
DAY = timedelta(days=1)
DAY_MS = 86_400_000
HOVER_WIDTH = 80
REFERENCE_COLOUR = "#9a9a9a"


def wrap(text: object, width: int = HOVER_WIDTH) -> str:
    """Escaped and wrapped for a plotly hover label, which reads a little HTML (<br>, <b>)."""
    if text is None or text is pd.NA or (isinstance(text, float) and math.isnan(text)):
        return ""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text), width)) or ""


def _type_colour(incident_type: str) -> str:
    return TYPE_COLOURS.get(incident_type, OTHER_COLOUR)


def _figure_count(value: float | None) -> str:
    return "–" if value is None or pd.isna(value) else f"{value:,.0f}"


def _incident_hover(row: pd.Series) -> str:
    dates = row["date_start"] if row["date_start"] == row["date_end"] else f"{row['date_start']} – {row['date_end']}"
    lines = [f"<b>{html.escape(str(row['incident_type']))}</b> · {dates} ({row['date_precision']})"]
    place = ", ".join(dict.fromkeys(str(part) for part in (row["location"], row["admin1"]) if not pd.isna(part)))
    if place:
        lines.append(html.escape(place))
    for outcome in OUTCOMES:
        if row[f"{outcome}_stated"]:
            low, best, high = (row[f"{outcome}_low"], row[outcome], row[f"{outcome}_high"])
            lines.append(f"{outcome}: {_figure_count(best)} (range {_figure_count(low)}–{_figure_count(high)})")
    if not pd.isna(row["control_change"]):
        lines.append(html.escape(f"{row['actor'] if not pd.isna(row['actor']) else 'unknown actor'} "
                                 f"{row['control_change']} control"))
    claim = f"{row['claim_status']}" + (f" by {row['claimant']}" if not pd.isna(row["claimant"]) else "")
    lines.append(html.escape(claim))
    lines.append(f"<i>{wrap(row['sentence'])}</i>")
    return "<br>".join(lines)


def timeline_figure(data: Timeline, incidents: pd.DataFrame) -> go.Figure:
    """Killed and injured per day (best figure, low–high bar), week/month-dated rows as spans, and a strip
    with every incident by type. Cumulative rows are in none of it."""
    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.07, row_heights=[0.37, 0.37, 0.26],
                        subplot_titles=("Killed per day (cumulative totals excluded)",
                                        "Injured per day (cumulative totals excluded)",
                                        "Every incident, by type (click one to see its sentence)"))
    for row, outcome in enumerate(OUTCOMES, start=1):
        _add_daily(fig, data, outcome, row)
    _add_strip(fig, data, incidents, row=3)
    fig.update_layout(template=TEMPLATE, height=760, margin=dict(l=60, r=20, t=50, b=40), barmode="overlay",
                      legend=dict(orientation="h", y=-0.06), hoverlabel=dict(align="left"))
    fig.update_yaxes(rangemode="tozero", row=1)
    fig.update_yaxes(rangemode="tozero", row=2)
    return fig


def _add_daily(fig: go.Figure, data: Timeline, outcome: str, row: int) -> None:
    daily = data.daily[outcome]
    colour = OUTCOME_COLOURS[outcome]
    hover = [f"<b>{day:%Y-%m-%d}</b>: {outcome} {best:,.0f} (range {low:,.0f}–{high:,.0f})<br>"
             f"{incidents} incident(s){f', {opened} with an open bound' if opened else ''}<br>"
             + "<br>".join(f"<i>{wrap(sentence)}</i>" for sentence in sentences[:3])
             for day, best, low, high, incidents, opened, sentences in
             zip(daily["day"], daily["best"], daily["min"], daily["max"], daily["incidents"], daily["open"],
                 daily["sentences"])]
    fig.add_trace(go.Bar(x=daily["day"], y=daily["max"] - daily["min"], base=daily["min"], width=DAY_MS * 0.8,
                         marker=dict(color=colour, opacity=0.3), name=f"{outcome}: low–high",
                         legendgroup=outcome, hoverinfo="skip"), row=row, col=1)
    fig.add_trace(go.Scatter(x=daily["day"], y=daily["best"], mode="markers", name=f"{outcome}: best figure",
                             legendgroup=outcome, marker=dict(color=colour, size=9, symbol="diamond"),
                             customdata=daily["first_id"], hovertext=hover, hoverinfo="text"), row=row, col=1)
    spans = data.spans[data.spans[f"{outcome}_stated"]]
    if not spans.empty:
        fig.add_trace(_span_trace(spans, spans[f"{outcome}_best"], colour,
                                  f"{outcome}: dated to a week/month (span, not summed)", outcome), row=row, col=1)
    undated = data.undated[data.undated[f"{outcome}_stated"]]
    if not undated.empty:
        fig.add_trace(go.Scatter(x=undated["start"], y=undated[f"{outcome}_best"], mode="markers",
                                 name=f"{outcome}: no date in text (at publication date)", legendgroup=outcome,
                                 marker=dict(color=colour, size=9, symbol="circle-open"),
                                 customdata=undated["incident_id"], hoverinfo="text",
                                 hovertext=[_incident_hover(r) for _, r in undated.iterrows()]), row=row, col=1)


def _span_trace(spans: pd.DataFrame, heights: pd.Series, colour: str, name: str, group: str) -> go.Scatter:
    """One line segment per row from its first to its last day, with points at both ends and the middle so
    the hover finds it anywhere along it."""
    xs: list = []
    ys: list = []
    ids: list = []
    texts: list = []
    for (_, row), height in zip(spans.iterrows(), heights):
        end = row["end"] + DAY
        middle = row["start"] + (end - row["start"]) / 2
        hover = _incident_hover(row)
        xs += [row["start"], middle, end, None]
        ys += [height, height, height, None]
        ids += [row["incident_id"]] * 3 + [None]
        texts += [hover] * 3 + [None]
    return go.Scatter(x=xs, y=ys, mode="lines+markers", name=name, legendgroup=group, connectgaps=False,
                      line=dict(color=colour, width=6), opacity=0.5, marker=dict(size=4, color=colour),
                      customdata=ids, hovertext=texts, hoverinfo="text")


def _add_strip(fig: go.Figure, data: Timeline, incidents: pd.DataFrame, row: int) -> None:
    rows = counted(incidents[~incidents["cumulative"].astype(bool)])
    point = rows[(rows["start"] == rows["end"]) & (rows["date_precision"] != "unknown")]
    for incident_type, group in point.groupby("incident_type", sort=True):
        fig.add_trace(go.Scatter(x=group["start"], y=group["incident_type"], mode="markers", name=incident_type,
                                 legendgroup=incident_type, marker=dict(color=_type_colour(incident_type), size=10,
                                                                        opacity=0.75),
                                 customdata=group["incident_id"], hoverinfo="text",
                                 hovertext=[_incident_hover(r) for _, r in group.iterrows()]), row=row, col=1)
    for incident_type, group in data.spans.groupby("incident_type", sort=True):
        fig.add_trace(_span_trace(group, group["incident_type"], _type_colour(incident_type),
                                  f"{incident_type} (span)", incident_type), row=row, col=1)
    for incident_type, group in data.undated.groupby("incident_type", sort=True):
        fig.add_trace(go.Scatter(x=group["start"], y=group["incident_type"], mode="markers",
                                 name=f"{incident_type} (no date in text)", legendgroup=incident_type,
                                 marker=dict(color=_type_colour(incident_type), size=10, symbol="circle-open"),
                                 customdata=group["incident_id"], hoverinfo="text",
                                 hovertext=[_incident_hover(r) for _, r in group.iterrows()]), row=row, col=1)


def map_figure(points: pd.DataFrame, cities: pd.DataFrame, country_names: dict[str, str]) -> go.Figure:
    """Incidents on a longitude/latitude frame: colour by type, size by casualties, opacity (and an open
    ring for region-only places) by geo precision, territory changes as triangles labelled with the place."""
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=cities["longitude"], y=cities["latitude"], mode="markers+text",
                             name="reference city (GeoNames)", text=cities["name"], textposition="top center",
                             textfont=dict(size=10, color=REFERENCE_COLOUR),
                             marker=dict(color=REFERENCE_COLOUR, size=5,
                                         symbol=["star" if c else "circle" for c in cities["capital"]]),
                             hovertext=[f"{html.escape(n)} (reference; population {p:,})"
                                        for n, p in zip(cities["name"], cities["population"])],
                             hoverinfo="text"))
    precision = points["geo_precision"].fillna(3).astype(int)
    for incident_type, group in points.groupby("incident_type", sort=True):
        level = precision[group.index]
        territory = incident_type == "territorial_change"
        if territory:
            symbols = [CONTROL_SYMBOLS.get(change, "triangle-up") for change in group["control_change"]]
            sizes = [14] * len(group)
        else:
            symbols = ["circle-open" if p == 3 else "circle" for p in level]
            sizes = [8 + 3 * math.sqrt(c) for c in group["casualties"]]
        fig.add_trace(go.Scatter(
            x=group["longitude"], y=group["latitude"], mode="markers+text" if territory else "markers",
            name=incident_type, text=group["location"] if territory else None, textposition="bottom center",
            textfont=dict(color=_type_colour(incident_type), size=11),
            marker=dict(color=_type_colour(incident_type), size=[min(s, 40) for s in sizes], symbol=symbols,
                        opacity=[PRECISION_OPACITY[p] for p in level], line=dict(width=1.5)),
            customdata=group["incident_id"], hoverinfo="text",
            hovertext=[f"{_incident_hover(r)}<br>geo precision: {PRECISION_LABELS[p]}"
                       for (_, r), p in zip(group.iterrows(), level)]))
    for level, label in PRECISION_LABELS.items():
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=f"located: {label}",
                                 marker=dict(color=OTHER_COLOUR, size=10, opacity=PRECISION_OPACITY[level],
                                             symbol="circle-open" if level == 3 else "circle")))
    views = _views(points, country_names)
    fig.update_layout(template=TEMPLATE, height=640, margin=dict(l=60, r=20, t=60, b=40),
                      hoverlabel=dict(align="left"), legend=dict(orientation="h", y=-0.12),
                      xaxis=dict(title="longitude (°E)", range=views[0][1], showgrid=True, zeroline=False,
                                 ticksuffix="°"),
                      yaxis=dict(title="latitude (°N)", range=views[0][2], showgrid=True, zeroline=False,
                                 ticksuffix="°", scaleanchor="x", scaleratio=views[0][3]),
                      updatemenus=[dict(type="buttons", direction="right", x=0, y=1.12, xanchor="left",
                                        buttons=[dict(label=label, method="relayout",
                                                      args=[{"xaxis.range": xr, "yaxis.range": yr,
                                                             "yaxis.scaleratio": ratio}])
                                                 for label, xr, yr, ratio in views])])
    return fig


def _views(points: pd.DataFrame, country_names: dict[str, str]) -> list[tuple[str, list, list, float]]:
    """"All" and one zoom per country (most incidents first): label, x range, y range, y scale ratio that
    keeps a degree of longitude its true length at that latitude."""
    views = [("All", *_extent(points))]
    countries = points["country_code"].dropna().value_counts().index
    for code in countries:
        views.append((country_names.get(code, code), *_extent(points[points["country_code"] == code])))
    return views


def _extent(points: pd.DataFrame) -> tuple[list[float], list[float], float]:
    lon, lat = points["longitude"].astype(float), points["latitude"].astype(float)
    pad = max(0.5, 0.1 * max(lon.max() - lon.min(), lat.max() - lat.min()))
    middle = (lat.min() + lat.max()) / 2
    ratio = 1 / max(math.cos(math.radians(middle)), 0.2)
    return [lon.min() - pad, lon.max() + pad], [lat.min() - pad, lat.max() + pad], ratio


def rejects_figure(summary: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for stage, group in summary.groupby("stage", sort=True):
        fig.add_trace(go.Bar(x=group["rejects"], y=[f"{stage}: {reason}" for reason in group["reason"]],
                             orientation="h", name=stage,
                             hovertext=[wrap(message) for message in group["example"]], hoverinfo="x+text"))
    fig.update_layout(template=TEMPLATE, height=120 + 28 * len(summary), margin=dict(l=20, r=20, t=30, b=40),
                      xaxis_title="rejected files, records or rows", yaxis=dict(autorange="reversed",
                                                                                 automargin=True))
    return fig


def sources_figure(summary: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for column in [c for c in ("articles", "incidents", "rejects") if c in summary]:
        fig.add_trace(go.Bar(x=summary[column], y=summary["source"], orientation="h", name=column))
    fig.update_layout(template=TEMPLATE, height=120 + 30 * len(summary), barmode="group",
                      margin=dict(l=20, r=20, t=30, b=40), yaxis=dict(autorange="reversed", automargin=True))
    return fig
