"""Benchmark `builder build` on generated batches: articles/s, words/s, peak memory, time per stage,
an incremental rebuild, and the baselines a user would otherwise reach for, on the same texts.

Each build runs in a fresh process, so peak memory is that build's own (the main process and, with
--jobs, the largest worker).

    python benchmarks/run.py --articles 1000 --jobs 2
    python benchmarks/run.py --articles 1000 10000 100000 --jobs 2 --incremental
    python benchmarks/run.py --articles 1000 --baselines          # dateparser, spaCy NER if installed

"Ingest + validate + write alone" is articles / (ingest + validate_write seconds) from the build's own
stage timings (manifest.json). --incremental builds with a result cache, adds one article and builds
again: the second build should run the stages on that article only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.generate import generate  # noqa: E402

_INGEST_ONLY = """
import json, resource, sys, time
from builder.errors import Problem
from builder.ingest import read_batch
from builder.tables import frame_from_rows, validate_frame
from builder.write import OutputWriter
raw, out = sys.argv[1:3]
start = time.perf_counter()
articles, rejects, batch = 0, [], []
with OutputWriter(out, ["articles", "rejects"]) as writer:
    def flush():
        frame, failed = validate_frame("articles", frame_from_rows("articles", (a.as_row() for a in batch)),
                                       lambda row: ("", None, None))
        writer.append("articles", frame)
        rejects.extend(failed)
        batch.clear()
    for item in read_batch(raw):
        if isinstance(item, Problem):
            rejects.append(item)
            continue
        articles += 1
        batch.append(item)
        if len(batch) >= 500:
            flush()
    flush()
    writer.append("rejects", frame_from_rows("rejects", (p.as_row() for p in rejects if isinstance(p, Problem))))
    writer.commit({})
print(json.dumps({"seconds": time.perf_counter() - start, "articles": articles}))
"""

_CHILD = """
import json, resource, sys, time
import builder
raw, out, batch_size, jobs, engine, cache = sys.argv[1:7]
start = time.perf_counter()
summary = builder.build(raw, out, batch_size=int(batch_size), jobs=int(jobs), engine=engine,
                        cache=cache if cache != "-" else None)
seconds = time.perf_counter() - start
manifest = json.load(open(f"{out}/manifest.json"))
print(json.dumps({"seconds": seconds, "articles": summary.articles, "cached": summary.cached, "rows": summary.rows,
                  "timings": manifest["timings_seconds"],
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_peak_rss_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def count_words(folder: Path) -> int:
    words = 0
    for path in folder.rglob("*"):
        if path.is_file():
            words += len(path.read_text(encoding="utf-8").split())
    return words


def run_build(raw: Path, out: Path, args: argparse.Namespace, cache: Path | None = None) -> dict:
    command = [sys.executable, "-c", _CHILD, str(raw), str(out), str(args.batch_size), str(args.jobs), args.engine,
               str(cache) if cache else "-"]
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def report(n_articles: int, words: int, figures: dict) -> str:
    timings = figures["timings"]
    seconds = figures["seconds"]
    ingest_write = timings.get("ingest", 0) + timings.get("validate_write", 0)
    return "\n".join([
        f"{n_articles:>9,} articles, {words:,} words: {seconds:.2f} s end to end",
        f"    {figures['articles'] / seconds:10,.1f} articles/s  {words / seconds:12,.0f} words/s"
        f"  peak RSS {figures['peak_rss_mib']:.0f} MiB (largest worker {figures['worker_peak_rss_mib']:.0f} MiB)",
        f"    ingest + validate + write of every table: {figures['articles'] / max(ingest_write, 1e-9):,.0f} articles/s",
        "    stage seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in timings.items()),
        "    rows: " + ", ".join(f"{k} {v:,}" for k, v in figures["rows"].items()),
    ])


def ingest_write_only(raw: Path, work: Path) -> str:
    """The foundation's own path: read, normalise, validate and write the articles table, no stages."""
    result = subprocess.run([sys.executable, "-c", _INGEST_ONLY, str(raw), str(work / f"ingest-only-{raw.name}")],
                            check=True, capture_output=True, text=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return (f"    ingest + validate + write of the articles table alone: "
            f"{figures['articles'] / figures['seconds']:,.0f} articles/s ({figures['seconds']:.2f} s)")


def incremental(raw: Path, work: Path, args: argparse.Namespace) -> str:
    cache = work / f"results-{raw.name}.sqlite"
    first = run_build(raw, work / "incremental-1", args, cache)
    (raw / "zz-added-2024-06-01.txt").write_text(
        "Two civilians were killed and five injured when Russian shelling hit Kherson on Saturday, the governor said.",
        encoding="utf-8")
    try:
        second = run_build(raw, work / "incremental-2", args, cache)
    finally:
        (raw / "zz-added-2024-06-01.txt").unlink()
    return (f"    incremental: first build {first['seconds']:.1f} s; adding one article and building again took "
            f"{second['seconds']:.1f} s, {second['articles'] - second['cached']} article(s) processed, "
            f"{second['cached']:,} from the cache")


def baselines(raw: Path, sample: int) -> str:
    """What a user would otherwise run on the same texts, timed on up to `sample` of them."""
    from datetime import datetime

    from builder.errors import Problem
    from builder.ingest import read_batch

    articles = [a for a in read_batch(raw) if not isinstance(a, Problem)][:sample]
    lines = []
    from dateparser.search import search_dates

    start = time.perf_counter()
    found = 0
    for article in articles:
        base = datetime.combine(article.published, datetime.min.time())
        found += len(search_dates(article.text, settings={"RELATIVE_BASE": base}, languages=["en"]) or [])
    seconds = time.perf_counter() - start
    lines.append(f"    baseline dateparser.search.search_dates: {len(articles) / seconds:,.1f} articles/s "
                 f"({found:,} dates found in {len(articles)} articles)")
    try:
        import spacy

        nlp = spacy.load("en_core_web_sm")
    except (ImportError, OSError):
        lines.append("    baseline spaCy en_core_web_sm NER: not installed (pip install en_core_web_sm to compare)")
    else:
        start = time.perf_counter()
        entities = sum(len([e for e in nlp(a.text).ents if e.label_ in ("GPE", "LOC", "DATE")]) for a in articles)
        seconds = time.perf_counter() - start
        lines.append(f"    baseline spaCy en_core_web_sm NER: {len(articles) / seconds:,.1f} articles/s "
                     f"({entities:,} GPE/LOC/DATE entities)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1_000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--incremental", action="store_true", help="also time adding one article to the batch")
    parser.add_argument("--baselines", action="store_true", help="also time dateparser and spaCy NER")
    parser.add_argument("--baseline-sample", type=int, default=200)
    parser.add_argument("--work", type=Path, help="folder for generated batches and outputs (default: temporary)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="builder-bench-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        for n_articles in args.articles:
            raw = work / f"raw-{n_articles}"
            if not raw.exists():
                generate(n_articles, raw)
            figures = run_build(raw, work / f"out-{n_articles}", args)
            print(report(n_articles, count_words(raw), figures), flush=True)
            print(ingest_write_only(raw, work), flush=True)
            if args.incremental:
                print(incremental(raw, work, args), flush=True)
            if args.baselines:
                print(baselines(raw, args.baseline_sample), flush=True)


if __name__ == "__main__":
    main()
