"""Bad input: a clear problem naming file, line and reason; every other article still goes through."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

GOOD = '{"id": "good", "published": "2024-01-01", "text": "Shelling hit Kherson."}\n'
OTHER = '{"id": "after", "published": "2024-01-02", "text": "Drones hit Odesa."}\n'


def reasons(problems):
    return [(p.source_path, p.line, p.reason) for p in problems]


def test_truncated_jsonl_line_is_rejected_and_the_rest_kept(batch, read):
    raw = batch({"feed.jsonl": GOOD + '{"id": "cut", "published": "2024-01-0\n' + OTHER})
    articles, problems = read(raw)
    assert [a.article_id for a in articles] == ["good", "after"]
    assert reasons(problems) == [("feed.jsonl", 2, "bad-json")]


def test_jsonl_line_that_is_not_an_object(batch, read):
    articles, problems = read(batch({"feed.jsonl": GOOD + '["a", "list"]\n'}))
    assert len(articles) == 1 and reasons(problems) == [("feed.jsonl", 2, "not-a-record")]


def test_record_without_text(batch, read):
    _, problems = read(batch({"feed.jsonl": '{"id": "x", "published": "2024-01-01", "title": "Only a title"}\n'}))
    assert reasons(problems) == [("feed.jsonl", 1, "missing-text")]


def test_binary_file(batch, read):
    articles, problems = read(batch({"photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "ok-2024-01-01.txt": "Text."}))
    assert len(articles) == 1 and reasons(problems) == [("photo.txt", None, "binary-file")]


def test_empty_file_and_whitespace_only_file(batch, read):
    _, problems = read(batch({"empty.jsonl": b"", "blank-2024-01-01.txt": "  \n\n \n"}))
    assert sorted(reasons(problems)) == [("blank-2024-01-01.txt", 1, "empty-text"), ("empty.jsonl", None, "empty-file")]


@pytest.mark.parametrize("encoding", ["cp1251", "utf-16", "utf-8-sig"])
def test_other_encodings_are_decoded_not_rejected(batch, read, encoding):
    text = "Два мирних жителі загинули внаслідок обстрілу Харкова, повідомив губернатор області."
    articles, problems = read(batch({"ua-2024-01-01.txt": text.encode(encoding)}))
    assert problems == []
    assert articles[0].text == text


def test_utf16_jsonl_is_streamed_line_by_line(batch, read):
    content = (GOOD + OTHER).encode("utf-16")
    articles, problems = read(batch({"feed.jsonl": content}))
    assert problems == [] and [a.article_id for a in articles] == ["good", "after"]


def test_invalid_utf8_bytes_are_replaced_kept_and_reported(batch, read):
    data = "Обстріл Харкова: двоє загиблих, ".encode() + b"\xff\xfe" + " троє поранених.".encode()
    articles, problems = read(batch({"ua-2024-01-01.txt": data}))
    assert len(articles) == 1 and "\ufffd" in articles[0].text
    (warning,) = problems
    assert (warning.reason, warning.severity) == ("invalid-bytes-replaced", "warning")


def test_unparseable_and_future_publication_dates(batch, read):
    lines = [{"id": "a", "published": "10/09/2022", "text": "A report."},
             {"id": "b", "published": "2031-01-01", "text": "Another report."},
             {"id": "c", "published": "1850-01-01", "text": "An old report."}]
    _, problems = read(batch({"d.jsonl": "\n".join(map(json.dumps, lines))}))
    assert reasons(problems) == [("d.jsonl", 1, "unparseable-publication-date"),
                                 ("d.jsonl", 2, "future-publication-date"),
                                 ("d.jsonl", 3, "implausible-publication-date")]
    assert "'10/09/2022'" in problems[0].message


def test_duplicate_ids_and_duplicate_articles(batch, read):
    lines = [{"id": "a", "published": "2024-01-01", "text": "First report."},
             {"id": "a", "published": "2024-01-01", "text": "A different report."},
             {"id": "b", "published": "2024-01-01", "text": "First report."},
             {"published": "2024-01-01", "text": "Same  words,\n spaced differently."},
             {"published": "2024-01-01", "text": "Same words, spaced differently."}]
    articles, problems = read(batch({"d.jsonl": "\n".join(map(json.dumps, lines))}))
    assert [a.article_id for a in articles][:1] == ["a"] and len(articles) == 2
    assert reasons(problems) == [("d.jsonl", 2, "duplicate-id"), ("d.jsonl", 3, "duplicate-article"),
                                 ("d.jsonl", 5, "duplicate-article")]
    assert "d.jsonl:1" in problems[0].message


def test_stable_ids_do_not_depend_on_file_or_whitespace(batch, read):
    raw = batch({"a-2024-01-01.txt": "Two killed  in Izyum.\n", "b.jsonl": json.dumps(
        {"published": "2024-01-02", "text": "Two killed in Izyum.", "source": "Other"}) + "\n"})
    articles, _ = read(raw)
    again, _ = read(raw)
    assert [a.article_id for a in articles] == [a.article_id for a in again]
    assert articles[0].article_id != articles[1].article_id  # same words, different source


def test_bad_front_matter_names_the_line(batch, read):
    _, problems = read(batch({"a.md": "---\npublished: 2024-01-01\ntitle: [unclosed\n---\nBody.\n",
                              "b.md": "---\npublished: 2024-01-01\nBody without a closing fence.\n"}))
    assert [(p.source_path, p.reason) for p in problems] == [("a.md", "bad-front-matter"), ("b.md", "bad-front-matter")]
    assert problems[0].line in (3, 4)
    assert "never closed" in problems[1].message


def test_csv_row_with_wrong_field_count_and_csv_without_text_column(batch, read):
    raw = batch({"a.csv": "id,published,text\nx,2024-01-01,ok\ny,2024-01-01,broken,extra\n",
                 "b.csv": "id,published,headline\nz,2024-01-01,No body\n"})
    articles, problems = read(raw)
    assert [a.article_id for a in articles] == ["x"]
    assert reasons(problems) == [("a.csv", 3, "csv-field-count"), ("b.csv", 1, "missing-text-column")]


def test_truncated_json_list_keeps_the_records_before_the_break(batch, read):
    content = '[\n {"id": "a", "date": "2024-01-01", "content": "One."},\n {"id": "b", "date": "2024-01-'
    articles, problems = read(batch({"list.json": content}))
    assert [a.article_id for a in articles] == ["a"]
    assert reasons(problems) == [("list.json", 3, "bad-json")]


def test_symlink_out_of_the_raw_folder_is_not_read(batch, read, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret-2024-01-01.txt"
    outside.write_text("Not part of the batch.")
    raw = batch({"ok-2024-01-01.txt": "Inside."})
    os.symlink(outside, raw / "link-2024-01-01.txt")
    articles, problems = read(raw)
    assert [a.text for a in articles] == ["Inside."]
    assert reasons(problems) == [("link-2024-01-01.txt", None, "outside-raw-folder")]


def test_odd_file_names(batch, read):
    raw = batch({"a..b 2024-01-01 (copy) #1 ü.txt": "Odd name.", "x..y-2024-01-02.md": "Dots."})
    articles, problems = read(raw)
    assert problems == []
    assert sorted(a.source_path for a in articles) == ["a..b 2024-01-01 (copy) #1 ü.txt", "x..y-2024-01-02.md"]


def test_a_million_character_article(batch, read):
    text = ("Shelling continued near Bakhmut, officials said. " * 21000)[:1_000_000]
    articles, problems = read(batch({"long.jsonl": json.dumps({"published": "2024-01-01", "text": text})}))
    assert problems == [] and articles[0].published == date(2024, 1, 1)
    assert len(articles[0].text) >= 999_000
