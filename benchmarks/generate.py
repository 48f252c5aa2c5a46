"""Generate realistic synthetic raw batches from the team's sample articles in raw/.

Each generated article joins 10-18 paragraphs drawn from the sample articles (so lengths and mixes
vary; the samples' paragraphs average ~42 words, so an article averages ~600 words, the length the
throughput target of issue 8 is stated for), re-draws every number ("two" stays a word, 12 becomes another number), and gets a
random publication date between 2022 and 2025. Output is JSONL shards of 1,000 articles plus, for
realism, a share of front-matter .md files.

    python benchmarks/generate.py --articles 10000 --out /tmp/batch-10k
"""

from __future__ import annotations

import argparse
import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

from builder.errors import Problem
from builder.ingest import read_batch

REPO = Path(__file__).resolve().parent.parent
SHARD = 1000
PARAGRAPHS = (10, 18)  # fewest and most paragraphs per article
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})*(?![\w.])")


def sample_paragraphs(seed_folder: Path) -> list[str]:
    paragraphs = []
    for item in read_batch(seed_folder):
        if not isinstance(item, Problem):
            paragraphs.extend(p.strip() for p in item.text.split("\n\n") if len(p.split()) >= 12)
    if not paragraphs:
        raise SystemExit(f"no usable sample paragraphs in {seed_folder}")
    return paragraphs


def make_article(paragraphs: list[str], rng: random.Random, index: int, seen: set[int]) -> dict:
    while True:  # a batch of real articles has no exact duplicates; neither does a generated one
        chosen = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(*PARAGRAPHS)))
        text = "\n\n".join(_NUMBER.sub(lambda m: str(rng.randint(1, 400)), p) for p in chosen)
        if hash(text) not in seen:
            seen.add(hash(text))
            break
    published = date(2022, 1, 1) + timedelta(days=rng.randrange(4 * 365))
    return {"id": f"synthetic-{index:07d}", "published": published.isoformat(),
            "title": chosen[0].split(".")[0][:90], "source": rng.choice(["Wire A", "Wire B", "Daily C", "Blog D"]),
            "text": text}


def generate(n_articles: int, out: Path, seed_folder: Path = REPO / "raw", seed: int = 7) -> Path:
    rng = random.Random(seed)
    paragraphs = sample_paragraphs(seed_folder)
    seen: set[int] = set()
    out.mkdir(parents=True, exist_ok=True)
    for shard_start in range(0, n_articles, SHARD):
        shard = range(shard_start, min(n_articles, shard_start + SHARD))
        if shard_start // SHARD % 5 == 4:  # every fifth shard as single .md files
            folder = out / f"md-{shard_start // SHARD:04d}"
            folder.mkdir(exist_ok=True)
            for index in shard:
                record = make_article(paragraphs, rng, index, seen)
                front = "\n".join(f"{k}: {json.dumps(record[k])}" for k in ("id", "published", "title", "source"))
                (folder / f"{record['id']}.md").write_text(f"---\n{front}\n---\n{record['text']}\n", encoding="utf-8")
        else:
            with open(out / f"shard-{shard_start // SHARD:04d}.jsonl", "w", encoding="utf-8") as handle:
                for index in shard:
                    handle.write(json.dumps(make_article(paragraphs, rng, index, seen), ensure_ascii=False) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed-folder", type=Path, default=REPO / "raw")
    args = parser.parse_args()
    generate(args.articles, args.out, args.seed_folder)
    print(f"wrote {args.articles:,} articles to {args.out}")


if __name__ == "__main__":
    main()
