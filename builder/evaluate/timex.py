"""Time-expression evaluation on TIMEX3 corpora converted to JSONL (../shared/corpora/timex/).

    python -m builder.evaluate timex ../shared/corpora/timex/te3_tbaq ../shared/corpora/timex/wikiwars

Each corpus folder holds NAME.docs.jsonl (doc, dct, text, optional ignore_spans) and NAME.jsonl or
NAME.jsonl.xz (one gold TIMEX3 per line: doc, start, end, type, value). Conventions (../shared/README.md):
a prediction matches a gold expression relaxed when their character spans overlap (one to one), strict
when the spans are equal; value F1 counts relaxed matches with the same value, type F1 those with the
same type; the DCT is not in the texts and spans inside ignore_spans are not scored. TIMEX3 annotates
a range ("from September 6 to 9") as its two ends, so by default the extractor's one range expression is
scored as its two ends, each resolved (`--ranges whole` scores it as one). The same figures are printed
for dateparser.search.search_dates (DCT as RELATIVE_BASE) as a baseline. Speed is
documents per second on one core (this process, extraction only), by the wall clock and per CPU second
(the second is steadier on a shared machine).
"""

from __future__ import annotations

import json
import lzma
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path

import click

from builder.evaluate.scoring import Score

HELD_OUT = {"te3_platinum"}  # reported, never used to tune rules


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None


@dataclass(frozen=True, slots=True)
class Document:
    doc: str
    dct: date
    text: str
    ignore: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Figures:
    strict: Score
    relaxed: Score
    value: Score
    type: Score
    documents: int
    seconds: float  # wall clock
    cpu_seconds: float  # this process only: what a busy machine does not inflate

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else float("inf")

    @property
    def documents_per_cpu_second(self) -> float:
        return self.documents / self.cpu_seconds if self.cpu_seconds else float("inf")


Extractor = Callable[[str, date], list[Timex]]


def read_corpus(folder: Path) -> tuple[list[Document], dict[str, list[Timex]]]:
    """The documents and, per document, its gold expressions."""
    docs_files = sorted(folder.glob("*.docs.jsonl"))
    if not docs_files:
        raise click.ClickException(f"{folder}: no *.docs.jsonl file")
    name = docs_files[0].name.removesuffix(".docs.jsonl")
    gold_file = next((p for p in (folder / f"{name}.jsonl", folder / f"{name}.jsonl.xz") if p.exists()), None)
    if gold_file is None:
        raise click.ClickException(f"{folder}: no {name}.jsonl or {name}.jsonl.xz")
    documents = [Document(row["doc"], date.fromisoformat(row["dct"]), row["text"],
                          tuple(tuple(span) for span in row.get("ignore_spans") or ()))
                 for row in _jsonl(docs_files[0])]
    gold: dict[str, list[Timex]] = {d.doc: [] for d in documents}
    for row in _jsonl(gold_file):
        gold.setdefault(row["doc"], []).append(Timex(row["start"], row["end"], row["type"], row["value"]))
    return documents, gold


def _jsonl(path: Path) -> Iterator[dict]:
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def score_corpus(documents: list[Document], gold: dict[str, list[Timex]], extract: Extractor) -> Figures:
    strict = relaxed = value = type_ = Score(0, 0, 0)
    seconds = cpu_seconds = 0.0
    for document in documents:
        tick, cpu_tick = time.perf_counter(), time.process_time()
        predicted = extract(document.text, document.dct)
        seconds += time.perf_counter() - tick
        cpu_seconds += time.process_time() - cpu_tick
        predicted = [p for p in predicted if not _ignored(p, document.ignore)]
        expected = [g for g in gold.get(document.doc, []) if not _ignored(g, document.ignore)]
        pairs = match_relaxed(predicted, expected)
        n_pred, n_gold = len(predicted), len(expected)
        exact = {(g.start, g.end) for g in expected} & {(p.start, p.end) for p in predicted}
        strict += Score(len(exact), n_pred, n_gold)
        relaxed += Score(len(pairs), n_pred, n_gold)
        value += Score(sum(p.value == g.value for p, g in pairs), n_pred, n_gold)
        type_ += Score(sum(p.type == g.type for p, g in pairs), n_pred, n_gold)
    return Figures(strict, relaxed, value, type_, len(documents), seconds, cpu_seconds)


def _ignored(timex: Timex, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(timex.start < end and start < timex.end for start, end in spans)


def match_relaxed(predicted: list[Timex], expected: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping spans, the largest overlaps first."""
    overlaps = sorted(((min(p.end, g.end) - max(p.start, g.start), i, j)
                       for i, p in enumerate(predicted) for j, g in enumerate(expected)
                       if p.start < g.end and g.start < p.end), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in overlaps:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((predicted[i], expected[j]))
    return pairs


def builder_extractor(text: str, published: date, range_ends: bool = True) -> list[Timex]:
    """`range_ends`: a range as its two ends, as TIMEX3 annotates it; else as the one row the table holds."""
    from builder.timex import extract_time_expressions

    return [Timex(e.char_start, e.char_end, e.type, e.value)
            for e in extract_time_expressions(text, published, range_ends=range_ends)]


def dateparser_extractor(text: str, published: date) -> list[Timex]:
    """dateparser.search.search_dates with the DCT as RELATIVE_BASE. Spans are found by searching forward
    for each returned substring. To give the baseline a fair value, each substring is parsed again for its
    period (day, week, month, year): "1998" is valued 1998, "August" 1998-08; a result with a clock time
    is a TIME."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    base = datetime(published.year, published.month, published.day)
    settings = {"RELATIVE_BASE": base}
    found = search_dates(text, languages=["en"], settings=settings) or []
    periods = DateDataParser(languages=["en"], settings=settings)
    timexes, cursor = [], 0
    for substring, moment in found:
        start = text.find(substring, cursor)
        if start < 0:
            continue
        cursor = start + len(substring)
        has_time = (moment.hour, moment.minute) != (0, 0)
        period = periods.get_date_data(substring).period or "day"
        value = f"{moment:%Y-%m-%dT%H:%M}" if has_time else _value_at(moment, period)
        timexes.append(Timex(start, cursor, "TIME" if has_time else "DATE", value))
    return timexes


def _value_at(moment: datetime, period: str) -> str:
    if period == "year":
        return f"{moment:%Y}"
    if period == "month":
        return f"{moment:%Y-%m}"
    if period == "week":
        year, week, _ = moment.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{moment:%Y-%m-%d}"


def _report(name: str, figures: Figures) -> None:
    click.echo(f"  {name:<11} strict extent  {figures.strict.row()}")
    click.echo(f"  {'':<11} relaxed extent {figures.relaxed.row()}")
    click.echo(f"  {'':<11} value          {figures.value.row()}")
    click.echo(f"  {'':<11} type           {figures.type.row()}")
    click.echo(f"  {'':<11} speed          {figures.documents_per_second:,.1f} documents/s "
               f"({figures.documents} in {figures.seconds:.2f} s wall clock, one core; "
               f"{figures.documents_per_cpu_second:,.1f} per CPU second)")


@click.command()
@click.argument("corpora", nargs=-1, required=True,
                type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--baseline/--no-baseline", default=True, show_default=True,
              help="Also score dateparser.search.search_dates in the same run.")
@click.option("--ranges", type=click.Choice(["ends", "whole"]), default="ends", show_default=True,
              help="Score a range as its two ends, as TIMEX3 annotates it, or whole, as the table holds it.")
def command(corpora: tuple[Path, ...], baseline: bool, ranges: str) -> None:
    """Score the time-expression extractor (and the dateparser baseline) on TIMEX3 JSONL corpora.

    \b
    Example:
      python -m builder.evaluate timex ../shared/corpora/timex/te3_tbaq ../shared/corpora/timex/meantime_en
    """
    builder_extractor("warm-up on Saturday.", date(2022, 9, 10))  # load rules outside the timing
    extract = partial(builder_extractor, range_ends=ranges == "ends")
    click.echo(f"ranges scored {'as their two ends' if ranges == 'ends' else 'whole'} (--ranges)")
    for folder in corpora:
        documents, gold = read_corpus(folder)
        note = "  [HELD OUT: reported only, rules not tuned to it]" if folder.name in HELD_OUT else ""
        click.echo(f"{folder.name}: {len(documents)} documents, {sum(map(len, gold.values()))} gold TIMEX3{note}")
        _report("builder", score_corpus(documents, gold, extract))
        if baseline:
            _report("dateparser", score_corpus(documents, gold, dateparser_extractor))
