"""Determinism: the same batch gives byte-identical tables (Parquet and CSV, every table, events too, in
either Parquet layout), and the same output gives a byte-identical release, whatever the process: each run
here is a fresh interpreter with its own string-hash seed, so no set or dict order can leak into a file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import generate
from builder.schemas import TABLES
from builder.write import MANIFEST

REPO = Path(__file__).resolve().parent.parent
CHILD = """
import sys
from builder import api
from builder.api import build
from builder.release import release
raw, out, release_from, releases = sys.argv[1:]
build(raw, out)
release("1.0.0", release_from or out, releases)
api.WRITE_ARTICLES = 50  # several parts per table
build(raw, out + "-partitioned", batch_size=25, parquet_layout="partitioned")
"""
CLOCK_KEYS = ("built_at", "timings_seconds")  # when and how fast: the only things allowed to differ


def run(seed: int, *arguments: Path | str) -> None:
    environment = {**os.environ, "PYTHONHASHSEED": str(seed)}
    result = subprocess.run([sys.executable, "-c", CHILD, *map(str, arguments)], cwd=REPO, env=environment,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> Path:
    """raw/ plus 150 generated articles (several outlets reporting the same events) and two rejects, built twice, and
    the first output released twice, each in its own process with its own hash seed."""
    folder = tmp_path_factory.mktemp("determinism")
    raw = folder / "raw"
    shutil.copytree(REPO / "raw", raw)
    generate(150, raw / "generated")
    (raw / "broken.jsonl").write_text('{"id": "cut", "published": "2024-01-0\n{"id": "x", "text": "No date."}\n')
    run(1, raw, folder / "one", "", folder / "releases-one")
    run(2, raw, folder / "two", folder / "one", folder / "releases-two")
    return folder


@pytest.mark.parametrize("layout", ["single", "partitioned"])
def test_two_builds_of_one_batch_are_byte_identical(runs, layout):
    one, two = (runs / f"{run}{'-partitioned' if layout == 'partitioned' else ''}" for run in ("one", "two"))
    names = sorted(path.relative_to(one).as_posix() for path in one.rglob("*") if path.is_file())
    assert names == sorted(path.relative_to(two).as_posix() for path in two.rglob("*") if path.is_file())
    parquet = [f"{table}.parquet" for table in TABLES] if layout == "single" else [
        f"{table}/part-0000{part}.parquet" for table in ("articles", "places") for part in range(4)]
    assert {*parquet, *(f"{table}.csv" for table in TABLES)} <= set(names)
    rows = json.loads((one / MANIFEST).read_text())["tables"]
    assert all(rows[table]["rows"] > 0 for table in TABLES), rows  # every table, events too, has rows to compare
    for name in names:
        if name != MANIFEST:
            assert (one / name).read_bytes() == (two / name).read_bytes(), name
    manifests = [json.loads((folder / MANIFEST).read_text()) for folder in (one, two)]
    for manifest in manifests:
        for key in CLOCK_KEYS:
            manifest.pop(key)
        manifest["parameters"].pop("raw")
    assert manifests[0] == manifests[1]


def test_a_release_cut_twice_is_byte_identical(runs):
    one, two = runs / "releases-one" / "1.0.0", runs / "releases-two" / "1.0.0"
    names = sorted(path.name for path in one.iterdir())
    assert names == sorted(path.name for path in two.iterdir()) and "datapackage.json" in names
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
