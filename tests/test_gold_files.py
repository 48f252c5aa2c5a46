"""The annotated corpora are valid: every evidence string is in its text, bounds are ordered, enums known."""

from __future__ import annotations

import importlib.util
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "gold" / "incidents"


def test_incident_gold_passes_its_checker():
    spec = importlib.util.spec_from_file_location("check_gold", GOLD / "check_gold.py")
    checker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(checker)
    assert checker.check(GOLD) == []
