"""A whole build over a batch of bad and odd inputs: each bad file, record or row is a rejects row naming
its file, line and reason (or a warning when it was repaired), and every good article goes through the
whole pipeline. A million-character article goes through the whole build too."""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import builder
from benchmarks.generate import sample_paragraphs

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 1, 1)
UKRAINIAN = "Двоє мирних жителів загинули внаслідок обстрілу Харкова в п'ятницю, повідомив губернатор."
PAGE = """<html><head><meta property="article:published_time" content="2024-03-02T14:20:00+00:00">
<script>var toll = "Ten soldiers were killed in Odesa";</script><style>p {color: red}</style></head><body>
<article><p>At least five people were killed on Saturday when an airstrike hit a house in Rafah, health
officials said. Rescuers searched the rubble for hours, the civil defence agency said.</p>
<script>document.write("Subscribe to read about Mariupol");</script>
<p>The agency said the dead included two children and that three more people were taken to hospital.</p>
</article></body></html>"""


def line(**fields) -> str:
    return json.dumps({"published": "2024-05-18", **fields}, ensure_ascii=False) + "\n"


@pytest.fixture(scope="module")
def bad_batch(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("bad") / "raw"
    raw.mkdir()
    (raw / "feed.jsonl").write_text(
        line(id="f1", text="Two civilians were killed in Kherson on Friday, the governor said.")
        + '{"id": "cut", "published": "2024-05-1\n'                                        # line 2: truncated
        + line(id="f3", text="Shelling wounded three people in Izium on Thursday.")
        + line(id="future", published="2031-01-01", text="A report from the future.")      # line 4
        + line(id="nodate", published=None, text="A report without a date.")              # line 5
        + line(id="baddate", published="10/09/2022", text="A report with a US date.")     # line 6
        + line(id="f1", text="Another report using the first id.")                        # line 7
        + line(id="f7", text="Two civilians were killed in Kherson on Friday, the governor said.")  # line 8: same text
        + line(id="f9", text="Shelling killed 9223372036854775808 people in Kupiansk on Friday.")
        + '{"id": "s", "published": "2024-05-18", "text": "Drones hit Odesa \\ud800 overnight."}\n'  # line 10
        + "[" * 50_000 + "]" * 50_000 + "\n"                                                # line 11: too deep
        + line(id="f12", text="Two people were wounded in Nikopol on Sunday."), encoding="utf-8")
    (raw / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (raw / "empty.jsonl").write_bytes(b"")
    (raw / "blank-2024-05-18.txt").write_text(" \n\n \n")
    (raw / "cp1251-2024-05-18.txt").write_bytes(UKRAINIAN.encode("cp1251"))
    (raw / "utf16-2024-05-18.md").write_bytes(("Вибухи у Львові. " + UKRAINIAN).encode("utf-16"))
    (raw / "broken-utf8-2024-05-18.txt").write_bytes("Обстріл Херсона: ".encode() + b"\xff\xfe"
                                                     + "двоє поранених.".encode())
    (raw / "page.html").write_text(PAGE)
    (raw / "sheet.csv").write_text('id,published,title,text\n'
                                   'c1,2024-05-18,"Strike, north","He said ""two"" were killed.\nIn Sumy."\n'
                                   'c2,2024-05-18,Extra,text,with,commas\n'
                                   'c3,2024-05-18,Plain,A shell hit a school in Kharkiv on Monday.\n')
    (raw / "line\nbreak-2024-05-18.txt").write_text("A missile hit Dnipro overnight, the mayor said.")
    (raw / os.fsdecode(b"bytes-\xff-2024-05-18.txt")).write_text("Shelling damaged homes in Nikopol.")
    (raw / "up..-2024-05-18.txt").write_text("Fighting continued near Bakhmut.")
    outside = raw.parent / "secret-2024-05-18.txt"
    outside.write_text("Not part of the batch.")
    os.symlink(outside, raw / "link-2024-05-18.txt")
    (raw / "deep.json").write_text("[" + line(id="j1", text="Russian forces shelled Kramatorsk on Tuesday.")
                                   + ", " + "[" * 50_000 + "]" * 50_000 + "]")
    return raw


def test_every_bad_input_is_a_reject_with_file_line_and_reason_and_the_rest_goes_through(bad_batch, tmp_path):
    summary = builder.build(bad_batch, tmp_path / "out", today=TODAY)
    rejects = builder.load_table(tmp_path / "out", "rejects")
    found = sorted(((row.source_path, None if pd.isna(row.line) else int(row.line), row.reason)
                    for row in rejects.itertuples()), key=str)
    assert found == sorted([
        ("blank-2024-05-18.txt", 1, "empty-text"),
        ("deep.json", 2, "bad-json"),
        ("empty.jsonl", None, "empty-file"),
        ("feed.jsonl", 2, "bad-json"),
        ("feed.jsonl", 4, "future-publication-date"),
        ("feed.jsonl", 5, "missing-publication-date"),
        ("feed.jsonl", 6, "unparseable-publication-date"),
        ("feed.jsonl", 7, "duplicate-id"),
        ("feed.jsonl", 8, "duplicate-article"),
        ("feed.jsonl", 11, "bad-json"),
        ("link-2024-05-18.txt", None, "outside-raw-folder"),
        ("photo.txt", None, "binary-file"),
        ("sheet.csv", 4, "csv-field-count"),
    ], key=str)
    assert all(row.message for row in rejects.itertuples())
    assert sorted((w.source_path, w.reason) for w in summary.warnings) == [
        ("broken-utf8-2024-05-18.txt", "invalid-bytes-replaced"), ("feed.jsonl", "invalid-characters-replaced")]

    articles = builder.load_table(tmp_path / "out", "articles")
    assert summary.articles == len(articles) == 15
    by_path = Counter(articles["source_path"])
    assert by_path == {"feed.jsonl": 5, "sheet.csv": 2, "cp1251-2024-05-18.txt": 1, "utf16-2024-05-18.md": 1,
                       "broken-utf8-2024-05-18.txt": 1, "page.html": 1, "line\nbreak-2024-05-18.txt": 1,
                       "bytes-\ufffd-2024-05-18.txt": 1, "up..-2024-05-18.txt": 1, "deep.json": 1}
    text = dict(zip(articles["source_path"], articles["text"]))
    assert text["cp1251-2024-05-18.txt"] == UKRAINIAN and text["utf16-2024-05-18.md"].endswith(UKRAINIAN)
    assert "Odesa" not in text["page.html"] and "Mariupol" not in text["page.html"]
    assert articles.set_index("article_id").loc["c1", "text"] == 'He said "two" were killed.\nIn Sumy.'

    # Every kept article went through every stage: places and incidents were found, none failed.
    places = builder.load_table(tmp_path / "out", "places")
    incidents = builder.load_table(tmp_path / "out", "incidents")
    assert {"Kherson", "Izium", "Rafah", "Nikopol"} <= set(places["location"])
    assert {"f1", "f3", "f12"} <= set(incidents["article_id"])
    assert "f9" not in set(incidents["article_id"])  # the impossible count is not a count
    assert "stage-failed" not in set(rejects["reason"])


def long_article(characters: int) -> str:
    """Paragraphs of the sample batch, numbers redrawn, until `characters` long."""
    paragraphs, rng, parts, size = sample_paragraphs(REPO / "raw"), random.Random(3), [], 0
    while size < characters:
        paragraph = rng.choice(paragraphs)
        parts.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(parts)[:characters]


def test_a_million_character_article_goes_through_the_whole_build(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    text = long_article(1_000_000)
    (raw / "long.jsonl").write_text(line(id="long", text=text) + line(id="short", text="Two were killed in Izium."))
    summary = builder.build(raw, tmp_path / "out", today=TODAY)
    assert summary.articles == 2 and summary.rejects == 0
    articles = builder.load_table(tmp_path / "out", "articles").set_index("article_id")
    stored = articles.loc["long", "text"]
    assert articles.loc["long", "n_chars"] == len(stored) >= 999_000
    for table, span_text in (("time_expressions", "text"), ("places", "location_text"), ("incidents", "sentence")):
        rows = builder.load_table(tmp_path / "out", table)
        long_rows = rows[rows["article_id"] == "long"]
        assert len(long_rows) > 100, table
        assert all(stored[start:end] == words for start, end, words in
                   zip(long_rows["char_start"], long_rows["char_end"], long_rows[span_text])), table
        assert long_rows["char_end"].max() > 900_000, table  # the end of the article was read too
    assert (builder.load_table(tmp_path / "out", "incidents")["article_id"] == "short").any()



def test_a_row_the_frame_cannot_hold_rejects_its_article_not_the_build(tmp_path, monkeypatch):
    from builder import pipeline
    from builder.pipeline import ArticleResult
    from tests.outputs import incident

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "feed.jsonl").write_text(line(id="a", text="First.") + line(id="b", text="Second."))

    def process_article(article) -> ArticleResult:
        killed = 2 ** 70 if article.article_id == "b" else 2  # a stage bug: a count no Int64 holds
        row = incident(1 if article.article_id == "a" else 2, article.article_id, killed=killed, killed_low=killed,
                       killed_high=killed)
        return ArticleResult(rows={"articles": [article.as_row()], "incidents": [row]})

    monkeypatch.setattr(pipeline, "process_article", process_article)
    summary = builder.build(raw, tmp_path / "out", today=TODAY)
    assert summary.articles == 2
    assert builder.load_table(tmp_path / "out", "incidents")["article_id"].tolist() == ["a"]
    assert summary.rejects_by_reason == {"schema-check-failed": 1}
