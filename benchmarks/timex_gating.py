"""Check that the time-expression finder's gating (each rule run only near its anchors, see
builder/timex/anchors.py, and tried only where its leads start, see builder/timex/leads.py) finds exactly
what running every rule over the whole text finds, on real text: the TIMEX corpora in the shared folder,
the dev texts and a generated batch. The tests check the same on random texts; this is the check to run
after changing anchors, leads, REACH or a rule pattern.

    python benchmarks/timex_gating.py            # exit 1 when a text differs
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.stages import dev_texts, generated_texts  # noqa: E402
from builder.timex import load_rules  # noqa: E402
from builder.timex.find import find_matches  # noqa: E402

SHARED = Path(os.environ.get("BUILDER_SHARED_DIR", HERE.parent.parent / "shared"))


def main() -> None:
    rules = load_rules()
    texts = [json.loads(line)["text"] for path in sorted(SHARED.glob("corpora/timex/*/*.docs.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [text for text, _ in dev_texts() + generated_texts(300)]
    differ = 0
    for text in texts:
        gated = {(m.start, m.end, m.rule.id) for m in find_matches(text, rules)}
        everywhere = {(m.start, m.end, m.rule.id) for m in find_matches(text, rules, gated=False)}
        if gated != everywhere:
            differ += 1
            print(f"differs: gated only {sorted(gated - everywhere)}, ungated only {sorted(everywhere - gated)}")
    print(f"{len(texts)} texts, {sum(map(len, texts)):,} characters: {differ} differ")
    raise SystemExit(1 if differ else 0)


if __name__ == "__main__":
    main()
