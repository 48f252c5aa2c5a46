"""builder.build end to end on a tiny batch: typed tables, rejects, manifest, atomic replacement."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import builder
from builder import pipeline
from builder.errors import BuilderError
from builder.tables import arrow_schema
from builder.write import FOLDER_NOTE_TEXT

TODAY = date(2026, 1, 1)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "a.md").write_text("---\npublished: 2024-05-18\nsource: Wire\nid: a1\n---\n"
                                 "Two people were killed in Kupiansk on Friday.\n\nShare this:\n")
    (folder / "feed.jsonl").write_text(
        '{"id": "j1", "published": "2024-02-17T09:15:00+02:00", "text": "=HYPERLINK(\\"x\\") One was hurt."}\n'
        '{"id": "j2", "published": "not a date", "text": "Lost?"}\n')
    (folder / "nodate.txt").write_text("No date anywhere.")
    return folder


def test_build_writes_typed_tables_rejects_and_manifest(raw, tmp_path):
    out = tmp_path / "out"
    summary = builder.build(raw, out, today=TODAY)
    assert summary.articles == 2
    assert summary.rejects_by_reason == {"unparseable-publication-date": 1, "missing-publication-date": 1}
    articles = builder.load_table(out, "articles")
    assert list(articles["article_id"]) == ["a1", "j1"]
    assert articles["boilerplate_lines"].tolist() == [1, 0]
    rejects = builder.load_table(out, "rejects")
    assert rejects[["source_path", "line", "reason"]].astype(object).values.tolist() == [
        ["feed.jsonl", 2, "unparseable-publication-date"], ["nodate.txt", 1, "missing-publication-date"]]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["tables"]["articles"]["rows"] == 2 and manifest["tables"]["rejects"]["rows"] == 2
    assert {i["path"] for i in manifest["inputs"]} == {"a.md", "feed.jsonl", "nodate.txt"}
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["schema_version"] and manifest["tool_version"] == builder.__version__
    assert "GeoNames" in manifest["attribution"]


def test_parquet_types_match_the_schema_in_pandas_polars_and_duckdb(raw, tmp_path):
    polars = pytest.importorskip("polars")
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "out"
    builder.build(raw, out, today=TODAY)
    path = out / "articles.parquet"
    assert pq.read_schema(path).remove_metadata() == arrow_schema("articles").remove_metadata()
    frame = pd.read_parquet(path)
    assert str(frame["published"].dtype) == "date32[day][pyarrow]"
    assert str(frame["source_line"].dtype) == "Int64"
    assert isinstance(frame["source"].dtype, pd.CategoricalDtype)
    assert polars.read_parquet(path).schema["published"] == polars.Date
    assert polars.read_parquet(path).schema["n_chars"] == polars.Int64
    types = {row[0]: row[1] for row in duckdb.sql(f"describe select * from '{path}'").fetchall()}
    assert types["published"] == "DATE" and types["source_line"] == "BIGINT"
    assert duckdb.sql(f"select count(*) from '{path}'").fetchall() == [(2,)]


def test_csv_is_utf8_with_iso_dates_and_neutralised_formulas(raw, tmp_path):
    out = tmp_path / "out"
    builder.build(raw, out, today=TODAY)
    csv = pd.read_csv(out / "articles.csv", dtype=str, keep_default_na=False)
    assert csv["published"].tolist() == ["2024-05-18", "2024-02-17"]
    assert csv["text"][1].startswith("'=HYPERLINK")
    parquet = builder.load_table(out, "articles")
    assert parquet["text"][1].startswith("=HYPERLINK")  # only the CSV is neutralised


def test_formats_option_writes_only_what_is_asked(raw, tmp_path):
    out = tmp_path / "out"
    builder.build(raw, out, formats=["csv"], today=TODAY)
    names = {p.name for p in out.iterdir()}
    assert {"README.md", "manifest.json", "articles.csv", "rejects.csv"} <= names
    assert not any(name.endswith(".parquet") for name in names)


def test_a_failed_build_leaves_the_previous_output_untouched(raw, tmp_path, monkeypatch):
    out = tmp_path / "out"
    builder.build(raw, out, today=TODAY)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def crash(article):
        raise RuntimeError("power cut")

    monkeypatch.setattr(pipeline, "process_article", crash)
    with pytest.raises(RuntimeError, match="power cut"):
        builder.build(raw, out, today=TODAY)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_rebuild_replaces_the_whole_folder(raw, tmp_path):
    out = tmp_path / "out"
    builder.build(raw, out, today=TODAY)
    (raw / "feed.jsonl").unlink()
    builder.build(raw, out, formats=["parquet"], today=TODAY)
    assert not (out / "articles.csv").exists()
    assert builder.load_table(out, "articles")["article_id"].tolist() == ["a1"]


def test_refuses_to_replace_a_folder_it_did_not_write(raw, tmp_path):
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.docx").write_text("years of work")
    with pytest.raises(BuilderError, match="refusing to replace"):
        builder.build(raw, precious, today=TODAY)
    assert (precious / "chapter1.docx").read_text() == "years of work"


def test_the_committed_output_placeholder_is_what_a_build_writes():
    placeholder = Path(__file__).resolve().parent.parent / "output" / "README.md"
    assert placeholder.read_text(encoding="utf-8") == FOLDER_NOTE_TEXT


def test_builds_are_byte_identical(raw, tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    builder.build(raw, first, today=TODAY)
    builder.build(raw, second, today=TODAY)
    for name in ("articles.parquet", "articles.csv", "rejects.parquet", "rejects.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
