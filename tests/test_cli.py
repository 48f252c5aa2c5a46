"""The command line: thin commands over the library, each with help, an example and a README mention."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import builder
from builder.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "ok-2024-01-05.txt").write_text("Two people were injured in Sumy on Thursday.")
    return folder


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0 and builder.__version__ in result.output


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(runner, name):
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    example = result.output.split("Example:", 1)
    assert len(example) == 2 and re.search(rf"\bbuilder {name}\b", example[1]), result.output
    assert f"builder {name}" in README


def test_build_prints_a_summary(runner, raw, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(raw), "--out", str(out), "--cache", str(tmp_path / "cache.sqlite")])
    assert result.exit_code == 0, result.output
    assert "1 articles (0 from the cache), 0 rejects" in result.output
    again = runner.invoke(cli, ["build", str(raw), "--out", str(out), "--cache", str(tmp_path / "cache.sqlite")])
    assert "1 articles (1 from the cache), 0 rejects" in again.output
    assert (out / "articles.parquet").exists() and (out / "articles.csv").exists()


def test_build_parquet_layout_partitioned_writes_a_folder_of_parts_per_table(runner, raw, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(raw), "--out", str(out), "--no-cache", "--parquet-layout", "partitioned"])
    assert result.exit_code == 0, result.output
    assert (out / "articles" / "part-00000.parquet").is_file() and not (out / "articles.parquet").exists()
    assert json.loads((out / "manifest.json").read_text())["parameters"]["parquet_layout"] == "partitioned"
    assert len(builder.load_table(out, "articles")) == 1


def test_build_quiet_prints_nothing(runner, raw, tmp_path):
    result = runner.invoke(cli, ["build", str(raw), "--out", str(tmp_path / "out"), "--quiet", "--no-cache"])
    assert result.exit_code == 0 and result.output == ""


def test_build_with_an_unknown_format_is_a_clear_error(runner, raw, tmp_path):
    result = runner.invoke(cli, ["build", str(raw), "--out", str(tmp_path / "out"), "--format", "xlsx", "--no-cache"])
    assert result.exit_code == 1
    assert "unknown output format" in result.output and "Traceback" not in result.output


def test_build_of_a_missing_folder_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "no such file or folder" in result.output


def test_validate_clean_batch_exits_0(runner, raw):
    result = runner.invoke(cli, ["validate", str(raw)])
    assert result.exit_code == 0
    assert "1 article(s): clean" in result.output


def test_validate_reports_file_line_and_reason_and_exits_1(runner, raw):
    (raw / "feed.jsonl").write_text('{"id": "x", "published": "2024-01-01", "text": "ok"}\n{"id": "x", "text"\n')
    result = runner.invoke(cli, ["validate", str(raw)])
    assert result.exit_code == 1
    assert "feed.jsonl:2: error: bad-json:" in result.output


def test_validate_json_output(runner, raw):
    (raw / "undated.txt").write_text("No date.")
    result = runner.invoke(cli, ["validate", str(raw), "--format", "json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and report["ok"] is False
    assert [p["reason"] for p in report["problems"]] == ["missing-publication-date"]


def test_validate_against_a_built_output_finds_repeats(runner, raw, tmp_path):
    out = tmp_path / "out"
    runner.invoke(cli, ["build", str(raw), "--out", str(out), "--quiet", "--no-cache"])
    new = tmp_path / "new"
    new.mkdir()
    (new / "same-2024-01-05.txt").write_text("Two people were injured in Sumy on Thursday.")
    (new / "fresh-2024-01-06.txt").write_text("A drone hit a depot in Kharkiv.")
    result = runner.invoke(cli, ["validate", str(new), "--against", str(out)])
    assert result.exit_code == 1
    assert "same-2024-01-05.txt:1: error: already-in-output" in result.output
    assert "fresh" not in result.output
