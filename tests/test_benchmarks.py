"""The benchmark's batch generator makes valid batches (the benchmark itself is run by hand, not timed here)."""

from __future__ import annotations

import builder
from benchmarks.generate import generate


def test_generated_batch_builds_without_rejects(tmp_path):
    raw = generate(40, tmp_path / "raw")
    summary = builder.build(raw, tmp_path / "out", formats=["parquet"])
    assert summary.articles == 40 and summary.rejects == 0
