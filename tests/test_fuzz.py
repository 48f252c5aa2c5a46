"""benchmarks/fuzz.py stays runnable and honest: a small run finds no crash, no lost row and no schema
reject, and its accounting does notice a row that went missing. The full run (10,000 inputs) is by hand:

    python benchmarks/fuzz.py
"""

from __future__ import annotations

import pandas as pd

from benchmarks import fuzz
from builder.tables import frame_from_rows


def test_a_small_fuzz_run_is_clean():
    total, _ = fuzz.run(300, seed=11, jobs=1, batch=50, timeout=300, keep=None)
    assert total.inputs == 300 and total.units > 300
    assert (total.crashes, total.lost, total.schema_rejects) == ([], [], [])
    assert total.articles > 50 and sum(total.rejects.values()) > 100


def test_the_accounting_notices_missing_rows():
    inputs = [fuzz.Input(b"00001.jsonl", b"", "jsonl", units=[1, 2, 3]), fuzz.Input(b"00002.txt", b"", "text")]
    articles = pd.DataFrame({"source_path": ["00001.jsonl"], "source_line": pd.array([2], dtype="Int64")})
    rejects = frame_from_rows("rejects", [{"source_path": "00001.jsonl", "line": 3, "stage": "ingest",
                                           "reason": "stage-failed", "message": "boom"}])
    result = fuzz.Result()
    fuzz._account(inputs, articles, rejects, result)
    assert [entry.split(":")[0] for entry in result.lost] == ["'00001.jsonl' (jsonl, 0 bytes)",
                                                              "'00002.txt' (text, 0 bytes)"]
    assert "[1]" in result.lost[0] and len(result.crashes) == 1
