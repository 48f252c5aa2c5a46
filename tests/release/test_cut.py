"""builder/release/cut.py: a release folder readable everywhere, checked, immutable and reproducible."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pytest
import yaml
from click.testing import CliRunner

from builder.cli import cli
from builder.errors import BuilderError
from builder.release import release
from builder.release.datapackage import file_digest
from builder.schemas import TABLES
from tests.outputs import first_output, second_output


@pytest.fixture
def output(tmp_path, monkeypatch) -> Path:
    return first_output(tmp_path / "output", monkeypatch)


@pytest.fixture
def released(output, tmp_path) -> Path:
    return release("1.0.0", output, tmp_path / "releases").folder


def test_every_table_loads_in_pandas_polars_duckdb_and_arrow_with_the_manifest_counts(released):
    polars = pytest.importorskip("polars")
    duckdb = pytest.importorskip("duckdb")
    manifest = json.loads((released / "manifest.json").read_text())
    assert set(manifest["tables"]) == set(TABLES)
    for table, facts in manifest["tables"].items():
        parquet, csv = released / f"{table}.parquet", released / f"{table}.csv"
        counts = {
            "pandas parquet": len(pd.read_parquet(parquet)),
            "pandas csv": len(pd.read_csv(csv)),
            "polars": polars.read_parquet(parquet).height,
            "polars csv": polars.read_csv(csv).height,
            "duckdb": duckdb.sql(f"select count(*) from '{parquet}'").fetchall()[0][0],
            "pyarrow.dataset": ds.dataset(parquet, format="parquet").count_rows(),
        }
        assert set(counts.values()) == {facts["rows"]}, (table, counts)
    assert manifest["tables"]["events"]["rows"] == 2 and manifest["tables"]["incidents"]["rows"] == 3


def test_list_columns_are_lists_in_parquet_and_json_in_csv(released):
    events = pd.read_parquet(released / "events.parquet")
    assert [list(ids) for ids in events["article_ids"]] == [["a", "b"], ["c"]]
    csv = pd.read_csv(released / "events.csv")
    assert [json.loads(cell) for cell in csv["article_ids"]] == [["a", "b"], ["c"]]


def test_the_manifest_has_the_sha256_of_every_other_file(released):
    manifest = json.loads((released / "manifest.json").read_text())
    on_disk = {p.name for p in released.iterdir()} - {"manifest.json"}
    assert set(manifest["files"]) == on_disk
    assert {"datapackage.json", "CODEBOOK.md", "CHANGELOG.md", "CITATION.cff", "README.md"} <= on_disk
    for name, facts in manifest["files"].items():
        assert file_digest(released / name) == facts, name
    assert manifest["build"]["parameters"]["events"] == {"max_km": 25.0, "date_tolerance_days": 1,
                                                         "max_count_ratio": 2.0}
    assert "GeoNames" in manifest["attribution"] and "CC BY 4.0" in manifest["attribution"]


def test_a_release_exports_like_its_output(output, released):
    from builder.export import export

    for layout in ("acled", "ucdp"):
        pd.testing.assert_frame_equal(export(layout, released), export(layout, output))


def test_citation_and_attribution(output, tmp_path):
    folder = release("2.0.0", output, tmp_path / "r", title="Test events", authors=["Jane Doe", "Lab X"]).folder
    citation = yaml.safe_load((folder / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0" and citation["version"] == "2.0.0"
    assert citation["title"] == "Test events" and citation["authors"] == [{"name": "Jane Doe"}, {"name": "Lab X"}]
    assert {ref["title"] for ref in citation["references"]} == {"builder", "GeoNames"}
    assert "GeoNames" in (folder / "README.md").read_text() and "CC BY 4.0" in (folder / "README.md").read_text()


def test_releasing_the_same_output_twice_gives_byte_identical_files(output, tmp_path):
    first = release("1.0.0", output, tmp_path / "one").folder
    second = release("1.0.0", output, tmp_path / "two").folder
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_an_existing_release_is_never_replaced(output, released, tmp_path):
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in released.iterdir()}
    with pytest.raises(BuilderError, match="already exists"):
        release("1.0.0", output, released.parent)
    result = CliRunner().invoke(cli, ["release", "--version", "1.0.0", "--from", str(output),
                                      "--to", str(released.parent)])
    assert result.exit_code == 1 and "already exists" in result.output and "Traceback" not in result.output
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in released.iterdir()} == before
    assert [p.name for p in released.parent.iterdir()] == ["1.0.0"]  # no temporary folder left behind


def test_a_failed_release_leaves_nothing(output, tmp_path, monkeypatch):
    import builder.release.cut as cut

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(cut, "codebook", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        release("1.0.0", output, tmp_path / "releases")
    assert list((tmp_path / "releases").iterdir()) == []


@pytest.mark.parametrize("version", ["../evil", "1.0", "v1.0.0", "1.0.0/x", "", "2024-02-30", "1.0.0+build.1"])
def test_a_version_that_is_not_one_is_refused_before_anything_is_written(output, tmp_path, version):
    with pytest.raises(BuilderError, match="version"):
        release(version, output, tmp_path / "releases")
    assert not (tmp_path / "releases").exists()


def test_a_folder_that_was_not_built_or_was_changed_is_refused(output, tmp_path):
    with pytest.raises(BuilderError, match="not a built output folder"):
        release("1.0.0", tmp_path / "nowhere", tmp_path / "releases")
    manifest = json.loads((output / "manifest.json").read_text())
    manifest["tables"]["articles"]["rows"] = 99
    (output / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(BuilderError, match="manifest says 99"):
        release("1.0.0", output, tmp_path / "releases")
    assert not (tmp_path / "releases" / "1.0.0").exists()


def test_the_release_command_reports_what_it_wrote(tmp_path, monkeypatch):
    first = first_output(tmp_path / "one", monkeypatch)
    second = second_output(tmp_path / "two", monkeypatch)
    runner = CliRunner()
    to = tmp_path / "releases"
    assert runner.invoke(cli, ["release", "--version", "1.0.0", "--from", str(first), "--to", str(to)]).exit_code == 0
    result = runner.invoke(cli, ["release", "--version", "1.1.0", "--from", str(second), "--to", str(to)])
    assert result.exit_code == 0, result.output
    assert "changelog against 1.0.0" in result.output and "events" in result.output
    assert json.loads((to / "1.1.0" / "manifest.json").read_text())["previous_release"] == "1.0.0"
