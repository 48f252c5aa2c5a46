"""Per-stage micro-benchmark: milliseconds of one core per 1,000 words for each per-article stage.

Stages, as analyse_text and process_article run them: segment (spaCy tokens and sentences), timex
(with its finder, find_matches, also shown on its own), places, incidents, rows (the table rows built
from one analysis). Each stage runs over a whole text set, once after the rules, the gazetteer and
lazily loaded parts have been loaded on a text of its own (the first pass: caches meet the set's words
for the first time), then --repeat times more, of which the best is shown (the machine is shared and
other processes only ever add time). Text sets: the texts of tests/gold/incidents/dev.jsonl, a
generated batch (benchmarks/generate.py, ~600 words an article) and any given with --texts.

    python benchmarks/stages.py                      # dev texts + 300 generated articles, best of 5
    python benchmarks/stages.py --generated 1000 --repeat 7 --json /tmp/stages.json
    python benchmarks/stages.py --texts ../shared/corpora/timex/te3_tbaq/te3_tbaq.docs.jsonl

Generated articles recombine the few paragraphs of raw/, so after their first pages every cache holds
their words: the first-pass figures of dev texts and of a corpus of unseen news are the realistic ones.
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
from builder.pipeline import Analysis, analyse_text, analysis_rows  # noqa: E402
from builder.places import extract_places, load_gazetteer  # noqa: E402
from builder.segment import segment  # noqa: E402
from builder.timex import extract_time_expressions, load_rules  # noqa: E402
from builder.timex.find import find_matches  # noqa: E402

DEV = REPO / "tests" / "gold" / "incidents" / "dev.jsonl"  # never heldout.jsonl
WARM_UP = ("KYIV, Ukraine (AP) — Russian shelling killed three civilians and wounded 12 in Kharkiv on 9/9/2022, "
           "two days ago, the regional governor said on Saturday. Ukrainian forces retook Izium.")


def dev_texts() -> list[tuple[str, date]]:
    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["text"], date.fromisoformat(r["published"])) for r in records]


def generated_texts(n_articles: int) -> list[tuple[str, date]]:
    with tempfile.TemporaryDirectory(prefix="stages-bench-") as folder:
        return [(a.text, a.published) for a in read_batch(generate(n_articles, Path(folder)))
                if not isinstance(a, Problem)]


def measure(texts: list[tuple[str, date]], repeat: int) -> tuple[dict[str, float], dict[str, float]]:
    """Seconds for each stage over all `texts`: (first pass, best of `repeat` passes). The first pass
    meets every text for the first time (cold caches: spaCy's tokenizer, the finders' word caches),
    as a build does; later passes show the work left once caches hold the texts' words."""
    rules = load_rules()
    load_gazetteer()
    analyse_text(WARM_UP, date(2022, 9, 10))  # loads what stages load on first use (date parsers, lexicons)
    first: dict[str, float] = {}

    def timed(name, run):
        started = time.perf_counter()
        result = run()
        first[name] = time.perf_counter() - started
        return result

    docs = timed("segment", lambda: [segment(text) for text, _ in texts])
    timed("  timex find_matches", lambda: [find_matches(text, rules) for text, _ in texts])
    times = timed("timex", lambda: [extract_time_expressions(text, published) for text, published in texts])
    places = timed("places", lambda: [extract_places(doc) for doc in docs])
    incidents = timed("incidents", lambda: [_incidents(doc, published, t, p)
                                            for doc, (_, published), t, p in zip(docs, texts, times, places)])
    analyses = [Analysis(*parts) for parts in zip(docs, times, places, incidents)]
    timed("rows", lambda: [analysis_rows("article", analysis) for analysis in analyses])
    stages = {
        "segment": lambda: [segment(text) for text, _ in texts],
        "timex": lambda: [extract_time_expressions(text, published) for text, published in texts],
        "  timex find_matches": lambda: [find_matches(text, rules) for text, _ in texts],
        "places": lambda: [extract_places(doc) for doc in docs],
        "incidents": lambda: [_incidents(doc, published, t, p)
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
    return {name: first[name] for name in stages}, best


FAILED: set[int] = set()  # texts the incident stage failed on (process_article keeps their other rows)


def _incidents(doc, published, times, places) -> list:
    try:
        return extract_incidents(doc, published, times, places)
    except Exception:  # as process_article: one article that trips the stage does not stop the batch
        FAILED.add(id(doc))
        return []


def report(label: str, texts: list[tuple[str, date]], first: dict[str, float], best: dict[str, float]) -> str:
    words = sum(len(text.split()) for text, _ in texts)
    lines = [f"{label}: {len(texts)} texts, {words:,} words ({words / len(texts):.0f} per text); "
             f"ms per 1,000 words, first pass and best of the later ones"]
    for name in best:
        lines.append(f"  {name:<22} {first[name] * 1e6 / words:8.2f} {best[name] * 1e6 / words:8.2f}")
    totals = [sum(v for k, v in figures.items() if not k.startswith(" ")) * 1e6 / words for figures in (first, best)]
    lines.append(f"  {'all stages':<22} {totals[0]:8.2f} {totals[1]:8.2f}   = {1000 / (totals[0] * 0.6):.0f} and "
                 f"{1000 / (totals[1] * 0.6):.0f} 600-word articles/s on one core")
    if FAILED:
        lines.append(f"  (the incident stage failed on {len(FAILED)} text(s), timed up to the failure)")
        FAILED.clear()
    return "\n".join(lines)


def corpus_texts(path: Path) -> list[tuple[str, date]]:
    """Texts of a JSONL file of records with text and published (or dct, as the TIMEX corpora have)."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["text"], date.fromisoformat(str(r.get("published") or r["dct"])[:10])) for r in records]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=300, help="generated articles (0: none)")
    parser.add_argument("--repeat", type=int, default=5, help="passes per stage; the best is reported")
    parser.add_argument("--texts", type=Path, nargs="*", default=[],
                        help="more text sets: JSONL files of records with text and published (or dct)")
    parser.add_argument("--json", type=Path, help="also write the figures (ms per 1,000 words) here")
    args = parser.parse_args()
    sets = {"dev": dev_texts()}
    if args.generated:
        sets["generated"] = generated_texts(args.generated)
    sets.update({path.stem: corpus_texts(path) for path in args.texts})
    figures = {}
    for label, texts in sets.items():
        first, best = measure(texts, args.repeat)
        words = sum(len(text.split()) for text, _ in texts)
        figures[label] = {kind: {name.strip(): seconds * 1e6 / words for name, seconds in found.items()}
                          for kind, found in (("first", first), ("best", best))}
        print(report(label, texts, first, best), flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
