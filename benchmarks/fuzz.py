"""Fuzz the whole build with generated bad and odd inputs; report crashes and rows lost.

    python benchmarks/fuzz.py                          # 10,000 inputs, 2 worker processes
    python benchmarks/fuzz.py --inputs 500 --jobs 1 --seed 3 --keep /tmp/fuzz-failures

Inputs are files: the sample articles of raw/ mutated (truncated, bytes flipped or inserted, spans
deleted or repeated, re-encoded, renamed to another format), random bytes, JSON Lines and JSON of odd
shapes (fields of every type, huge numbers, deep nesting, lone surrogates, truncated lines), CSV with
odd quoting and ragged rows, text with odd front matter, HTML tag soup, all in several encodings and
under odd file names. They are built by `builder.build` in batches of --batch files (ingest, every
stage, validation, Parquet and CSV writing, events), in --jobs worker processes.

Counted:
- crashes: an exception out of `builder.build` (the batch is then built file by file to name the
  input), a batch that takes longer than --timeout, and every `stage-failed`, `reader-failed` or
  `record-failed` reject (code raised on an input and a catch-all kept the build going: a bug all the same);
- rows lost: an input unit that is neither an articles row nor a rejects row. A unit is a non-blank
  line of a JSON Lines file written without byte damage, otherwise the whole file;
- schema rejects: rows a stage produced that failed their table's schema (kept as rejects, but the
  extraction broke an invariant).
Exit status 1 when any of the three is not zero.
"""

from __future__ import annotations

import argparse
import codecs
import json
import multiprocessing
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

REPO = HERE.parent
# Rejects that mean code raised on an input and a catch-all kept the batch going: bugs all the same.
CAUGHT_CRASHES = {"stage-failed", "reader-failed", "record-failed"}
TODAY = date(2026, 1, 1)
SUFFIXES = [".txt", ".md", ".jsonl", ".json", ".csv", ".html"]
ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1251", "latin-1",
             "koi8-r", "gb18030", "shift_jis", "mac_cyrillic"]
ODD_BYTES = [b"\x00", b"\xff\xfe", codecs.BOM_UTF8, b"\r", b"\x1b[31m", b"\xed\xa0\x80", b"\xc3", b"\\ud800",
             b'"', b"\n", b"---\n", b"<script>", b"[" * 3000, b"\xe2\x80\xa8", b"\x0c", b"=HYPERLINK(", b"\t",
             b"9" * 5000, b"\\u0000", b"</p>" * 50]
ODD_NAMES = ["", "-2024-05-18", "-1850-01-01", "-2999-01-01", " with spaces (copy)", "-\nnewline", "-..-up",
             "-ü-日本-2023-01-02", "-" + "x" * 150, "-tab\tname", "-%2e%2e", "-\\..\\evil"]
ODD_WORDS = ["9223372036854775808", "1e999", "9" * 400, "-5", "0", "1,000,000,000,000", "3.5", "½", "٣", "五",
             "killed", "wounded", "at least", "between 9 and 3", "dozens", "on 31 February", "in 9999",
             "the 99th century", "BC", "2022-13-45", "10/09/2022", "overnight", "next week", "since 1 January 0001",
             "Kharkiv", "Kherson,", "Donbas", "Gaza:", "\u202e", "\u0301", "\ufffd", "\U0001f4a5", "\u00a0", "\u2028",
             "\t", "\n\n", "▪️", "Ｋｙｉｖ", "ＫＩＬＬＥＤ", "Київ", "قتل", "—", "(", ")", '"', "...", "=HYPERLINK(", "@", "+1",
             # runs without spaces and endless sentences (quadratic in spaCy and the incident stage once)
             "x" * 5000, "=" * 5000, '"' * 1000, ":)" * 1000, "at least 5 were killed in Kharkiv " * 60]
ODD_STRINGS = ["", " ", "\u0000", "\ud800", "\udfff x", "=1+1", "../../etc/passwd", "\u202e", "x" * 300, "ü" * 50,
               "9" * 400, "1e999", "NaN", "2024-02-30", "2024-05-18T25:00:00", "Sat, 99 Foo 2024", "10/09/2022",
               "2031-01-01", "1850-01-01", "0001-01-01", "9999-12-31T23:59:59+14:00", "\t\n\r", "null"]


@dataclass
class Input:
    name: bytes          # file name (may hold bytes that are not UTF-8)
    data: bytes
    kind: str            # which generator made it
    units: list[int] | None = None  # JSON Lines: the lines that must each become a row; None: the file


@dataclass
class Result:
    inputs: int = 0
    units: int = 0
    articles: int = 0
    rejects: Counter = field(default_factory=Counter)
    warnings: int = 0
    crashes: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    schema_rejects: list[str] = field(default_factory=list)

    def add(self, other: Result) -> None:
        self.inputs += other.inputs
        self.units += other.units
        self.articles += other.articles
        self.rejects.update(other.rejects)
        self.warnings += other.warnings
        self.crashes += other.crashes
        self.lost += other.lost
        self.schema_rejects += other.schema_rejects


class Generator:
    """Makes inputs from the sample batch and a seeded random source."""

    def __init__(self, seed: int) -> None:
        from builder.errors import Problem
        from builder.ingest import read_batch

        self.rng = random.Random(seed)
        self.samples = [(p.suffix, p.read_bytes()) for p in sorted((REPO / "raw").iterdir())
                        if not p.name.lower().startswith("readme")]
        self.paragraphs = [paragraph for item in read_batch(REPO / "raw", today=TODAY)
                           if not isinstance(item, Problem) for paragraph in item.text.split("\n\n")]
        self.kinds = [self.mutated_sample] * 4 + [self.jsonl] * 3 + [self.odd_articles] * 2 + [
            self.json_document, self.csv, self.text, self.html, self.random_bytes, self.reencoded]

    def make(self, index: int) -> Input:
        made = self.rng.choice(self.kinds)()
        odd = self.rng.choice(ODD_NAMES).encode() if self.rng.random() < 0.3 else b""
        if self.rng.random() < 0.03:
            odd += b"-\xff\xfe"  # not UTF-8
        made.name = f"{index:05d}".encode() + odd + made.name
        return made

    # -- generators ------------------------------------------------------------------------------
    def mutated_sample(self) -> Input:
        suffix, data = self.rng.choice(self.samples)
        data = bytearray(data)
        for _ in range(self.rng.randint(1, 3)):
            self.rng.choice([self._truncate, self._flip, self._insert, self._delete, self._repeat])(data)
        if self.rng.random() < 0.1:
            suffix = self.rng.choice(SUFFIXES)
        return Input(suffix.encode(), bytes(data), "mutated-sample")

    def reencoded(self) -> Input:
        suffix, data = self.rng.choice(self.samples)
        encoding = self.rng.choice(ENCODINGS)
        return Input(suffix.encode(), data.decode("utf-8").encode(encoding, errors="replace"), f"encoded-{encoding}")

    def random_bytes(self) -> Input:
        size = self.rng.choice([0, 1, 2, 10, 100, 1000, 5000])
        style = self.rng.choice(["any", "ascii", "high", "controls", "whitespace"])
        pool = {"any": range(256), "ascii": range(32, 127), "high": range(128, 256), "controls": range(0, 32),
                "whitespace": b" \t\r\n\x0b\x0c"}[style]
        data = bytes(self.rng.choice(pool) for _ in range(size))
        return Input(self.rng.choice(SUFFIXES).encode(), data, f"random-{style}")

    def jsonl(self) -> Input:
        lines = []
        for _ in range(self.rng.randint(1, 8)):
            lines.append(self._json_line(lines))
        text = "\n".join(lines) + self.rng.choice(["\n", "", "\n\n"])
        encoding = self.rng.choice(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "cp1251"])
        data = text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf-8") else "replace")
        units = [number for number, line in enumerate(text.split("\n"), start=1) if line.strip()]
        return Input(b".jsonl", data, f"jsonl-{encoding}", units)

    def odd_articles(self) -> Input:
        """Valid records whose texts are news spliced with odd words, numbers and characters: they pass
        ingest, so every stage has to cope with them."""
        lines = []
        for _ in range(self.rng.randint(1, 4)):
            words = " ".join(self.rng.sample(self.paragraphs, k=self.rng.randint(1, 3))).split(" ")
            for _ in range(self.rng.randint(1, 12)):
                words.insert(self.rng.randrange(len(words) + 1), self.rng.choice(ODD_WORDS))
            published = (date(1995, 1, 1) + timedelta(days=self.rng.randrange(11_000))).isoformat()
            lines.append(json.dumps({"published": published, "text": " ".join(words)}))  # ids from the text
        return Input(b".jsonl", ("\n".join(lines) + "\n").encode(), "odd-articles", list(range(1, len(lines) + 1)))

    def json_document(self) -> Input:
        shape = self.rng.choice(["list", "list", "single", "scalar", "deep", "truncated", "minified"])
        records = [self._record() for _ in range(self.rng.randint(0, 6))]
        if shape == "single":
            text = json.dumps(records[0] if records else {}, indent=2)
        elif shape == "scalar":
            text = self.rng.choice(["null", "42", '"text"', "true", "1e999", "9" * 5000, "", "[]", "{}"])
        elif shape == "deep":
            depth = self.rng.choice([10, 1000, 100_000])
            text = "[" + json.dumps(self._record()) + ", " + "[" * depth + "]" * depth + "]"
        else:
            text = json.dumps(records, indent=None if shape == "minified" else 2)
            if shape == "truncated":
                text = text[: self.rng.randrange(len(text) + 1)]
        return Input(b".json", text.encode("utf-8", errors="surrogatepass"), f"json-{shape}")

    def csv(self) -> Input:
        names = self.rng.sample(["id", "published", "date", "title", "source", "url", "text", "body", "extra",
                                 "Text", " content "], k=self.rng.randint(1, 6))
        rows = [",".join(names)]
        for _ in range(self.rng.randint(0, 6)):
            cells = [self._csv_cell(name) for name in names]
            if self.rng.random() < 0.15:
                cells.append("ragged")
            rows.append(",".join(cells))
        text = self.rng.choice(["\n", "\r\n"]).join(rows) + "\n"
        if self.rng.random() < 0.1:
            text = text.replace(",", ";")
        return Input(b".csv", text.encode(self.rng.choice(["utf-8", "utf-8-sig", "cp1251", "utf-16"]),
                                          errors="replace"), "csv")

    def text(self) -> Input:
        body = "\n\n".join(self.rng.sample(self.paragraphs, k=self.rng.randint(0, 4)))
        if self.rng.random() < 0.2:
            body = self._odd_string() + body
        front = self.rng.choice([
            None, "published: 2024-05-18", "published: 2024-13-40", "published: [1, 2]", "published: 1e999",
            "- a\n- list", "just a scalar", "published: 2024-05-18\nid: {a: 1}", "title: [unclosed",
            "published: 2024-05-18\na: &a [x, x, x]\nb: &b [*a, *a, *a]\ntitle: *b", "id: " + "9" * 5000,
            "published: 2024-05-18\ntitle: \"\\ud800\"", "published: 2999-01-01", "\tpublished: 2024-05-18"])
        if front is None:
            text = body
        else:
            closing = self.rng.choice(["---", "...", ""])  # "" leaves the front matter unclosed
            text = f"---\n{front}\n{closing}\n{body}\n"
        newline = self.rng.choice(["\n", "\r\n", "\r"])
        return Input(self.rng.choice([b".txt", b".md"]), text.replace("\n", newline).encode("utf-8", "replace"),
                     "text")

    def html(self) -> Input:
        paragraphs = "".join(f"<p>{p}</p>" for p in self.rng.sample(self.paragraphs, k=self.rng.randint(0, 3)))
        head = self.rng.choice(['<meta property="article:published_time" content="2024-05-18T10:00:00Z">',
                                '<meta property="article:published_time" content="yesterday">',
                                '<script type="application/ld+json">{"datePublished": [1, {"a": null}]}</script>',
                                '<script type="application/ld+json">{broken</script>', "", "<title></title>"])
        body = self.rng.choice([
            f"<article>{paragraphs}</article>", f"<div>{paragraphs}" + "<div>" * 3000 + "</div>" * 10,
            "<script>" + "x" * 10000 + "</script><style>p{}</style>", paragraphs.replace("</p>", ""),
            "<table>" + "<tr><td>1</td></tr>" * 500 + "</table>", "\x00<p>nul</p>", "<![CDATA[" + paragraphs])
        page = f"<html><head>{head}</head><body>{body}</body></html>"
        if self.rng.random() < 0.3:
            page = page[: self.rng.randrange(len(page) + 1)]
        return Input(self.rng.choice([b".html", b".htm"]), page.encode("utf-8", "replace"), "html")

    # -- pieces ----------------------------------------------------------------------------------
    def _json_line(self, earlier: list[str]) -> str:
        choice = self.rng.random()
        if choice < 0.45:
            return json.dumps(self._record(), ensure_ascii=self.rng.random() < 0.5)
        if choice < 0.55 and earlier:
            line = self.rng.choice(earlier)
            return line if self.rng.random() < 0.5 else line.replace('"id"', '"title"', 1)  # a repeat
        if choice < 0.65:
            line = json.dumps(self._record())
            return line[: self.rng.randrange(len(line) + 1)] or "{"  # truncated
        if choice < 0.75:
            return self.rng.choice(["[1, 2]", "42", '"just text"', "null", "true", "{}", "1e999", "9" * 5000,
                                    "[" * 100_000 + "]" * 100_000, '{"text": NaN}', "\ufeff{}",
                                    '{"text": "\\ud800\\udc00\\udfff", "published": "2024-05-18"}'])
        if choice < 0.8:
            return self.rng.choice(["   ", "\t", "\u00a0", "\u2028"])  # blank to the reader, or not
        return json.dumps({self._odd_key(): self._any_value() for _ in range(self.rng.randint(0, 6))})

    def _record(self) -> dict:
        record = {"published": self._date(), "text": self.rng.choice(self.paragraphs)}
        if self.rng.random() < 0.6:
            record["id"] = f"r{self.rng.randrange(10_000)}"
        for name in ("title", "source", "url", "language", "id", "published", "text"):
            if self.rng.random() < 0.12:
                record[name] = self._any_value()
        if self.rng.random() < 0.1:
            record[self.rng.choice(["body", "content", "date", "published_at", "TEXT", "Headline"])] = \
                self._any_value()
        return record

    def _any_value(self):
        return self.rng.choice([
            lambda: self._odd_string(), lambda: self.rng.choice(self.paragraphs), lambda: self.rng.randint(-5, 10**6),
            lambda: 10 ** self.rng.randint(10, 400), lambda: self.rng.random() * 1e308, lambda: None,
            lambda: True, lambda: [self._odd_string()], lambda: {"nested": {"deep": [1, 2]}}, lambda: self._date()])()

    def _odd_string(self) -> str:
        return self.rng.choice(ODD_STRINGS)

    def _odd_key(self) -> str:
        return self.rng.choice(["text", "TEXT", " text ", "published", "Date", "id", "", "\u0000", "title",
                                "source", "x" * 500])

    def _date(self) -> str:
        if self.rng.random() < 0.8:
            return (date(1995, 1, 1) + timedelta(days=self.rng.randrange(11_000))).isoformat()
        return self._odd_string()

    def _csv_cell(self, name: str) -> str:
        value = {"published": self._date, "date": self._date}.get(name.strip().lower(), lambda: self.rng.choice(
            self.paragraphs + ODD_STRINGS))()
        if self.rng.random() < 0.5 or any(c in value for c in ',"\n'):
            value = '"' + value.replace('"', '""') + '"'
        if self.rng.random() < 0.05:
            value = value[: len(value) // 2]  # an unbalanced quote
        return value

    def _truncate(self, data: bytearray) -> None:
        del data[self.rng.randrange(len(data) + 1):]

    def _flip(self, data: bytearray) -> None:
        for _ in range(self.rng.randint(1, 20)):
            if data:
                data[self.rng.randrange(len(data))] = self.rng.randrange(256)

    def _insert(self, data: bytearray) -> None:
        at = self.rng.randrange(len(data) + 1)
        data[at:at] = self.rng.choice(ODD_BYTES)

    def _delete(self, data: bytearray) -> None:
        at = self.rng.randrange(len(data) + 1)
        del data[at: at + self.rng.randint(1, 500)]

    def _repeat(self, data: bytearray) -> None:
        at = self.rng.randrange(len(data) + 1)
        data[at:at] = data[at: at + self.rng.randint(1, 2000)] * self.rng.randint(1, 5)


# -- running -------------------------------------------------------------------------------------
def _warm_up() -> None:
    """Load the tokenizer, the rules and the gazetteer once per worker."""
    from builder.pipeline import analyse_text

    analyse_text("Two people were killed in Kharkiv on Friday.", TODAY)


def build_batch(task: tuple[int, list[Input]]) -> Result:
    """Build one batch of inputs in a fresh folder and account for every unit."""
    number, inputs = task
    result = Result(inputs=len(inputs), units=sum(len(i.units) if i.units else 1 for i in inputs))
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{number}-") as folder:
        rows = _build(Path(folder), inputs, result)
        if rows is None:  # the batch crashed: build each input alone to name the culprit
            for item in inputs:
                alone = _build(Path(folder) / f"alone-{item.name[:5].decode()}", [item], result)
                if alone is not None:
                    _account([item], *alone, result)
            return result
        _account(inputs, *rows, result)
    return result


def _build(folder: Path, inputs: list[Input], result: Result):
    import builder

    raw = folder / "raw"
    raw.mkdir(parents=True)
    for item in inputs:
        (raw / item.name.decode("utf-8", "surrogateescape")).write_bytes(item.data)
    try:
        summary = builder.build(raw, folder / "out", today=TODAY)
        articles = builder.load_table(folder / "out", "articles")
        rejects = builder.load_table(folder / "out", "rejects")
    except Exception:
        if len(inputs) == 1:
            result.crashes.append(f"{_describe(inputs[0])}: build raised\n{traceback.format_exc(limit=-4)}")
        return None
    result.warnings += len(summary.warnings)
    return articles, rejects


def _account(inputs: list[Input], articles, rejects, result: Result) -> None:
    seen: dict[str, set] = {}
    for path, line in zip(articles["source_path"], articles["source_line"].astype(object)):
        seen.setdefault(path[:5], set()).add(_line(line))
    result.articles += len(articles)
    for row in rejects.astype(object).itertuples():
        seen.setdefault(row.source_path[:5], set()).add(_line(row.line))
        result.rejects[row.reason] += 1
        item = next((i for i in inputs if i.name[:5].decode() == row.source_path[:5]), None)
        if row.reason in CAUGHT_CRASHES:
            result.crashes.append(f"{_describe(item)}: {row.message}")
        elif row.reason == "schema-check-failed":
            result.schema_rejects.append(f"{_describe(item)}: {row.message}")
    for item in inputs:
        rows = seen.get(item.name[:5].decode(), set())
        if item.units is None or None in rows:  # a file-level reject accounts for every line of the file
            missing = [] if rows else ["file"]
        else:
            missing = [unit for unit in item.units if unit not in rows]
        if missing:
            result.lost.append(f"{_describe(item)}: no row for {missing}")


def _line(value) -> int | None:
    return None if value is None or value is pd.NA or value != value else int(value)


def _describe(item: Input | None) -> str:
    if item is None:
        return "?"
    return f"{item.name.decode('utf-8', 'backslashreplace')!r} ({item.kind}, {len(item.data):,} bytes)"


def run(n_inputs: int, seed: int, jobs: int, batch: int, timeout: float, keep: Path | None) -> tuple[Result, float]:
    started = time.perf_counter()
    generator = Generator(seed)
    inputs = [generator.make(index) for index in range(n_inputs)]
    tasks = [(number, inputs[start:start + batch]) for number, start in enumerate(range(0, n_inputs, batch))]
    total = Result()
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_warm_up) as pool:
        results = pool.imap_unordered(build_batch, tasks)
        for _ in tasks:
            try:
                total.add(results.next(timeout=timeout))
            except multiprocessing.TimeoutError:
                total.crashes.append(f"a batch took longer than {timeout:.0f} s (a hang?)")
                pool.terminate()
                break
    if keep is not None:
        _keep_failures(inputs, total, keep)
    return total, time.perf_counter() - started


def _keep_failures(inputs: list[Input], total: Result, keep: Path) -> None:
    named = " ".join(total.crashes + total.lost + total.schema_rejects)
    keep.mkdir(parents=True, exist_ok=True)
    for item in inputs:
        if repr(item.name.decode("utf-8", "backslashreplace")) in named:
            (keep / item.name.decode("utf-8", "surrogateescape")).write_bytes(item.data)


def report(total: Result, seconds: float) -> str:
    lines = [f"fuzz: {total.inputs:,} inputs ({total.units:,} units) in {seconds:.1f} s",
             f"  crashes: {len(total.crashes)}   rows lost: {len(total.lost)}   "
             f"schema rejects: {len(total.schema_rejects)}",
             f"  articles: {total.articles:,}   rejects: {sum(total.rejects.values()):,}   "
             f"warnings: {total.warnings:,}",
             "  rejects by reason: " + ", ".join(f"{reason} {count:,}"
                                                 for reason, count in total.rejects.most_common())]
    for title, entries in (("crash", total.crashes), ("lost", total.lost), ("schema", total.schema_rejects)):
        lines += [f"  {title}: {entry}" for entry in entries[:20]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=250, help="files per build")
    parser.add_argument("--timeout", type=float, default=300, help="seconds one batch may take")
    parser.add_argument("--keep", type=Path, help="write the inputs that crashed or lost rows here")
    args = parser.parse_args()
    total, seconds = run(args.inputs, args.seed, args.jobs, args.batch, args.timeout, args.keep)
    print(report(total, seconds), flush=True)
    sys.exit(1 if total.crashes or total.lost or total.schema_rejects else 0)


if __name__ == "__main__":
    main()
