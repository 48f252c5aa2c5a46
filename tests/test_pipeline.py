"""builder/pipeline.py: a stage that fails on one article rejects that article's extraction, naming the stage."""

from __future__ import annotations

from datetime import date

import pytest

from builder import pipeline
from builder.ingest.articles import Article


def article(text: str) -> Article:
    return Article("a1", date(2024, 5, 18), text, None, None, None, None, "feed.jsonl", 3, "0" * 64, "utf-8", 0)


@pytest.mark.parametrize("stage, function", [("time", "extract_time_expressions"), ("places", "extract_places"),
                                             ("incidents", "extract_incidents")])
def test_a_failing_stage_is_named_and_the_article_row_kept(monkeypatch, stage, function):
    def broken(*args):
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, function, broken)
    result = pipeline.process_article(article("Two civilians were killed in Kherson."))
    assert [row["article_id"] for row in result.rows["articles"]] == ["a1"]
    assert set(result.rows) == {"articles"}
    (problem,) = result.problems
    assert (problem.stage, problem.reason, problem.source_path, problem.line) == (stage, "stage-failed", "feed.jsonl", 3)
    assert "boom" in problem.message


def test_a_working_article_has_rows_in_every_table():
    result = pipeline.process_article(article("Two civilians were killed in Kherson on Friday."))
    assert result.problems == []
    assert {table: len(rows) for table, rows in result.rows.items()} == {
        "articles": 1, "time_expressions": 1, "places": 1, "incidents": 1}
