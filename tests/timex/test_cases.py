"""The table of hard cases in cases.yaml: one test per case."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8"))


def test_the_table_is_large_enough():
    assert len(CASES) >= 150


@pytest.mark.parametrize("case", CASES, ids=[f"{i:03d}-{c.get('finds', c.get('absent'))}" for i, c in enumerate(CASES)])
def test_case(case: dict, expect):
    expect(case["sentence"], case["published"], case)
