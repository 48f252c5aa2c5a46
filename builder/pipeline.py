"""The per-article stages, in the order the data flows: segment -> time -> places -> incidents.

Reads  : one Article.
Returns: rows per output table for that article, and problems a stage met (which become rejects).
Each stage is a plain function; this module only wires them together, so a notebook can call any
stage on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.errors import Problem
from builder.ingest import Article
from builder.timex import extract_time_expressions

# Tables filled per article, in the order they are written; rejects are written last.
ARTICLE_TABLES = ("articles", "time_expressions")


@dataclass(slots=True)
class ArticleResult:
    rows: dict[str, list[dict]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def process_article(article: Article) -> ArticleResult:
    times = extract_time_expressions(article.text, article.published)
    return ArticleResult(rows={
        "articles": [article.as_row()],
        "time_expressions": [expression.as_row(article.article_id) for expression in times],
    })
