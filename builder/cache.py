"""Per-article results kept between builds, so adding one article to a built batch of 100,000 runs the
stages on that article only.

A result is keyed by the article's id, the SHA-256 of its text, its publication date and the extractor
version (builder.version: package version plus a digest of the extraction code and rule files). Any
change to those re-runs the article; nothing else does. The store is one SQLite file; only the build
process writes it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import zlib
from collections.abc import Iterable
from pathlib import Path

from builder.ingest import Article
from builder.pipeline import ArticleResult
from builder.version import extractor_version

RESULTS_ENV = "BUILDER_RESULTS"
CACHE_ENV = "BUILDER_CACHE_DIR"
FILE_NAME = "results.sqlite"


def default_cache_path() -> Path:
    """$BUILDER_RESULTS, else $BUILDER_CACHE_DIR/results.sqlite, else $XDG_CACHE_HOME/builder/... or
    ~/.cache/builder/results.sqlite."""
    if os.environ.get(RESULTS_ENV):
        return Path(os.environ[RESULTS_ENV])
    folder = os.environ.get(CACHE_ENV) or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "builder"
    return Path(folder) / FILE_NAME


def result_key(article: Article) -> str:
    fields = (article.article_id, article.sha256, article.published.isoformat(), extractor_version())
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


class ResultCache:
    """`get_many` and `put_many` over a SQLite file; safe to open from one build at a time."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, result BLOB NOT NULL)")
        self.hits = 0
        self.misses = 0

    def get_many(self, articles: list[Article]) -> list[ArticleResult | None]:
        keys = [result_key(a) for a in articles]
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), 500):  # SQLite's limit on bound parameters
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self._db.execute(f"SELECT key, result FROM results WHERE key IN ({marks})", chunk))
        results = [pickle.loads(zlib.decompress(found[key])) if key in found else None for key in keys]
        hits = sum(r is not None for r in results)
        self.hits += hits
        self.misses += len(results) - hits
        return results

    def put_many(self, pairs: Iterable[tuple[Article, ArticleResult]]) -> None:
        rows = [(result_key(article), zlib.compress(pickle.dumps(result, pickle.HIGHEST_PROTOCOL)))
                for article, result in pairs if not result.problems]  # a failed article is retried next time
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO results (key, result) VALUES (?, ?)", rows)

    def close(self) -> None:
        self._db.close()
