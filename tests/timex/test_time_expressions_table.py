"""`builder build` fills the time_expressions table for every article, schema-checked, in Parquet and CSV."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from click.testing import CliRunner

from builder.api import load_table
from builder.cli import cli
from builder.schemas import TABLES
from builder.tables import frame_from_rows, validate_frame
from builder.timex import extract_time_expressions

ARTICLES = {
    "shelling-2022-09-10.txt": "Russian forces shelled the city overnight. On Friday, officials said nine were hurt.\n",
    "talks.txt": "---\npublished: 2023-01-02\ntitle: Talks\n---\nTalks will resume on January 10, "
                 "after a 24-hour truce that began on December 30.\n",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    for name, text in ARTICLES.items():
        (raw / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("build") / "output"
    result = CliRunner().invoke(cli, ["build", str(raw), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def test_build_writes_a_valid_time_expressions_table(built):
    assert (built / "time_expressions.parquet").exists() and (built / "time_expressions.csv").exists()
    table = load_table(built, "time_expressions")  # validated against the schema on the way in
    articles = load_table(built, "articles")
    assert set(table["article_id"]) == set(articles["article_id"])
    for article in articles.itertuples():
        rows = table[table["article_id"] == article.article_id]
        expected = extract_time_expressions(article.text, article.published)
        assert list(rows["text"]) == [e.text for e in expected]
        assert list(rows["value"]) == [e.value for e in expected]
        for row in rows.itertuples():
            assert article.text[row.char_start:row.char_end] == row.text


def test_the_rows_carry_resolved_dates(built):
    table = load_table(built, "time_expressions")
    by_text = {row.text: row for row in table.itertuples()}
    assert (by_text["overnight"].date_start, by_text["overnight"].date_end) == (date(2022, 9, 9), date(2022, 9, 10))
    assert by_text["January 10"].value == "2023-01-10"
    assert by_text["December 30"].value == "2022-12-30"
    assert pd.isna(by_text["24-hour"].date_start) and by_text["24-hour"].precision == "unknown"


def test_the_csv_has_the_schema_columns_in_order(built):
    header = (built / "time_expressions.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == list(TABLES["time_expressions"].to_schema().columns)


def test_the_schema_rejects_a_range_that_ends_before_it_starts():
    row = extract_time_expressions("It happened on Friday.", date(2022, 9, 10))[0].as_row("a1")
    frame = frame_from_rows("time_expressions", [row, {**row, "date_start": date(2022, 9, 12)}])
    kept, problems = validate_frame("time_expressions", frame, lambda r: ("raw/a.txt", None, "a1"))
    assert len(kept) == 1 and len(problems) == 1
    assert "date_start must not be after date_end" in problems[0].message


def test_the_schema_rejects_an_unknown_precision():
    row = extract_time_expressions("It happened on Friday.", date(2022, 9, 10))[0].as_row("a1")
    frame = frame_from_rows("time_expressions", [{**row, "precision": "fortnight"}])
    kept, problems = validate_frame("time_expressions", frame, lambda r: ("raw/a.txt", None, "a1"))
    assert kept.empty and "precision" in problems[0].message
