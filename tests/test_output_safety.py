"""Nothing unsafe leaves the tool: no CSV cell of any table (or export) runs as a spreadsheet formula,
and no input content (ids, file names, field values) decides where a file is written."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import builder
from builder.export import export, export_csv
from builder.release import release
from builder.schemas import TABLES
from builder.tables import FORMULA_PREFIXES, frame_from_rows, table_columns
from builder.write import FORMATS, OutputWriter

TODAY = date(2026, 1, 1)
PAYLOADS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")"]
LISTS = {"incident_ids", "article_ids"}


def a_value(column, payload: str):
    """A value of the column's type; text columns get the formula payload."""
    return {"date": date(2024, 1, 1), "integer": 1, "number": 1.0, "boolean": False,
            "array": [payload]}.get(column.value_type, payload)


def csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def text_columns(table: str) -> list[str]:
    return [c.name for c in table_columns(table) if c.value_type == "string"]


def assert_no_formula(table: str, rows: list[dict[str, str]]) -> None:
    for row in rows:
        for name in text_columns(table):
            assert not row[name].startswith(FORMULA_PREFIXES), (table, name, row[name])


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_text_column_of_every_table_is_neutralised_in_csv_and_kept_in_parquet(tmp_path, payload):
    out = tmp_path / "out"
    with OutputWriter(out, list(TABLES)) as writer:
        for table in TABLES:
            row = {c.name: a_value(c, payload) for c in table_columns(table)}
            writer.append(table, frame_from_rows(table, [row]))
        writer.commit({"tables": {}})
    for table in TABLES:
        (row,) = csv_rows(out / f"{table}.csv")
        assert text_columns(table), table
        for name in text_columns(table):
            assert row[name] == "'" + payload.replace("\r", "\n"), (table, name)  # a lone CR would end the row
        for name in LISTS & set(row):
            assert json.loads(row[name]) == [payload] and row[name].startswith("[")
        parquet = pd.read_parquet(out / f"{table}.parquet")
        assert all(parquet[name][0] == payload for name in text_columns(table))  # the data itself is unchanged


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A batch whose ids, names, fields and sentences all try to be formulas or paths."""
    root = tmp_path_factory.mktemp("hostile")
    raw = root / "raw"
    raw.mkdir()
    records = [
        {"id": "../../escaped", "title": "=cmd|' /C calc'!A0", "source": "+Wire", "url": "@evil",
         "text": "=HYPERLINK(\"http://x\") Two civilians were killed in Kharkiv on Friday, officials said."},
        {"id": "/etc/passwd", "source": "-Post</script><script>alert('source')</script>",
         "text": "-Russian shelling killed three people in Izium on Friday."},
        {"id": "C:\\Windows\\evil", "title": "<img src=x onerror=alert('title')>",
         "text": "@Three soldiers <script>alert('text')</script> were wounded near Bakhmut on Saturday."},
        {"id": "x" * 200, "text": "\tFour people were injured in Kherson on Thursday, the governor said."},
        {"id": "..", "text": "+Two people were killed in Kupiansk on Friday, the governor said."},
        {"id": "nul\u0000id", "text": "=Rejected for its id."},
        {"id": "=1+1", "published": "=2024-01-01", "text": "=Rejected for its date."},
    ]
    lines = [json.dumps({"published": "2024-05-18", **record}) for record in records]
    (raw / "up..\\..\\feed.jsonl").write_text("\n".join(lines) + "\n=broken json\n", encoding="utf-8")
    (raw / os.fsdecode(b"odd..\\..\\name\r-\xff-2024-05-18.txt")).write_text(
        "=Two people were killed in Kharkiv on Friday.", encoding="utf-8")
    before = sorted(str(p.relative_to(root)) for p in root.rglob("*"))
    out = root / "output"
    summary = builder.build(raw, out, today=TODAY)
    assert summary.articles == 6 and summary.rejects == 3
    release("1.0.0", out, root / "releases")
    for layout in ("acled", "ucdp"):
        (root / f"{layout}.csv").write_text(export_csv(export(layout, out)), encoding="utf-8")
    after = sorted(str(p.relative_to(root)) for p in root.rglob("*") if not str(p.relative_to(root)).startswith(
        ("output", "releases", "acled.csv", "ucdp.csv")))
    assert after == before  # nothing was written anywhere else: not beside raw, not above it
    return root


def test_no_csv_cell_of_a_hostile_build_or_release_is_a_formula(hostile):
    for folder in (hostile / "output", hostile / "releases" / "1.0.0"):
        for table in TABLES:
            rows = csv_rows(folder / f"{table}.csv")
            assert_no_formula(table, rows)
    articles = csv_rows(hostile / "output" / "articles.csv")
    assert {row["article_id"] for row in articles} == {"../../escaped", "/etc/passwd", "C:\\Windows\\evil", "x" * 200,
                                                        "..", "310cc2849f5299be"}  # the odd file: a stable hash
    incidents = csv_rows(hostile / "output" / "incidents.csv")
    assert any(row["sentence"].startswith("'=HYPERLINK") for row in incidents)
    rejects = csv_rows(hostile / "output" / "rejects.csv")
    assert sorted(row["reason"] for row in rejects) == ["bad-id", "bad-json", "unparseable-publication-date"]


def test_no_export_cell_is_a_formula(hostile):
    for layout in ("acled", "ucdp"):
        frame = pd.read_csv(io.StringIO((hostile / f"{layout}.csv").read_text(encoding="utf-8")), dtype=str,
                            keep_default_na=False)
        assert len(frame) > 0, layout
        cells = [cell for column in frame for cell in frame[column]]
        assert not [cell for cell in cells if cell.startswith(FORMULA_PREFIXES) and not _is_number(cell)]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_output_file_names_come_from_table_names_only(hostile):
    expected = {f"{table}.{fmt}" for table in TABLES for fmt in FORMATS} | {"manifest.json", "README.md"}
    assert {p.name for p in (hostile / "output").iterdir()} == expected
    released = {p.name for p in (hostile / "releases" / "1.0.0").iterdir()}
    assert released == expected | {"datapackage.json", "CODEBOOK.md", "CHANGELOG.md", "CITATION.cff"}
    assert [p.name for p in (hostile / "releases").iterdir()] == ["1.0.0"]
    articles = builder.load_table(hostile / "output", "articles")
    assert "../../escaped" in set(articles["article_id"])  # kept as data, never used as a path
    assert set(articles["source_path"]) == {"up..\\..\\feed.jsonl", "odd..\\..\\name\r-\ufffd-2024-05-18.txt"}


def test_the_report_of_a_hostile_build_runs_no_input_as_markup(hostile, tmp_path):
    from builder.report import make_report

    page = make_report(hostile / "output", tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.count("alert(") >= 3  # the hostile words are shown...
    for markup in ("<script>alert", "</script><script>", "<img src=x"):
        assert markup not in page  # ...but never as markup
