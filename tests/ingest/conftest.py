"""Helpers for ingest tests: write a tiny raw batch and read it back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from builder.errors import Problem
from builder.ingest import Article, read_batch

TODAY = date(2026, 1, 1)


def _read_all(raw: Path, **options) -> tuple[list[Article], list[Problem]]:
    articles, problems = [], []
    for item in read_batch(raw, today=TODAY, **options):
        (problems if isinstance(item, Problem) else articles).append(item)
    return articles, problems


@pytest.fixture
def read():
    """read(folder, **options) -> (articles, problems), with today fixed at 2026-01-01."""
    return _read_all


@pytest.fixture
def batch(tmp_path: Path):
    """batch({"name.txt": "text" or b"bytes"}) -> the folder holding those files."""

    def make(files: dict[str, str | bytes]) -> Path:
        for name, content in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return tmp_path

    return make
