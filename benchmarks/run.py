"""Benchmark `builder build` on generated batches: articles/s, words/s, peak memory, time per stage.

Each size runs in a fresh process so peak RSS is that build's own.

    python benchmarks/run.py --articles 10000            # ingest + stages + validate + write
    python benchmarks/run.py --articles 1000 10000 100000

Throughput of "ingest and write alone" is articles / (ingest + validate_write seconds) from the
build's own stage timings in the manifest.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.generate import generate  # noqa: E402

_CHILD = """
import json, resource, sys, time
import builder
start = time.perf_counter()
summary = builder.build(sys.argv[1], sys.argv[2], batch_size=int(sys.argv[3]))
seconds = time.perf_counter() - start
manifest = json.load(open(f"{sys.argv[2]}/manifest.json"))
print(json.dumps({"seconds": seconds, "articles": summary.articles, "rows": summary.rows,
                  "timings": manifest["timings_seconds"],
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def count_words(folder: Path) -> int:
    words = 0
    for path in folder.rglob("*"):
        if path.is_file():
            words += len(path.read_text(encoding="utf-8").split())
    return words


def measure(n_articles: int, work: Path, batch_size: int) -> dict:
    batch = work / f"raw-{n_articles}"
    if not batch.exists():
        generate(n_articles, batch)
    out = work / f"out-{n_articles}"
    result = subprocess.run([sys.executable, "-c", _CHILD, str(batch), str(out), str(batch_size)],
                            check=True, capture_output=True, text=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["words"] = count_words(batch)
    return figures


def report(n_articles: int, figures: dict) -> str:
    timings = figures["timings"]
    seconds = figures["seconds"]
    ingest_write = timings.get("ingest", 0) + timings.get("validate_write", 0)
    lines = [f"{n_articles:>9,} articles, {figures['words']:,} words: {seconds:.2f} s end to end",
             f"    {figures['articles'] / seconds:10,.0f} articles/s  {figures['words'] / seconds:12,.0f} words/s"
             f"  peak RSS {figures['peak_rss_mib']:.0f} MiB",
             f"    ingest + validate + write alone: {figures['articles'] / ingest_write:,.0f} articles/s",
             "    stage seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in timings.items()),
             "    rows: " + ", ".join(f"{k} {v:,}" for k, v in figures["rows"].items())]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000])
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--work", type=Path, help="folder for generated batches and outputs (default: a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="builder-bench-") as temporary:
        work = args.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        for n_articles in args.articles:
            print(report(n_articles, measure(n_articles, work, args.batch_size)), flush=True)


if __name__ == "__main__":
    main()
