"""builder places / builder gazetteer, and the places table from builder build."""

from __future__ import annotations

import json

from click.testing import CliRunner

from builder.cli import cli


def test_places_prints_jsonl(gazetteer):
    result = CliRunner().invoke(cli, ["places", "--published", "2022-09-10", "-"],
                                input="Shelling near Izyum wounded two. Kyiv said the talks failed.")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["location_text"], r["role"], r["geo_precision"]) for r in rows] == [
        ("Izyum", "location", 2), ("Kyiv", "actor", 1)]
    assert rows[0]["published"] == "2022-09-10"


def test_places_and_gazetteer_have_help_with_an_example():
    for command in ("places", "gazetteer"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output


def test_gazetteer_reports_the_current_index(gazetteer):
    result = CliRunner().invoke(cli, ["gazetteer"])
    assert result.exit_code == 0 and "entries" in result.output


def test_build_writes_a_valid_places_table(tmp_path, gazetteer):
    from builder.api import load_table

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "kharkiv-2022-09-10.txt").write_text("Shelling near Izyum wounded two in the Kharkiv region.\n",
                                                encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(raw), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    table = load_table(tmp_path / "out", "places")
    assert list(table["location_text"]) == ["Izyum", "Kharkiv"]
    assert list(table["geo_precision"]) == [2, 3]
