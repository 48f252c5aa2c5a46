"""The per-article stages, in the order the data flows: segment -> time -> places -> incidents.

Reads  : one article (or any text with its publication date).
Returns: what each stage found, and rows per output table. Each stage is a plain function; this
module only wires them together, so a notebook can call any stage on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from builder.errors import Problem
from builder.incidents import Incident, extract_incidents
from builder.ingest import Article
from builder.places import PlaceMention, extract_places
from builder.segment import segment
from builder.timex import TimeExpression, extract_time_expressions
from builder.version import extractor_version

# Tables filled per article, in the order they are written; rejects are written last.
ARTICLE_TABLES = ("articles", "time_expressions", "places", "incidents")


@dataclass(slots=True)
class Analysis:
    """Everything the stages found in one text."""

    doc: Doc
    time_expressions: list[TimeExpression]
    places: list[PlaceMention]
    incidents: list[Incident]


@dataclass(slots=True)
class ArticleResult:
    rows: dict[str, list[dict]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


class StageError(Exception):
    """A stage failed on a text; `stage` names it (as the rejects table does)."""

    def __init__(self, stage: str, error: Exception) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.stage = stage


def _run(stage: str, function, *args):
    try:
        return function(*args)
    except Exception as error:  # re-raised with the stage's name, for the reject
        raise StageError(stage, error) from error


def analyse_text(text: str, published: date) -> Analysis:
    doc = _run("segment", segment, text)
    times = _run("time", extract_time_expressions, text, published)
    places = _run("places", extract_places, doc)
    incidents = _run("incidents", extract_incidents, doc, published, times, places)
    return Analysis(doc, times, places, incidents)


def process_article(article: Article) -> ArticleResult:
    rows: dict[str, list[dict]] = {"articles": [article.as_row()]}
    try:
        analysis = analyse_text(article.text, article.published)
    except StageError as error:  # one article that trips a stage must not stop a batch
        problem = Problem(article.source_path, article.source_line, error.stage, "stage-failed",
                          f"the {error.stage} stage failed on this article ({error}); the article row is kept "
                          "without time expressions, places or incidents", article.article_id)
        return ArticleResult(rows, [problem])
    rows.update(analysis_rows(article.article_id, analysis))
    return ArticleResult(rows)


def analysis_rows(article_id: str, analysis: Analysis) -> dict[str, list[dict]]:
    """The rows of the time_expressions, places and incidents tables for one article's analysis."""
    version = extractor_version()
    return {
        "time_expressions": [expression.as_row(article_id) for expression in analysis.time_expressions],
        "places": [mention.as_row(article_id) for mention in analysis.places],
        "incidents": [incident.as_row(article_id, version) for incident in analysis.incidents],
    }


def process_articles(articles: list[Article]) -> list[ArticleResult]:
    """A batch at a time: the unit of work an engine sends to a worker process."""
    return [process_article(article) for article in articles]


def warm_up() -> None:
    """Load every stage's data (spaCy, time rules, gazetteer, word lists) in this process, so that worker
    processes forked from it start with them instead of each loading its own copy."""
    analyse_text("Two people were killed in Kyiv on Monday, the governor said.", date(2024, 1, 1))
