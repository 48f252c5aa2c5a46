"""Crash safety: a build or release killed outright (SIGKILL, no clean-up code runs) leaves the previous
output and every release intact and loadable; its leftover temporary folder is ignored by readers and
removed by the next build or release.

The killed command runs in a child process whose table writer (or folder swap) is slowed down by a
patch, so the kill lands in the window the test names; nothing in builder knows about the test.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import builder
from builder.release import release
from builder.release.datapackage import file_digest
from builder.schemas import TABLES
from builder.write import MANIFEST, remove_stale_temporaries

REPO = Path(__file__).resolve().parent.parent
# The child patches one step of builder.write so that it signals (touches READY) and then sleeps,
# then runs a builder command; the test kills it while it sleeps.
CHILD = """
import sys, time
from pathlib import Path
import builder.write as write
from builder.cli import cli

ready, step, *arguments = sys.argv[1:]

def pause():
    Path(ready).touch()
    time.sleep(300)

if step == "append":  # mid-write: the first rows are in the temporary folder, the rest are not
    original_append = write._TableSink.append
    def append(self, frame):
        original_append(self, frame)
        if self.rows:
            pause()
    write._TableSink.append = append
elif step == "exchange":  # after the swap, before the previous output is removed
    original_exchange = write._exchange
    def exchange(first, second):
        swapped = original_exchange(first, second)
        pause()
        return swapped
    write._exchange = exchange
cli.main(arguments, prog_name="builder")
"""


def run_and_kill(tmp_path: Path, step: str, *arguments: str) -> None:
    """Run `builder ARGUMENTS` in a child, wait until it reaches `step`, then SIGKILL it."""
    ready = tmp_path / f"ready-{step}"
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(ready), step, *arguments], cwd=REPO,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not ready.exists():
        if child.poll() is not None:
            raise AssertionError(f"the child ended before {step}: {child.communicate()[1].decode()[-2000:]}")
        if time.monotonic() > deadline:
            child.kill()
            raise AssertionError(f"the child never reached {step}")
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def leftovers(parent: Path) -> list[str]:
    return sorted(path.name for path in parent.iterdir() if ".tmp-" in path.name or ".old-" in path.name)


def assert_loadable(folder: Path) -> dict[str, int]:
    """Every table loads, validated, with the row count its manifest gives."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    rows = {table: len(builder.load_table(folder, table)) for table in TABLES}
    assert rows == {table: manifest["tables"][table]["rows"] for table in TABLES}
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """The sample batch and its output, built once; tests work on copies."""
    folder = tmp_path_factory.mktemp("built")
    raw = folder / "raw"
    shutil.copytree(REPO / "raw", raw)
    builder.build(raw, folder / "output")
    return raw, folder / "output"


@pytest.fixture
def work(built, tmp_path) -> tuple[Path, Path]:
    raw, output = built
    shutil.copytree(raw, tmp_path / "raw")
    shutil.copytree(output, tmp_path / "output")
    return tmp_path / "raw", tmp_path / "output"


def test_a_build_killed_mid_write_leaves_the_previous_output_intact(work, tmp_path):
    raw, out = work
    before = snapshot(out)
    rows = assert_loadable(out)
    (raw / "sudan-reports.json").unlink()  # the killed build would have had fewer articles

    run_and_kill(tmp_path, "append", "build", str(raw), "--out", str(out), "--quiet")

    assert snapshot(out) == before
    assert assert_loadable(out) == rows
    (left,) = leftovers(tmp_path)
    assert left.startswith(".output.tmp-") and (tmp_path / left / "articles.parquet").exists()

    builder.build(raw, out)  # the next build removes what the killed one left
    assert leftovers(tmp_path) == []
    assert assert_loadable(out)["articles"] < rows["articles"]


def test_a_partitioned_build_killed_mid_write_leaves_the_previous_output_intact(work, tmp_path):
    raw, out = work
    before = snapshot(out)
    rows = assert_loadable(out)

    run_and_kill(tmp_path, "append", "build", str(raw), "--out", str(out), "--quiet", "--parquet-layout", "partitioned")

    assert snapshot(out) == before
    assert assert_loadable(out) == rows
    (left,) = leftovers(tmp_path)
    assert (tmp_path / left / "articles" / "part-00000.parquet").exists()

    builder.build(raw, out, parquet_layout="partitioned")
    assert leftovers(tmp_path) == []
    assert assert_loadable(out) == rows and not list(out.glob("*.parquet"))  # parts replaced the single files


def test_a_build_killed_after_the_swap_leaves_the_new_output_whole(work, tmp_path):
    raw, out = work
    rows = assert_loadable(out)
    (raw / "sudan-reports.json").unlink()

    run_and_kill(tmp_path, "exchange", "build", str(raw), "--out", str(out), "--quiet")

    new_rows = assert_loadable(out)  # the new output is in place, complete
    assert new_rows["articles"] < rows["articles"]
    (left,) = leftovers(tmp_path)  # the previous output, swapped out but not yet removed
    assert assert_loadable(tmp_path / left) == rows

    remove_stale_temporaries(tmp_path)
    assert leftovers(tmp_path) == []
    assert assert_loadable(out) == new_rows


def test_a_release_killed_mid_write_leaves_earlier_releases_intact(work, tmp_path):
    raw, out = work
    releases = tmp_path / "releases"
    first = release("1.0.0", out, releases).folder
    before = snapshot(first)

    run_and_kill(tmp_path, "append", "release", "--version", "1.1.0", "--from", str(out), "--to", str(releases))

    assert snapshot(first) == before
    assert_loadable(first)
    manifest = json.loads((first / MANIFEST).read_text(encoding="utf-8"))
    assert {name: file_digest(first / name) for name in manifest["files"]} == manifest["files"]
    assert not (releases / "1.1.0").exists()
    (left,) = leftovers(releases)
    assert left.startswith(".1.1.0.tmp-")

    second = release("1.1.0", out, releases)  # the leftover neither blocks nor confuses the next release
    assert second.previous == "1.0.0"
    assert sorted(path.name for path in releases.iterdir()) == ["1.0.0", "1.1.0"]
    assert_loadable(second.folder)


def test_only_leftovers_of_processes_that_no_longer_run_are_removed(tmp_path):
    from builder.write import temporary_sibling

    mine = temporary_sibling(tmp_path / "output", "tmp")  # this process is running
    mine.mkdir()
    dead = Path(str(mine).replace(f"-{os.getpid()}-", "-999999999-"))
    dead.mkdir()
    host = mine.name.split("-")[1]
    other_machine = Path(str(dead).replace(f"-{host}-", "-000000-" if host != "000000" else "-111111-"))
    other_machine.mkdir()  # a build on another machine sharing the folder may still be running
    unrelated = tmp_path / ".output.tmp-notes"
    unrelated.mkdir()
    assert remove_stale_temporaries(tmp_path) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (mine, other_machine, unrelated))
