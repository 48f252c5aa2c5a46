"""`builder timex`: JSON lines for any text, from a file or standard input."""

from __future__ import annotations

import json

from click.testing import CliRunner

from builder.cli import cli

TEXT = "Russia said on Saturday it withdrew overnight, after a six-month occupation.\n"


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_standard_input_gives_one_json_object_per_expression():
    result = CliRunner().invoke(cli, ["timex", "--published", "2022-09-10", "-"], input=TEXT)
    assert result.exit_code == 0, result.output
    rows = _lines(result.output)
    assert [(r["text"], r["type"], r["value"], r["date_start"], r["date_end"], r["precision"]) for r in rows] == [
        ("Saturday", "DATE", "2022-09-10", "2022-09-10", "2022-09-10", "day"),
        ("overnight", "TIME", "2022-09-09TNI", "2022-09-09", "2022-09-10", "night"),
        ("six-month", "DURATION", "P6M", None, None, "unknown"),
    ]
    assert list(rows[0]) == ["text", "char_start", "char_end", "type", "value", "date_start", "date_end",
                             "precision", "anchor", "rule"]
    for row in rows:
        assert TEXT[row["char_start"]:row["char_end"]] == row["text"]


def test_a_file_argument(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("Talks will resume on January 10.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["timex", "--published", "2023-01-02", str(path)])
    assert result.exit_code == 0, result.output
    assert [(r["text"], r["value"], r["anchor"], r["rule"]) for r in _lines(result.output)] == [
        ("January 10", "2023-01-10", "2023-01-02", "date_month_day")]


def test_a_text_without_time_expressions_prints_nothing():
    result = CliRunner().invoke(cli, ["timex", "--published", "2022-09-10"], input="A 62-year-old woman was hurt.")
    assert result.exit_code == 0
    assert result.output == ""


def test_the_publication_date_is_required_and_checked():
    missing = CliRunner().invoke(cli, ["timex", "-"], input=TEXT)
    assert missing.exit_code == 2 and "--published" in missing.output
    bad = CliRunner().invoke(cli, ["timex", "--published", "10/09/2022", "-"], input=TEXT)
    assert bad.exit_code == 2 and "10/09/2022" in bad.output


def test_help_shows_an_example():
    result = CliRunner().invoke(cli, ["timex", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and "builder timex --published 2022-09-10" in result.output
