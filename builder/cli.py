"""The `builder` command: each command parses its options and calls one library function."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

import click

from builder import __version__
from builder.errors import BuilderError

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _date(value) -> date | None:
    return value.date() if value is not None else None


def _formats(value: str) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in value.split(",") if part.strip())


def _read_text(file) -> str:
    """A text file's contents, decoded as ingest decodes raw files (UTF-8, UTF-16 with BOM, cp1251, ...)."""
    from builder.ingest.decode import UndecodableError, decode_bytes

    try:
        return decode_bytes(file.read()).text
    except UndecodableError as error:
        raise BuilderError(f"{file.name}: {error}") from None


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BuilderError as error:
            raise click.ClickException(str(error)) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="builder")
def cli() -> None:
    """Turn raw conflict news reports into a validated timeline and casualty dataset.

    \b
    Example:
      builder validate raw/
      builder build raw/ --out output/
      builder report --from output/ --out report.html
    """


@cli.command()
@click.argument("raw", default="raw", type=click.Path(path_type=Path))
@click.option("--out", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Output folder; replaced atomically as a whole.")
@click.option("--format", "formats", default="parquet,csv", show_default=True,
              help="Comma-separated output formats: parquet, csv.")
@click.option("--published", type=DATE, help="Publication date for files that carry none (YYYY-MM-DD).")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes (or Dask workers) running the stages; the tables are the same for any number.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine; dask: a Dask cluster (a local one of --jobs workers, or --scheduler).")
@click.option("--scheduler", help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786.")
@click.option("--parquet-layout", type=click.Choice(["single", "partitioned"]),
              help="single: TABLE.parquet; partitioned: TABLE/part-00000.parquet, ... (a part per 1,000 articles, "
                   "read as one dataset) [default: single; partitioned with --engine dask].")
@click.option("--cache", "cache_path", type=click.Path(path_type=Path),
              help="Results file for incremental builds [default: $BUILDER_CACHE_DIR/results.sqlite, "
                   "else ~/.cache/builder/results.sqlite].")
@click.option("--no-cache", is_flag=True, help="Run every article through the stages again.")
@click.option("--quiet", is_flag=True, help="No progress line and no summary.")
def build(raw: Path, out: Path, formats: str, published, jobs: int, engine: str, scheduler: str | None,
          parquet_layout: str | None, cache_path: Path | None, no_cache: bool, quiet: bool) -> None:
    """Build the dataset from a raw batch (default: raw/) into --out (default: output/).

    Articles whose results are in the cache (same text, date and extractor version) are not run again,
    so adding a few articles to a large batch only processes those.

    \b
    Example:
      builder build raw/ --out output/ --format parquet,csv
      builder build big-batch/ --jobs 2
      builder build big-batch/ --engine dask --scheduler tcp://10.0.0.5:8786
      builder build big-batch/ --jobs 4 --parquet-layout partitioned
    """
    from builder.api import build as build_dataset
    from builder.cache import default_cache_path

    show_progress = not quiet and sys.stderr.isatty()

    def progress(articles: int, rejects: int) -> None:
        click.echo(f"\r{articles:,} articles, {rejects:,} rejects", nl=False, err=True)

    cache = None if no_cache else (cache_path or default_cache_path())
    summary = build_dataset(raw, out, formats=_formats(formats), published=_date(published),
                            progress=progress if show_progress else None, jobs=jobs, engine=engine,
                            scheduler=scheduler, cache=cache, parquet_layout=parquet_layout)
    if show_progress:
        click.echo(err=True)
    if quiet:
        return
    click.echo(f"Built {summary.out} in {summary.seconds:.1f} s: {summary.articles:,} articles "
               f"({summary.cached:,} from the cache), {summary.rejects:,} rejects, {len(summary.warnings):,} warnings.")
    for table, rows in summary.rows.items():
        click.echo(f"  {table:<18} {rows:>9,} rows")
    for reason, count in summary.rejects_by_reason.items():
        click.echo(f"  rejected: {reason:<30} {count:>6,}")
    for warning in summary.warnings[:10]:
        click.echo(f"  warning: {warning.location()}: {warning.message}")


@cli.command()
@click.argument("raw", type=click.Path(path_type=Path))
@click.option("--against", type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="A built output folder: report articles the batch repeats.")
@click.option("--published", type=DATE, help="Publication date for files that carry none (YYYY-MM-DD).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def validate(raw: Path, against: Path | None, published, output_format: str) -> None:
    """Check a new raw batch without writing anything. Exit 0 when clean, 1 when not.

    Problems print as `file:line: reason: message`.

    \b
    Example:
      builder validate new-batch/ --against output/
    """
    from builder.api import validate_batch

    report = validate_batch(raw, against=against, published=_date(published))
    if output_format == "json":
        click.echo(json.dumps({"ok": report.ok, "files": report.files, "articles": report.articles,
                               "problems": [p.as_dict() for p in report.problems]}, indent=2, ensure_ascii=False))
    else:
        for problem in report.problems:
            click.echo(f"{problem.location()}: {problem.severity}: {problem.reason}: {problem.message}")
        verdict = "clean" if report.ok else f"{len(report.problems)} problem(s)"
        click.echo(f"{report.files} file(s), {report.articles} article(s): {verdict}", err=True)
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.option("--version", "version", required=True,
              help="Release name: a semantic version (1.0.0, 2.1.0-rc.1) or a date (2024-06-01, 2024-06-01.2).")
@click.option("--from", "source", default="output", show_default=True,
              type=click.Path(path_type=Path, file_okay=False), help="The built output folder to release.")
@click.option("--to", "to", default="releases", show_default=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder holding the releases; the new one is written to TO/VERSION.")
@click.option("--title", default=None, help="Dataset title for the data package and citation.")
@click.option("--author", "authors", multiple=True, help="An author for CITATION.cff (repeat for several).")
def release(version: str, source: Path, to: Path, title: str | None, authors: tuple[str, ...]) -> None:
    """Cut an immutable release: TO/VERSION with every table as Parquet and CSV, datapackage.json,
    CODEBOOK.md, CHANGELOG.md (against the previous release in TO), CITATION.cff and a sha256 manifest.

    An existing release is never replaced (exit 1, nothing written). The same output released twice
    gives byte-identical files.

    \b
    Example:
      builder release --version 1.0.0 --from output/ --to releases/
      builder release --version 2024-06-01 --author "Jane Doe" --title "Sahel events"
    """
    from builder.release import release as cut_release
    from builder.release.citation import DEFAULT_TITLE

    summary = cut_release(version, source, to, title=title or DEFAULT_TITLE, authors=authors)
    against = f"changelog against {summary.previous}" if summary.previous else "first release in this folder"
    click.echo(f"Released {summary.folder} ({summary.files} files, {against}):")
    for table, rows in summary.rows.items():
        click.echo(f"  {table:<18} {rows:>9,} rows")


@cli.command()
@click.option("--format", "export_format", type=click.Choice(["acled", "ucdp"]), required=True,
              help="acled: ACLED columns and codes; ucdp: UCDP GED columns and codes (fatal events only).")
@click.option("--from", "source", default="output", show_default=True,
              type=click.Path(path_type=Path, file_okay=False), help="A built output folder or a release.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="CSV file to write; default: stdout.")
def export(export_format: str, source: Path, out: Path | None) -> None:
    """Write the events as CSV in ACLED or UCDP GED layout, so scripts written for those read them.

    Every mapping choice is in builder/export/acled.yaml, ucdp.yaml and actors.yaml.

    \b
    Example:
      builder export --format acled --from output/ --out acled.csv
      builder export --format ucdp --from releases/1.0.0/ > ged.csv
    """
    from builder.export import export as export_events
    from builder.export import export_csv
    from builder.write import write_text_atomic

    frame = export_events(export_format, source)
    if out is None:
        click.echo(export_csv(frame), nl=False)
    else:
        write_text_atomic(out, export_csv(frame))
        click.echo(f"Wrote {out} ({len(frame):,} events).", err=True)


@cli.command()
@click.argument("file", default="-", type=click.File("rb"))
@click.option("--published", type=DATE, help="Publication date written into each line (YYYY-MM-DD).")
def places(file, published) -> None:
    """Print the places an article names, one JSON object per line.

    Offsets index into the text as ingest normalises it. The gazetteer index is compiled on first
    use into the cache folder (BUILDER_CACHE_DIR, else ~/.cache/builder).

    \b
    Example:
      builder places raw/kharkiv-2022-09-10.txt
      echo "Shelling near Izyum wounded two." | builder places -
    """
    from builder.places import places_in_text

    extra = {"published": _date(published).isoformat()} if published else {}
    for mention in places_in_text(_read_text(file)):
        click.echo(json.dumps({**extra, **asdict(mention)}, ensure_ascii=False))


@cli.command()
@click.option("--rebuild", is_flag=True, help="Compile the index again even when it is current.")
def gazetteer(rebuild: bool) -> None:
    """Show the gazetteer index (path, counts), compiling it when missing, stale or --rebuild.

    \b
    Example:
      builder gazetteer --rebuild
    """
    from builder.places.gazetteer import compile_gazetteer, index_path, load_gazetteer

    path = index_path()
    if rebuild or not path.exists():
        path, counts, seconds = compile_gazetteer(path)
        click.echo(f"compiled {path} in {seconds:.1f} s")
    else:
        counts = load_gazetteer().counts
        click.echo(f"current {path}")
    for name, count in counts.items():
        click.echo(f"  {name:<22} {count:>9,}")


@cli.command()
@click.argument("file", default="-", type=click.File("rb"))
@click.option("--published", type=DATE, required=True,
              help="Publication date the text's relative dates are resolved against (YYYY-MM-DD).")
def timex(file, published) -> None:
    """Print the time expressions of a text (FILE, or - for standard input) as JSON lines.

    Each line has text, char_start, char_end (offsets into the text as read), type, value (TIMEX3),
    date_start, date_end, precision, anchor and rule.

    \b
    Example:
      echo "Russia said on Saturday it withdrew overnight." | builder timex --published 2022-09-10 -
      builder timex --published 2022-09-10 article.txt
    """
    from builder.timex import extract_time_expressions

    for expression in extract_time_expressions(_read_text(file).lstrip("\ufeff"), _date(published)):
        click.echo(json.dumps(expression.as_json(), ensure_ascii=False))


@cli.command()
@click.option("--from", "folder", default="output", show_default=True,
              type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="A build output folder, or a release folder (releases/V) with the same Parquet tables.")
@click.option("--out", default="report.html", show_default=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The HTML file to write (replaced atomically).")
def report(folder: Path, out: Path) -> None:
    """Write a quick-look HTML report of a build: timeline, map, territory changes, data quality and the
    evidence sentence of every incident. One file that opens offline.

    \b
    Example:
      builder report --from output/ --out report.html
      builder report --from releases/1.0.0 --out release-1.0.0.html
    """
    from builder.report import make_report

    written = make_report(folder, out)
    click.echo(f"Wrote {written} ({written.stat().st_size / 1e6:.1f} MB) from {folder}.")


def main() -> None:
    cli(prog_name="builder")
