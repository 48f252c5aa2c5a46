"""Shared fixtures. Material beside the repository (../shared) is read, never copied; tests that need
it are skipped with a clear message where it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BUILDER_SHARED_DIR", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED} (set BUILDER_SHARED_DIR to its path)")
    return SHARED


@pytest.fixture(scope="session")
def kharkiv_example(shared_dir: Path) -> Path:
    path = shared_dir / "examples" / "kharkiv-2022-09-10.txt"
    if not path.is_file():
        pytest.skip(f"example article not found at {path}")
    return path


@pytest.fixture(autouse=True, scope="session")
def results_cache_of_this_run(tmp_path_factory):
    """`builder build` keeps per-article results in a cache file; tests use their own, not the user's."""
    patch = pytest.MonkeyPatch()
    patch.setenv("BUILDER_RESULTS", str(tmp_path_factory.mktemp("results") / "results.sqlite"))
    yield
    patch.undo()
