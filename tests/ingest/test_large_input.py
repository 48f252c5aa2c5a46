"""A 100 MB JSONL, CSV or JSON file is streamed: memory stays bounded while every record is read.

The reading runs in a child process; the test compares its peak resident memory (VmHWM, which is the
child's own: ru_maxrss would carry over the parent's peak through fork and exec) with the memory in use
just before reading.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

SIZE = 100 * 1024 * 1024
BOUND_MIB = 40  # the file is 100 MiB: holding it once (bytes or text) would exceed this
PARAGRAPH = ("Russian shelling hit the centre of Kherson on Friday, wounding two people, the governor said. "
             "Emergency crews put out fires in three apartment buildings and a shop. ")
CHILD = """
import json, sys
from datetime import date
from builder.errors import Problem
from builder.ingest import read_batch

def status_mib(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024

before = status_mib("VmRSS")
articles, problems = 0, []
for item in read_batch(sys.argv[1], today=date(2026, 1, 1)):
    if isinstance(item, Problem):
        problems.append([item.line, item.reason])
    else:
        articles += 1
print(json.dumps({"articles": articles, "problems": problems, "growth_mib": status_mib("VmHWM") - before}))
"""


def record(number: int) -> dict:
    return {"id": f"r{number}", "published": "2024-01-01", "text": f"Report {number}. " + PARAGRAPH * 300}


def write_jsonl(path: Path) -> tuple[int, list]:
    size = number = 0
    with open(path, "w", encoding="utf-8") as handle:
        while size < SIZE:
            number += 1
            line = json.dumps(record(number)) + "\n"
            if number == 1000:
                line = line[: len(line) // 2] + "\n"  # a truncated line in the middle of the file
            size += handle.write(line)
    return number - 1, [[1000, "bad-json"]]


def write_csv(path: Path) -> tuple[int, list]:
    size = number = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["id", "published", "text"], lineterminator="\n")
        writer.writeheader()
        while size < SIZE:
            number += 1
            row = record(number)
            row["text"] = row["text"].replace(". ", '.\n"Quoted", she said, ', 2)  # quotes and newlines in cells
            writer.writerow(row)
            size = handle.tell()
    return number, []


def write_json_one_line(path: Path) -> tuple[int, list]:
    """A list of records as json.dump writes it: the whole 100 MB on one line."""
    size = number = 0
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[")
        while size < SIZE:
            number += 1
            size += handle.write(("" if number == 1 else ", ") + json.dumps(record(number)))
        handle.write("]")
    return number, []


@pytest.mark.parametrize("name, write", [("big.jsonl", write_jsonl), ("big.csv", write_csv),
                                         ("big.json", write_json_one_line)])
def test_a_100_mb_file_is_streamed_in_bounded_memory(tmp_path, name, write):
    raw = tmp_path / "raw"
    raw.mkdir()
    expected_articles, expected_problems = write(raw / name)
    assert (raw / name).stat().st_size >= SIZE
    result = subprocess.run([sys.executable, "-c", CHILD, str(raw)], capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout)
    assert figures["articles"] == expected_articles > 1500
    assert figures["problems"] == expected_problems
    assert figures["growth_mib"] < BOUND_MIB, figures



# JSON lists are read in chunks: whatever the chunk size, the records, their lines and the problems are the same.
JSON_FILES = {
    "lines.json": '[\n  {"id": "a", "published": "2024-01-01", "text": "One."},\n\n  {"id": "b", '
                  '"published": "2024-01-02",\n   "text": "Two \\u00e9\\n lines."}\n]\n',
    "one-line.json": json.dumps([{"id": f"r{n}", "published": "2024-01-01", "text": f"Report {n}."} for n in range(5)]),
    "number.json": '[1234567890123, {"id": "n", "published": "2024-01-01", "text": "After a number."}, true]',
    "cut.json": '[{"id": "c", "published": "2024-01-01", "text": "Kept before the cut."},\n'
                ' {"id": "b", "published": "20',
    "separator.json": '[{"id": "s1", "published": "2024-01-01", "text": "Kept before a missing comma."}\n {"id": "b"}]',
    "bom.json": "\ufeff[" + json.dumps({"id": "bom", "published": "2024-01-01", "text": "BOM."}) + "]",
    "single.json": '\n\n{"id": "s", "published": "2024-01-01", "text": "A single record."}\n',
    "deep.json": '[{"id": "d", "published": "2024-01-01", "text": "Kept before deep nesting."},\n' + "[" * 5000
                 + "]" * 5000 + "]",
}
UKRAINIAN = "Обстріл Харкова: двоє загиблих, троє поранених."


def read_all(raw: Path) -> list:
    from datetime import date

    from builder.errors import Problem
    from builder.ingest import read_batch

    return [(item.source_path, item.line, item.reason) if isinstance(item, Problem) else
            (item.source_path, item.source_line, item.article_id, item.text, item.encoding)
            for item in read_batch(raw, today=date(2026, 1, 1))]


def test_json_lists_read_the_same_in_any_chunk_size(tmp_path, monkeypatch):
    from builder.ingest import jsonfile

    raw = tmp_path / "raw"
    raw.mkdir()
    for name, content in JSON_FILES.items():
        (raw / name).write_text(content, encoding="utf-8")
    utf16 = JSON_FILES["lines.json"].replace('"a"', '"u"').replace('"b"', '"v"').replace("One", "Один")
    (raw / "utf16.json").write_bytes(utf16.replace("Two", "Два").encode("utf-16"))
    (raw / "bytes.json").write_bytes(b'[{"id": "x", "published": "2024-01-01", "text": "'
                                     + UKRAINIAN.encode() + b'\xff"}]')
    whole = read_all(raw)
    assert [row for row in whole if len(row) == 3] == [
        ("bytes.json", 1, "invalid-bytes-replaced"), ("cut.json", 2, "bad-json"), ("deep.json", 2, "bad-json"),
        ("number.json", 1, "not-a-record"), ("number.json", 1, "not-a-record"), ("separator.json", 2, "bad-json")]
    assert ("bytes.json", 1, "x", UKRAINIAN + "\ufffd", "utf-8") in whole
    assert ("lines.json", 4, "b", "Two é\n lines.", "utf-8") in whole
    assert [row[1:] for row in whole if row[0] == "utf16.json"] == [(2, "u", "Один.", "utf-16"),
                                                                    (4, "v", "Два é\n lines.", "utf-16")]
    assert [row[2] for row in whole if row[0] == "one-line.json"] == [f"r{n}" for n in range(5)]
    for chunk in (1, 2, 3, 7, 64):
        monkeypatch.setattr(jsonfile, "_CHUNK_CHARS", chunk)
        monkeypatch.setattr(jsonfile, "_KEEP_CHARS", chunk)
        assert read_all(raw) == whole, chunk
