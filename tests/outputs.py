"""Output folders for the events, release and export tests, made by real `builder.build` runs.

The extraction stage is not wired into the build yet, so `build_output` replaces the per-article
stage by one that returns the article's row plus the incident rows a test gives. The incidents then
flow through the build as extracted ones will: validated, written, merged into events.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import builder
from builder import pipeline
from builder.pipeline import ArticleResult

TODAY = date(2026, 1, 1)


def article(article_id: str, published: str, source: str | None, text: str | None = None) -> dict:
    # Distinct texts by default: the build keeps an exact duplicate text only once.
    return {"id": article_id, "published": published, "source": source, "title": f"Report {article_id}",
            "text": text or f"Report {article_id}: two people were killed in Kupiansk on Friday."}


def incident(number: int, article_id: str, **fields) -> dict:
    """A casualty incident in Kupiansk on 2024-05-17 with 2 killed, unless `fields` say otherwise."""
    row = {
        "incident_id": f"{number:016x}", "article_id": article_id, "incident_type": "casualties",
        "date_start": date(2024, 5, 17), "date_end": date(2024, 5, 17), "date_precision": "day",
        "date_text": "on Friday", "location": "Kupiansk", "location_text": "Kupiansk", "admin1": "Kharkiv Oblast",
        "admin2": "Kupiansk Raion", "country_code": "UA", "latitude": 49.7106, "longitude": 37.6158,
        "geo_precision": 1, "actor": "Russia", "attack_type": "missile", "victims": "civilians",
        "claim_status": "reported", "killed": 2, "killed_low": 2, "killed_high": 2, "cumulative": False,
        "sentence": "Two people were killed in Kupiansk on Friday.", "char_start": 0, "char_end": 46,
        "confidence": 0.9, "extractor_version": "test-1",
    }
    return {**row, **fields}


def build_output(folder: Path, articles: list[dict], incidents: list[dict], monkeypatch: pytest.MonkeyPatch,
                 **build_options) -> Path:
    raw = folder.parent / f"{folder.name}-raw"
    raw.mkdir(parents=True)
    (raw / "feed.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    by_article: dict[str, list[dict]] = {}
    for row in incidents:
        by_article.setdefault(row["article_id"], []).append(row)

    def process_article(item) -> ArticleResult:
        return ArticleResult(rows={"articles": [item.as_row()], "incidents": by_article.get(item.article_id, [])})

    with monkeypatch.context() as patch:
        patch.setattr(pipeline, "process_article", process_article)
        builder.build(raw, folder, today=TODAY, **build_options)
    return folder


KHARKIV = {"location": "Kharkiv", "latitude": 49.9935, "longitude": 36.2304, "admin2": "Kharkiv Raion"}
IZIUM = {"location": "Izium", "latitude": 49.2128, "longitude": 37.2569, "admin2": "Izium Raion"}


def first_output(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three outlets; a and b report one strike in Kupiansk, c another in Kharkiv."""
    return build_output(folder, [article("a", "2024-05-18", "Wire"), article("b", "2024-05-18", "Post"),
                                 article("c", "2024-05-19", "Times")],
                        [incident(1, "a"), incident(2, "b"), incident(3, "c", **KHARKIV)], monkeypatch)


def second_output(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """As first_output, but c is gone, d (Izium) is new and b now says 3 killed."""
    return build_output(folder, [article("a", "2024-05-18", "Wire"), article("b", "2024-05-18", "Post"),
                                 article("d", "2024-05-20", "Times")],
                        [incident(1, "a"), incident(2, "b", killed=3, killed_low=3, killed_high=3),
                         incident(4, "d", **IZIUM)], monkeypatch)
