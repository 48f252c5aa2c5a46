"""builder/layout.py: a partitioned build holds the same tables as a single-file one, reads as one dataset
everywhere, and everything that reads a build (load_table, report, export, release) works on either layout."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

import builder
from builder import api
from builder.errors import BuilderError
from builder.layout import count_rows, iter_batches, read_table, table_files, table_path
from builder.tables import arrow_schema
from builder.write import OutputWriter

TODAY = date(2026, 1, 1)
RAW = Path(__file__).resolve().parent.parent / "raw"
WRITE_ARTICLES = 4  # the bundled batch (13 articles, batches of 3) gives 3 parts per article table


def build(out: Path, **options) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(api, "WRITE_ARTICLES", WRITE_ARTICLES)
        builder.build(RAW, out, today=TODAY, batch_size=3, **options)
    return out


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("single") / "out")


@pytest.fixture(scope="module")
def partitioned(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("partitioned") / "out", parquet_layout="partitioned")


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def test_a_partitioned_build_has_a_folder_of_parts_per_table_and_says_so_in_its_manifest(partitioned):
    facts = manifest(partitioned)
    assert facts["parameters"]["parquet_layout"] == "partitioned"
    assert not list(partitioned.glob("*.parquet"))
    for table in api.OUTPUT_TABLES:
        parts = sorted(path.relative_to(partitioned).as_posix() for path in (partitioned / table).iterdir())
        assert facts["tables"][table]["files"] == [*parts, f"{table}.csv"]
        assert table_files(partitioned, table) == [partitioned / part for part in parts]
        for part in parts:
            assert pq.read_schema(partitioned / part) == arrow_schema(table)  # types and pandas metadata
    assert len(facts["tables"]["articles"]["files"]) == 4  # 3 parts and the CSV


def test_a_partitioned_build_holds_the_same_rows_in_the_same_order_as_a_single_file_build(single, partitioned):
    assert manifest(single)["parameters"]["parquet_layout"] == "single"
    for table in api.OUTPUT_TABLES:
        one, parts = builder.load_table(single, table), builder.load_table(partitioned, table)
        assert parts.equals(one) and list(parts.dtypes) == list(one.dtypes), table
        assert (partitioned / f"{table}.csv").read_bytes() == (single / f"{table}.csv").read_bytes(), table


def test_two_partitioned_builds_are_byte_identical(partitioned, tmp_path):
    again = build(tmp_path / "out", parquet_layout="partitioned")
    names = sorted(path.relative_to(partitioned) for path in partitioned.rglob("*") if path.is_file())
    assert names == sorted(path.relative_to(again) for path in again.rglob("*") if path.is_file())
    for name in names:
        if name.name != "manifest.json":
            assert (partitioned / name).read_bytes() == (again / name).read_bytes(), name


def test_pyarrow_pandas_polars_duckdb_and_dask_read_a_partition_folder_with_the_manifest_counts(partitioned):
    polars = pytest.importorskip("polars")
    duckdb = pytest.importorskip("duckdb")
    for table, facts in manifest(partitioned)["tables"].items():
        folder = partitioned / table
        counts = {
            "pyarrow.dataset": ds.dataset(folder, format="parquet").count_rows(),
            "pq.read_table": pq.read_table(folder).num_rows,
            "pandas": len(pd.read_parquet(folder)),
            "polars": polars.scan_parquet(f"{folder}/*.parquet").collect().height,
            "duckdb": duckdb.sql(f"select count(*) from read_parquet('{folder}/*.parquet')").fetchall()[0][0],
        }
        assert counts == dict.fromkeys(counts, facts["rows"]), table
    dataframe = pytest.importorskip("dask.dataframe")
    # pyarrow's dtypes: with NumPy-backed categories, a part whose column is all null does not concatenate
    # with the others (dask/dask#10659).
    incidents = dataframe.read_parquet(partitioned / "incidents", dtype_backend="pyarrow")
    assert len(incidents.compute(scheduler="synchronous")) == manifest(partitioned)["tables"]["incidents"]["rows"]


def test_an_empty_table_gets_one_part_without_rows_that_carries_the_schema(tmp_path):
    with OutputWriter(tmp_path / "out", ["rejects"], ("parquet",), layout="partitioned") as writer:
        assert writer.files() == {"rejects": ["rejects/part-00000.parquet"]}
        writer.commit({})
    part = tmp_path / "out" / "rejects" / "part-00000.parquet"
    assert pq.read_metadata(part).num_rows == 0 and pq.read_schema(part) == arrow_schema("rejects")
    assert builder.load_table(tmp_path / "out", "rejects").empty


def test_a_csv_only_partitioned_build_leaves_no_parquet(tmp_path):
    out = build(tmp_path / "out", formats=["csv"], parquet_layout="partitioned")
    assert sorted(path.name for path in out.iterdir()) == sorted(
        ["README.md", "manifest.json", *(f"{table}.csv" for table in api.OUTPUT_TABLES)])
    assert manifest(out)["tables"]["events"]["files"] == ["events.csv"]


def test_readers_find_a_table_in_either_layout_and_say_when_it_is_absent(single, partitioned, tmp_path):
    assert table_path(single, "places") == single / "places.parquet"
    assert table_path(partitioned, "places") == partitioned / "places"
    assert table_path(tmp_path, "places") is None
    with pytest.raises(BuilderError, match=r"no such table file, places\.parquet or a folder places/ of parts"):
        read_table(tmp_path, "places")
    with pytest.raises(BuilderError, match="unknown Parquet layout 'folders'"):
        OutputWriter(tmp_path / "out", ["places"], layout="folders")


def test_slices_are_the_same_across_parts_and_row_groups(single, partitioned):
    rows = count_rows(partitioned, "places")
    assert rows == count_rows(single, "places") > 100
    slices = [list(iter_batches(folder, "places", 50, ["char_start"])) for folder in (single, partitioned)]
    assert [piece.num_rows for piece in slices[1]] == [50] * (rows // 50) + [rows % 50]
    assert [piece.to_pylist() for piece in slices[0]] == [piece.to_pylist() for piece in slices[1]]
    assert read_table(partitioned, "places", ["char_start"]).equals(read_table(single, "places", ["char_start"]))


def test_report_and_exports_of_a_partitioned_build_match_the_single_file_build(single, partitioned, tmp_path):
    from builder.export import export
    from builder.report import make_report
    from builder.report.data import load_build

    one, parts = load_build(single), load_build(partitioned)
    assert one.tables.keys() == parts.tables.keys() and not parts.absent
    assert all(parts.tables[name].equals(frame) for name, frame in one.tables.items())
    make_report(partitioned, tmp_path / "report.html")
    assert "not in this build" not in (tmp_path / "report.html").read_text(encoding="utf-8")
    for layout in ("acled", "ucdp"):  # ACLED's timestamp is when each folder was built
        rows = [export(layout, folder).drop(columns="timestamp", errors="ignore") for folder in (partitioned, single)]
        assert rows[0].equals(rows[1]) and len(rows[0]), layout


def test_a_release_of_a_partitioned_build_is_single_files_identical_to_the_single_file_builds(
        single, partitioned, tmp_path):
    from builder.release import release

    from_single = release("1.0.0", single, tmp_path / "from-single").folder
    from_parts = release("1.0.0", partitioned, tmp_path / "from-partitioned").folder
    tables = sorted(f"{table}.{kind}" for table in api.OUTPUT_TABLES for kind in ("parquet", "csv"))
    assert sorted(path.name for path in from_parts.iterdir() if path.suffix in (".parquet", ".csv")) == tables
    assert not [path for path in from_parts.iterdir() if path.is_dir()]
    for name in [*tables, "CHANGELOG.md", "CODEBOOK.md"]:
        assert (from_parts / name).read_bytes() == (from_single / name).read_bytes(), name
