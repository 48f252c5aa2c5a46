"""Record what the per-article stages output, and check later that a change left it identical.

For every text of a fixed set (the articles of raw/ as read_batch reads them, the texts of
tests/gold/incidents/dev.jsonl, the shared Kharkiv example and a generated batch), it records the
segmentation (token offsets digest, sentences), the time expressions, the place mentions, the
incidents of analyse_text, and the table rows process_article builds (incident rows without
extractor_version, which digests the extraction code and so changes with any edit of it). Values keep
their Python type (a date is written as its repr), so a date turned string or an int turned float
counts as a change.

    python benchmarks/stage_outputs.py --save /tmp/stages-before.json      # before a change
    python benchmarks/stage_outputs.py --compare /tmp/stages-before.json   # after: exit 1 on any change

The baseline file is not committed: place results depend on the installed gazetteer packages.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import fields
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from benchmarks.generate import generate  # noqa: E402
from builder.errors import Problem  # noqa: E402
from builder.ingest import Article, read_batch  # noqa: E402
from builder.pipeline import analyse_text, process_article  # noqa: E402
from builder.segment import sentences  # noqa: E402

DEV = REPO / "tests" / "gold" / "incidents" / "dev.jsonl"  # never heldout.jsonl: it is for final scoring only
SHARED = Path(os.environ.get("BUILDER_SHARED_DIR", REPO.parent / "shared"))  # as tests/conftest.py
EXAMPLE = SHARED / "examples" / "kharkiv-2022-09-10.txt"
STAGES = ("segment", "time_expressions", "places", "incidents", "rows")


def texts(generated: int) -> list[tuple[str, Article]]:
    """(label, article) for every text the outputs are recorded on, in a fixed order."""
    found = [(f"raw/{a.source_path}:{a.source_line or 0}:{a.article_id}", a) for a in _articles(REPO / "raw")]
    for number, line in enumerate(DEV.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            record = json.loads(line)
            found.append((f"dev/{record['doc']}", _article(record["doc"], date.fromisoformat(record["published"]),
                                                            record["text"], DEV.name, number)))
    if EXAMPLE.is_file():
        found += [(f"example/{a.article_id}", a) for a in _articles(EXAMPLE)]
    else:
        print(f"note: {EXAMPLE} not found; left out", file=sys.stderr)
    if generated:
        with tempfile.TemporaryDirectory(prefix="stage-outputs-") as folder:
            found += [(f"generated/{a.article_id}", a) for a in _articles(generate(generated, Path(folder)))]
    return found


def _articles(raw: Path) -> list[Article]:
    return [item for item in read_batch(raw) if not isinstance(item, Problem)]


def _article(article_id: str, published: date, text: str, path: str, line: int) -> Article:
    return Article(article_id, published, text, None, None, None, None, path, line, "", "utf-8", 0)


def _plain(item) -> dict:
    """A dataclass as a dict of its fields, without going through the code under test."""
    return {f.name: getattr(item, f.name) for f in fields(item)}


def outputs(article: Article) -> dict:
    analysis = analyse_text(article.text, article.published)
    doc = analysis.doc
    tokens = doc.to_array(["IDX", "LENGTH", "SENT_START", "SPACY"]).tobytes() if len(doc) else b""
    result = process_article(article)
    rows = {table: [{k: v for k, v in row.items() if k != "extractor_version"} for row in table_rows]
            for table, table_rows in result.rows.items()}
    return {
        "text_sha256": hashlib.sha256(article.text.encode("utf-8")).hexdigest(),
        "segment": {"tokens_sha256": hashlib.sha256(tokens).hexdigest(), "n_tokens": len(doc),
                    "sentences": [[s.start, s.end] for s in sentences(doc)]},
        "time_expressions": [_plain(e) for e in analysis.time_expressions],
        "places": [_plain(m) for m in analysis.places],
        "incidents": [_plain(i) for i in analysis.incidents],
        "rows": {"rows": rows, "problems": [_plain(p) for p in result.problems]},
    }


def record(generated: int) -> dict:
    """label -> outputs, as JSON-ready data (non-JSON values as their repr, which keeps their type)."""
    data = {label: outputs(article) for label, article in texts(generated)}
    return json.loads(json.dumps(data, default=repr, ensure_ascii=False))


def compare(before: dict, after: dict) -> list[str]:
    problems = []
    if missing := sorted(set(before) ^ set(after)):
        problems.append(f"texts differ between the runs: {missing[:5]}{' ...' if len(missing) > 5 else ''}")
    for label in (label for label in before if label in after):
        if before[label]["text_sha256"] != after[label]["text_sha256"]:
            problems.append(f"{label}: the input text changed (ingest or generate.py?), outputs not comparable")
            continue
        for stage in STAGES:
            if before[label][stage] != after[label][stage]:
                difference = _first_difference(before[label][stage], after[label][stage])
                problems.append(f"{label}: {stage} differs: {difference}")
    return problems


def _first_difference(old, new, where: str = "") -> str:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if old.get(key, "<absent>") != new.get(key, "<absent>"):
                return _first_difference(old.get(key, "<absent>"), new.get(key, "<absent>"), f"{where}.{key}")
    if isinstance(old, list) and isinstance(new, list):
        for index, (a, b) in enumerate(zip(old, new)):
            if a != b:
                return _first_difference(a, b, f"{where}[{index}]")
        if len(old) != len(new):
            return f"{where}: {len(old)} items before, {len(new)} after"
    return f"{where}: {old!r} before, {new!r} after"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the outputs to this JSON file")
    action.add_argument("--compare", type=Path, help="compare the outputs with this JSON file (exit 1 on change)")
    parser.add_argument("--generated", type=int, default=300, help="generated articles added to the set")
    args = parser.parse_args()
    data = record(args.generated)
    counts = {stage: sum(len(v[stage]) if isinstance(v[stage], list) else 1 for v in data.values())
              for stage in ("time_expressions", "places", "incidents")}
    summary = f"{len(data)} texts; " + ", ".join(f"{n:,} {stage}" for stage, n in counts.items())
    if args.save:
        args.save.write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"saved {summary} to {args.save}")
        return
    problems = compare(json.loads(args.compare.read_text(encoding="utf-8")), data)
    for problem in problems[:40]:
        print(problem)
    if problems:
        print(f"CHANGED: {len(problems)} difference(s) ({summary})")
        raise SystemExit(1)
    print(f"IDENTICAL: {summary}, every stage as in {args.compare}")


if __name__ == "__main__":
    main()
