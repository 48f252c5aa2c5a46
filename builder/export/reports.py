"""What an export row says about an event's reports: outlets, dates, headlines, first sentence, build time."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class Reports:
    articles: dict[str, dict]  # article_id -> {published, source, title}
    sentences: dict[str, str]  # incident_id -> evidence sentence
    built_timestamp: int | None  # Unix time of the build, from the folder's manifest

    @classmethod
    def from_tables(cls, articles: pd.DataFrame, incidents: pd.DataFrame, built_timestamp: int | None) -> Reports:
        articles = articles.astype(object).where(articles.notna(), None)
        return cls({row["article_id"]: row for row in articles.to_dict("records")},
                   dict(zip(incidents["incident_id"], incidents["sentence"])), built_timestamp)

    def outlets(self, event: dict) -> list[str]:
        """Distinct outlets in report order; an article without a source is named by its id."""
        return list(dict.fromkeys(self.articles[a]["source"] or a for a in event["article_ids"]))

    def dates(self, event: dict) -> list[str]:
        return [self.articles[a]["published"].isoformat() for a in event["article_ids"]]

    def headlines(self, event: dict) -> list[str]:
        return [self.articles[a]["title"] or "" for a in event["article_ids"]]

    def first_sentence(self, event: dict) -> str | None:
        return self.sentences.get(event["incident_ids"][0]) if len(event["incident_ids"]) else None
