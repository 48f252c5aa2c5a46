"""Per-stage micro-benchmark: milliseconds of one core per 1,000 words for each per-article stage.

Stages, as analyse_text and process_article run them: segment (spaCy tokens and sentences), timex
(with its finder, find_matches, also shown on its own), places, incidents, rows (the table rows built
from one analysis). Each stage runs over a whole text set, after a warm-up pass that loads the rules
and the gazetteer; a stage's figure is the best of --repeat passes, since the machine is shared and
other processes only ever add time. Text sets: the texts of tests/gold/incidents/dev.jsonl and a
generated batch (benchmarks/generate.py, ~600 words an article).

    python benchmarks/stages.py                      # dev texts + 300 generated articles, best of 5
    python benchmarks/stages.py --generated 1000 --repeat 7 --json /tmp/stages.json
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.generate import generate  # noqa: E402
from builder.errors import Problem  # noqa: E402
from builder.incidents import extract_incidents  # noqa: E402
from builder.ingest import read_batch  # noqa: E402
from builder.pipeline import Analysis, analysis_rows  # noqa: E402
from builder.places import extract_places  # noqa: E402
from builder.segment import segment  # noqa: E402
from builder.timex import extract_time_expressions, load_rules  # noqa: E402
from builder.timex.find import find_matches  # noqa: E402

DEV = REPO / "tests" / "gold" / "incidents" / "dev.jsonl"  # never heldout.jsonl


def dev_texts() -> list[tuple[str, date]]:
    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["text"], date.fromisoformat(r["published"])) for r in records]


def generated_texts(n_articles: int) -> list[tuple[str, date]]:
    with tempfile.TemporaryDirectory(prefix="stages-bench-") as folder:
        return [(a.text, a.published) for a in read_batch(generate(n_articles, Path(folder)))
                if not isinstance(a, Problem)]


def measure(texts: list[tuple[str, date]], repeat: int) -> dict[str, float]:
    """Best seconds over `repeat` passes for each stage over all `texts`."""
    rules = load_rules()
    docs = [segment(text) for text, _ in texts]
    times = [extract_time_expressions(text, published) for text, published in texts]
    places = [extract_places(doc) for doc in docs]
    incidents = [extract_incidents(doc, published, t, p) for doc, (_, published), t, p in zip(docs, texts, times, places)]
    analyses = [Analysis(*parts) for parts in zip(docs, times, places, incidents)]
    stages = {
        "segment": lambda: [segment(text) for text, _ in texts],
        "timex": lambda: [extract_time_expressions(text, published) for text, published in texts],
        "  timex find_matches": lambda: [find_matches(text, rules) for text, _ in texts],
        "places": lambda: [extract_places(doc) for doc in docs],
        "incidents": lambda: [extract_incidents(doc, published, t, p)
                              for doc, (_, published), t, p in zip(docs, texts, times, places)],
        "rows": lambda: [analysis_rows("article", analysis) for analysis in analyses],
    }
    best = {name: float("inf") for name in stages}
    for _ in range(repeat):
        for name, run in stages.items():  # interleaved, so a burst of load elsewhere hits one pass of each
            gc.collect()
            started = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def report(label: str, texts: list[tuple[str, date]], best: dict[str, float]) -> str:
    words = sum(len(text.split()) for text, _ in texts)
    per_kw = {name: seconds * 1000 / (words / 1000) for name, seconds in best.items()}
    total = sum(v for k, v in per_kw.items() if not k.startswith(" "))
    mean_words = words / len(texts)
    lines = [f"{label}: {len(texts)} texts, {words:,} words ({mean_words:.0f} per text)",
             *(f"  {name:<22} {value:8.2f} ms per 1,000 words" for name, value in per_kw.items()),
             f"  {'all stages':<22} {total:8.2f} ms per 1,000 words = {1000 / (total * 0.6):.0f} "
             "600-word articles/s on one core"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=300, help="generated articles (0: none)")
    parser.add_argument("--repeat", type=int, default=5, help="passes per stage; the best is reported")
    parser.add_argument("--json", type=Path, help="also write the figures (ms per 1,000 words) here")
    args = parser.parse_args()
    sets = {"dev": dev_texts()}
    if args.generated:
        sets["generated"] = generated_texts(args.generated)
    figures = {}
    for label, texts in sets.items():
        best = measure(texts, args.repeat)
        words = sum(len(text.split()) for text, _ in texts)
        figures[label] = {name.strip(): seconds * 1e6 / words for name, seconds in best.items()}
        print(report(label, texts, best), flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
