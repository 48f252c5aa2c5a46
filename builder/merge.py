"""Events: the incidents of different articles that report the same happening, merged into one row.

Reads  : the incidents table (the columns in INCIDENT_COLUMNS) and the articles table (id,
         publication date, source).
Returns: the events table (schemas/events.py), sorted by date, then event id.

The rule. Two incidents report the same event when all of these hold (MergeRule holds the numbers):
- same incident type, and they come from different articles (an article's own repeats are merged
  by the extractor already);
- same place: both have coordinates within `max_km` (haversine), or, where either lacks coordinates,
  the same location name (case-insensitive); an incident with neither is never merged;
- dates: their ranges overlap once widened by `date_tolerance_days` on each side;
- compatible counts: for killed and for injured, where both give a best figure, the larger is at
  most `max_count_ratio` times the smaller (a smaller figure of 0 counts as 1, so 0 and 2 agree);
- territorial changes: the same control change by the same actor.

An incident joins the first event (in creation order) whose every incident it matches; otherwise
it opens a new event. Incidents are taken in date order, then report order, so the grouping, the
ids and the row order are the same on every run.

Summaries (UCDP style): best = the median of the reports' best figures (the lower middle one when
their number is even), low = the lowest figure any report gives (its low, else its best), high =
the highest (its high, else its best: an open "at least N" adds N). Dates: the overlap of the
reports' ranges, or their union where they only meet within the tolerance; reports without a date
of their own are used only when no report has one. Place: from the report with coordinates and the
finest geo precision. Actor, attack type, victims: the most frequent value, ties to the earliest
report. Cumulative incidents (running totals) are not events: they are left out.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import math
import statistics
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, timedelta

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from builder.schemas import TABLES
from builder.tables import frame_from_rows

INCIDENT_COLUMNS = [
    "incident_id", "article_id", "incident_type", "date_start", "date_end", "date_precision", "location", "admin1",
    "admin2", "country_code", "latitude", "longitude", "geo_precision", "actor", "attack_type", "victims",
    "cumulative", "control_change", "killed", "killed_low", "killed_high", "injured", "injured_low", "injured_high",
]
ARTICLE_COLUMNS = ["article_id", "published", "source"]
REPORT_COLUMNS = [*INCIDENT_COLUMNS, *ARTICLE_COLUMNS[1:]]
REPORT_INDEX = {column: index for index, column in enumerate(REPORT_COLUMNS)}
_KEY_POSITIONS = tuple(REPORT_INDEX[column] for column in (
    "published", "article_id", "incident_id", "date_start", "date_end", "location", "latitude", "longitude",
    "control_change", "actor", "incident_type"))
REPORT_ORDER = ("incident_type", "date_start", "date_end", "published", "article_id", "incident_id")
REPORT_BATCH = 20_000
OUTCOMES = ("killed", "injured")
_OUTCOME_POSITIONS = tuple(REPORT_INDEX[outcome] for outcome in OUTCOMES)
PLACE_COLUMNS = ("location", "admin1", "admin2", "country_code", "latitude", "longitude", "geo_precision")
VOTED_COLUMNS = ("actor", "attack_type", "victims", "control_change")
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class MergeRule:
    """The numbers in the rule; recorded in the manifest of every build and release."""

    max_km: float = 25.0
    date_tolerance_days: int = 1
    max_count_ratio: float = 2.0

    def as_dict(self) -> dict:
        return asdict(self)


class _Report:
    """One incident with what the rule compares, plus its article's publication date and source."""

    __slots__ = ("row", "order", "article_id", "date_start", "date_end", "place", "counts", "party")

    def __init__(self, row: tuple) -> None:
        self.row = row  # values in REPORT_COLUMNS order: a tuple is a fifth of a dict's size, at 10^6 reports
        (published, self.article_id, incident_id, self.date_start, self.date_end, location, latitude, longitude,
         change, actor, incident_type) = (row[i] for i in _KEY_POSITIONS)
        self.order = (published, self.article_id, incident_id)  # report order
        self.place = (latitude, longitude, location.casefold() if location is not None else None)
        self.counts = tuple(row[i] for i in _OUTCOME_POSITIONS)
        # Territorial changes match only with the same change by the same actor.
        self.party = (change, actor) if incident_type == "territorial_change" else None

    def __getattr__(self, name: str):
        return self.row[REPORT_INDEX[name]]


def merge_events(incidents: pd.DataFrame | pa.Table, articles: pd.DataFrame | pa.Table,
                 rule: MergeRule = MergeRule()) -> pd.DataFrame:
    """The events table for these incidents (a DataFrame or an Arrow table); `articles` must hold every
    incident's article. Reports stream through in date order and each event is summarised as soon as no
    later report can join it, so memory holds the open events, not every report."""
    reports = _reports(_arrow(incidents, INCIDENT_COLUMNS), _arrow(articles, ARTICLE_COLUMNS))
    groups = (group for _, same_type in itertools.groupby(reports, key=lambda r: r.incident_type)
              for group in _group(same_type, rule))
    rows = sorted((_event_row(group) for group in groups),
                  key=lambda row: (row["date_start"], row["date_end"], row["event_id"]))
    return TABLES["events"].validate(frame_from_rows("events", rows))


def _arrow(table: pd.DataFrame | pa.Table, columns: list[str]) -> pa.Table:
    """The columns as Arrow, dates as date32 and the columns that are looked up or sorted on as plain strings
    (the others stay dictionary-encoded, a fraction of the size)."""
    if isinstance(table, pd.DataFrame):
        table = pa.Table.from_pandas(table[columns], preserve_index=False)
    table = table.select(columns)
    fields = []
    for field in table.schema:
        kind = field.type
        if pa.types.is_dictionary(kind) and field.name in (*REPORT_ORDER, "article_id"):
            kind = kind.value_type
        fields.append(pa.field(field.name, pa.date32() if pa.types.is_timestamp(kind) else kind))
    return table.cast(pa.schema(fields))


def _reports(incidents: pa.Table, articles: pa.Table) -> Iterator[_Report]:
    """Every non-cumulative incident with its article's date and source, in the order the rule takes them:
    by type, date, then report order."""
    known = incidents.filter(pc.invert(pc.fill_null(incidents["cumulative"], False)))
    # The article's columns by position and the order as indices: a join or a sorted copy of a million
    # rows would hold the whole table again.
    positions = pc.index_in(known["article_id"], value_set=articles["article_id"])
    missing = pc.unique(known["article_id"].filter(pc.is_null(positions))).to_pylist()
    if missing:
        raise ValueError(f"incidents point at articles that are not in the articles table: {sorted(missing)[:5]}")
    for column in ARTICLE_COLUMNS[1:]:
        known = known.append_column(column, pc.take(articles[column], positions))
    order = pc.sort_indices(known, sort_keys=[(column, "ascending") for column in REPORT_ORDER])
    for start in range(0, len(order), REPORT_BATCH):
        batch = known.take(order[start:start + REPORT_BATCH]).select(REPORT_COLUMNS)
        yield from (_Report(row) for row in zip(*(column.to_pylist() for column in batch.columns)))


def _group(reports: Iterable[_Report], rule: MergeRule) -> Iterator[list[_Report]]:
    """Greedy grouping in date order; an event closes once no later incident can reach its dates."""
    tolerance = timedelta(days=rule.date_tolerance_days)
    open_events = _OpenEvents(rule.max_km)
    for report in reports:
        yield from open_events.close_before(report.date_start - tolerance)
        target = next((number for number in open_events.candidates(report)
                       if open_events.events[number].accepts(report, rule)), None)
        open_events.add(report, target)
    yield from open_events.close_before(date.max)


class _Event:
    """The reports of one event so far, with what a newcomer must agree with in all of them: the rule is
    checked against every report, and these summaries make that check cost the same however many
    reports an event has (only distinct places are compared one by one)."""

    __slots__ = ("reports", "articles", "latest_start", "earliest_end", "last_end", "places", "count_ranges",
                 "party")

    def __init__(self, report: _Report) -> None:
        self.reports = [report]
        self.articles = {report.article_id}
        self.latest_start, self.earliest_end, self.last_end = report.date_start, report.date_end, report.date_end
        self.places = {report.place: None}
        self.count_ranges = [(count, count) if count is not None else None for count in report.counts]
        self.party = report.party

    def accepts(self, report: _Report, rule: MergeRule) -> bool:
        """Whether the report is the same event as every report here (see the rule above)."""
        tolerance = timedelta(days=rule.date_tolerance_days)
        return (report.article_id not in self.articles
                and report.date_start <= self.earliest_end + tolerance
                and self.latest_start <= report.date_end + tolerance
                and report.party == self.party
                and all(known is None or count is None
                        or (_counts_agree(count, known[0], rule.max_count_ratio)
                            and _counts_agree(count, known[1], rule.max_count_ratio))
                        for count, known in zip(report.counts, self.count_ranges))
                and all(_same_place(report.place, place, rule.max_km) for place in self.places))

    def add(self, report: _Report) -> None:
        self.reports.append(report)
        self.articles.add(report.article_id)
        self.latest_start = max(self.latest_start, report.date_start)
        self.earliest_end = min(self.earliest_end, report.date_end)
        self.last_end = max(self.last_end, report.date_end)
        self.places[report.place] = None
        self.count_ranges = [known if count is None else (count, count) if known is None
                             else (min(known[0], count), max(known[1], count))
                             for count, known in zip(report.counts, self.count_ranges)]


class _OpenEvents:
    """Events that a later incident may still join, indexed by their first report's place.

    An incident can only join an event whose first report it matches, so candidates are the events
    whose first report lies in a neighbouring cell of a grid over the Earth's surface (cells of
    `max_km`, on 3-D coordinates, so a pair within `max_km` is always in neighbouring cells) or
    has the same location name. This keeps the grouping near-linear on large batches.
    """

    def __init__(self, max_km: float) -> None:
        self.cell_km = max(max_km, 0.001)
        self.events: dict[int, _Event] = {}
        self._index: dict[tuple, dict[int, None]] = {}
        self._keys: dict[int, list[tuple]] = {}
        self._ends: list[tuple[date, int]] = []  # (last date, event number): a heap, stale entries skipped
        self._created = 0

    def candidates(self, report: _Report) -> list[int]:
        keys = self._lookup_keys(report)
        return sorted({number for key in keys for number in self._index.get(key, ())})

    def add(self, report: _Report, number: int | None) -> None:
        if number is None:
            number, self._created = self._created, self._created + 1
            self.events[number] = _Event(report)
            self._keys[number] = self._own_keys(report)
            for key in self._keys[number]:
                self._index.setdefault(key, {})[number] = None
        else:
            self.events[number].add(report)
        heapq.heappush(self._ends, (self.events[number].last_end, number))

    def close_before(self, day: date) -> Iterator[list[_Report]]:
        """Yield (and forget) the events whose every report ends before `day`."""
        while self._ends and self._ends[0][0] < day:
            end, number = heapq.heappop(self._ends)
            event = self.events.get(number)
            if event is None or event.last_end != end:
                continue  # closed already, or a later entry holds its current end
            for key in self._keys.pop(number):
                del self._index[key][number]
            yield self.events.pop(number).reports

    def _own_keys(self, report: _Report) -> list[tuple]:
        keys = [("name", report.place[2])] if report.place[2] is not None else []
        cell = self._cell(report)
        return keys + ([("cell", *cell)] if cell else [])

    def _lookup_keys(self, report: _Report) -> list[tuple]:
        keys = [("name", report.place[2])] if report.place[2] is not None else []
        cell = self._cell(report)
        if cell:
            keys += [("cell", cell[0] + i, cell[1] + j, cell[2] + k)
                     for i in (-1, 0, 1) for j in (-1, 0, 1) for k in (-1, 0, 1)]
        return keys

    def _cell(self, report: _Report) -> tuple[int, int, int] | None:
        latitude, longitude, _ = report.place
        if latitude is None or longitude is None:
            return None
        phi, lam = math.radians(latitude), math.radians(longitude)
        x, y, z = math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)
        return tuple(math.floor(EARTH_RADIUS_KM * v / self.cell_km) for v in (x, y, z))


def _same_place(a: tuple, b: tuple, max_km: float) -> bool:
    """a, b: (latitude, longitude, casefolded location)."""
    if None not in (a[0], a[1], b[0], b[1]):
        return a[:2] == b[:2] or haversine_km(a[0], a[1], b[0], b[1]) <= max_km
    return a[2] is not None and a[2] == b[2]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _counts_agree(first: int | None, second: int | None, max_ratio: float) -> bool:
    if first is None or second is None:
        return True
    return max(first, second) <= max_ratio * max(min(first, second), 1)


def _event_row(group: list[_Report]) -> dict:
    reports = sorted(group, key=lambda r: r.order)
    first = reports[0]
    row = {
        "event_id": hashlib.sha256(f"event:{first.incident_id}".encode()).hexdigest()[:16],
        "incident_type": first.incident_type,
        **_dates(reports),
        **_place(reports),
        **{column: _most_frequent(reports, column) for column in VOTED_COLUMNS},
        "n_articles": len({r.article_id for r in reports}),
        "n_sources": len({r.source if r.source is not None else ("article", r.article_id) for r in reports}),
        "incident_ids": [r.incident_id for r in reports],
        "article_ids": list(dict.fromkeys(r.article_id for r in reports)),
        "first_published": first.published,
        "first_article_id": first.article_id,
    }
    for outcome in OUTCOMES:
        row.update(_counts(reports, outcome))
    return row


def _dates(reports: list[_Report]) -> dict:
    dated = [r for r in reports if r.date_precision != "unknown"]
    used = dated or reports
    start, end = max(r.date_start for r in used), min(r.date_end for r in used)
    if start > end:
        start, end = min(r.date_start for r in used), max(r.date_end for r in used)
    precision = "unknown" if not dated else "day" if start == end else "range"
    return {"date_start": start, "date_end": end, "date_precision": precision}


def _place(reports: list[_Report]) -> dict:
    best = min(reports, key=lambda r: (r.latitude is None, r.geo_precision or 4, r.location is None, r.order))
    return {column: getattr(best, column) for column in PLACE_COLUMNS}


def _most_frequent(reports: list[_Report], column: str) -> object:
    votes = Counter(getattr(r, column) for r in reports if getattr(r, column) is not None)
    if not votes:
        return None
    top = max(votes.values())
    return next(getattr(r, column) for r in reports if votes.get(getattr(r, column)) == top)


def _counts(reports: list[_Report], outcome: str) -> dict:
    bests = [getattr(r, outcome) for r in reports if getattr(r, outcome) is not None]
    lows = [value for r in reports
            if (value := _first_known(getattr(r, f"{outcome}_low"), getattr(r, outcome))) is not None]
    highs = [value for r in reports
             if (value := _first_known(getattr(r, f"{outcome}_high"), getattr(r, outcome))) is not None]
    return {outcome: statistics.median_low(bests) if bests else None,
            f"{outcome}_low": min(lows) if lows else None,
            f"{outcome}_high": max(highs) if highs else None}


def _first_known(*values: int | None) -> int | None:
    return next((value for value in values if value is not None), None)
