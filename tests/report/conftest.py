"""Builds shared by the report tests: the bundled raw/ batch as `builder build` writes it, the same articles
with sample incidents, rejects, time expressions and places (tests/report/sample_tables.py), whose figures
the tests know, and a build with articles and rejects only, as a build without the later stages looks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.api import build
from tests.report.sample_tables import write_articles_only, write_sample_build

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def raw_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("raw-build") / "output"
    build(REPO / "raw", out, formats=["parquet"])
    return out


@pytest.fixture(scope="session")
def sample_build(raw_build: Path, tmp_path_factory) -> Path:
    manifest = json.loads((raw_build / "manifest.json").read_text(encoding="utf-8"))
    return write_sample_build(raw_build, tmp_path_factory.mktemp("sample-build") / "output", manifest)


@pytest.fixture(scope="session")
def articles_only_build(raw_build: Path, tmp_path_factory) -> Path:
    return write_articles_only(raw_build, tmp_path_factory.mktemp("articles-only") / "output")
