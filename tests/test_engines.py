"""Engines and the result cache: the same tables whatever runs the stages; cached articles are not re-run."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

import builder
from builder import api
from builder import cache as cache_module
from builder import pipeline
from builder.pipeline import ArticleResult
from tests.outputs import article, incident

TODAY = date(2026, 1, 1)
RAW = Path(__file__).resolve().parent.parent / "raw"
TABLE_FILES = [f"{table}.{fmt}" for table in ("articles", "time_expressions", "places", "incidents", "events",
                                                "rejects") for fmt in ("parquet", "csv")]


def files(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in TABLE_FILES}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` but the manifest (which has the time and the engine)."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file() and path.name != "manifest.json"}


@pytest.fixture(scope="module")
def serial_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("serial") / "out"
    builder.build(RAW, out, today=TODAY, batch_size=3)
    return out


def test_a_process_pool_writes_the_same_bytes(serial_build, tmp_path):
    out = tmp_path / "out"
    builder.build(RAW, out, today=TODAY, batch_size=3, jobs=2)
    assert files(out) == files(serial_build)


@pytest.fixture(scope="module")
def dask_scheduler() -> str:
    """The address of one LocalCluster of two worker processes, shared by the module's dask builds as an
    existing cluster is (`--scheduler`): starting a cluster takes seconds."""
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_a_dask_cluster_of_two_workers_writes_the_same_tables_partitioned(serial_build, dask_scheduler, tmp_path,
                                                                         monkeypatch):
    monkeypatch.setattr(api, "WRITE_ARTICLES", 4)  # several parts per table
    on_dask = tmp_path / "dask"
    builder.build(RAW, on_dask, today=TODAY, batch_size=3, engine="dask", scheduler=dask_scheduler)
    manifest = json.loads((on_dask / "manifest.json").read_text())
    assert manifest["parameters"]["parquet_layout"] == "partitioned" and manifest["run"]["engine"] == "dask"
    assert len(list((on_dask / "articles").glob("part-*.parquet"))) == 3
    for table in api.OUTPUT_TABLES:  # the local engine's single files: the same rows, order and dtypes
        parts, single = builder.load_table(on_dask, table), builder.load_table(serial_build, table)
        assert parts.equals(single) and list(parts.dtypes) == list(single.dtypes), table
    local = tmp_path / "local"
    builder.build(RAW, local, today=TODAY, batch_size=3, parquet_layout="partitioned")
    assert tree(on_dask) == tree(local)  # byte for byte, part by part


def test_the_cache_runs_only_new_articles(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    cache = tmp_path / "results.sqlite"
    first = builder.build(raw, tmp_path / "one", today=TODAY, cache=cache)
    assert first.cached == 0
    (raw / "extra-2024-06-01.txt").write_text("Two civilians were killed in Kherson on Saturday.")
    ran = []
    real = pipeline.process_article
    monkeypatch.setattr(pipeline, "process_article", lambda article: ran.append(article.article_id) or real(article))
    second = builder.build(raw, tmp_path / "two", today=TODAY, cache=cache)
    assert second.cached == first.articles and len(ran) == 1
    assert files(tmp_path / "two")["incidents.parquet"] != b""
    for table in ("articles", "incidents"):
        new = builder.load_table(tmp_path / "two", table)
        assert len(new) >= len(builder.load_table(tmp_path / "one", table))


def test_a_new_extractor_version_runs_everything_again(tmp_path, monkeypatch):
    cache = tmp_path / "results.sqlite"
    builder.build(RAW, tmp_path / "one", today=TODAY, cache=cache)
    monkeypatch.setattr(cache_module, "extractor_version", lambda: "another-version")
    again = builder.build(RAW, tmp_path / "two", today=TODAY, cache=cache)
    assert again.cached == 0
    assert files(tmp_path / "two") == files(tmp_path / "one")


def test_rejects_keep_their_order_however_far_the_engine_reads_ahead(tmp_path, monkeypatch):
    """A pool reads batches ahead of the writer; the schema check's rejects must not move among the ingest's."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.jsonl").write_text("".join(json.dumps(article(f"a{n}", "2024-05-18", "Wire")) + "\n" for n in range(6)))
    (raw / "b.jsonl").write_text("{broken\n" * 3 + json.dumps(article("b", "2024-05-18", "Wire")) + "\n")

    def process_article(item) -> ArticleResult:  # a0's incident fails its schema check (low above best)
        rows = [incident(1, item.article_id, killed_low=9)] if item.article_id == "a0" else []
        return ArticleResult(rows={"articles": [item.as_row()], "incidents": rows})

    monkeypatch.setattr(pipeline, "process_article", process_article)  # pool workers fork with it
    monkeypatch.setattr(api, "WRITE_ARTICLES", 2)
    for jobs in (1, 2):
        builder.build(raw, tmp_path / f"jobs-{jobs}", today=TODAY, batch_size=2, jobs=jobs)
    reasons = [list(builder.load_table(tmp_path / f"jobs-{jobs}", "rejects")["reason"]) for jobs in (1, 2)]
    assert reasons[0] == reasons[1] == ["bad-json"] * 3 + ["schema-check-failed"]
