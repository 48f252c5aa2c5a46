"""Bad input: a clear problem naming file, line and reason; every other article still goes through."""

from __future__ import annotations

import json
import os
import time
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


def test_json_python_cannot_hold_rejects_only_its_own_line(batch, read):
    deep = "[" * 100_000 + "]" * 100_000
    huge = '{"id": "x", "published": "2024-01-01", "text": "t", "n": ' + "9" * 5000 + "}"
    second = '{"id": "g2", "published": "2024-01-01", "text": "Drones hit Sumy."}\n'
    raw = batch({"deep.jsonl": GOOD + deep + "\n" + OTHER, "huge.jsonl": second + huge + "\n",
                 "deep.json": "[" + GOOD + "," + deep + "]"})
    articles, problems = read(raw)
    assert sorted(a.article_id for a in articles) == ["after", "g2", "good"]  # "good" in deep.json is a duplicate
    assert [(p.source_path, p.line, p.reason) for p in problems if p.reason != "duplicate-article"] == [
        ("deep.json", 2, "bad-json"), ("deep.jsonl", 2, "bad-json"), ("huge.jsonl", 2, "bad-json")]
    assert "nested too deeply" in problems[0].message and "digits" in problems[-1].message


def test_lone_surrogate_escapes_are_replaced_and_reported(batch, read):
    line = '{"id": "s", "published": "2024-01-01", "title": "T\\udfff", "text": "Two killed \\ud800 in Kyiv."}\n'
    articles, problems = read(batch({"feed.jsonl": line + OTHER}))
    assert [a.article_id for a in articles] == ["s", "after"]
    assert articles[0].text == "Two killed \ufffd in Kyiv." and articles[0].title == "T\ufffd"
    assert [(p.line, p.reason, p.severity) for p in problems] == [(1, "invalid-characters-replaced", "warning")]
    assert "2 escape(s)" in problems[0].message


@pytest.mark.parametrize("value, message", [
    (["a", "b"], "found a list"), ({"x": 1}, "found a dict"), (True, "found bool"), (1.5, "found float"),
    ("n\u0000ul", "control characters"), ("x" * 201, "201 characters")])
def test_ids_that_are_not_one_printable_value(batch, read, value, message):
    record = json.dumps({"id": value, "published": "2024-01-01", "text": "A report from Kyiv."})
    articles, problems = read(batch({"feed.jsonl": record + "\n" + OTHER}))
    assert [a.article_id for a in articles] == ["after"]
    assert reasons(problems) == [("feed.jsonl", 1, "bad-id")] and message in problems[0].message


def test_integer_ids_are_kept_as_text(batch, read):
    articles, _ = read(batch({"feed.jsonl": json.dumps({"id": 12, "published": "2024-01-01", "text": "A."})}))
    assert [a.article_id for a in articles] == ["12"]


def test_yaml_alias_bomb_in_front_matter_is_refused_quickly(batch, read):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
        f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]" for previous, name in zip("abcdefg", "bcdefgh")]
    front = "---\npublished: 2024-01-01\n" + "\n".join(levels) + "\ntitle: *h\n---\nBody from Kyiv.\n"
    started = time.perf_counter()
    articles, problems = read(batch({"bomb.md": front, "ok-2024-01-01.txt": "Fine."}))
    assert time.perf_counter() - started < 5  # str() of the title would be 9**8 items long
    assert [a.text for a in articles] == ["Fine."]
    assert reasons(problems) == [("bomb.md", 1, "bad-field-type")]
    assert "'title' must be a single value" in problems[0].message


def test_control_characters_are_removed_from_text_and_fields(batch, read):
    record = {"id": "c", "published": "2024-01-01", "title": "Head\u0000line\u001b[31m",
              "text": "Shelling\u0000 hit\u0007 Kherson.\u000cPage two."}
    articles, problems = read(batch({"feed.jsonl": json.dumps(record)}))
    assert problems == []
    assert articles[0].text == "Shelling hit Kherson.\nPage two." and articles[0].title == "Headline[31m"


def test_symlink_loops_dangling_links_and_named_pipes_are_reported(batch, read):
    raw = batch({"ok-2024-01-01.txt": "Inside."})
    os.symlink("loop-b.txt", raw / "loop-a.txt")
    os.symlink("loop-a.txt", raw / "loop-b.txt")
    os.symlink("missing.txt", raw / "dangling.txt")
    os.symlink("ok-2024-01-01.txt", raw / "inside-link-2024-01-01.txt")
    os.mkfifo(raw / "pipe-2024-01-01.txt")  # reading it would block the build forever
    articles, problems = read(raw)
    assert [a.source_path for a in articles] == ["inside-link-2024-01-01.txt"]
    assert reasons(problems) == [
        ("dangling.txt", None, "broken-link"), ("loop-a.txt", None, "broken-link"),
        ("loop-b.txt", None, "broken-link"), ("ok-2024-01-01.txt", 1, "duplicate-article"),
        ("pipe-2024-01-01.txt", None, "not-a-regular-file")]


def test_file_names_with_newlines_dot_dot_and_bytes_that_are_not_utf8(batch, read, tmp_path):
    raw = batch({"line\nbreak-2024-01-01.txt": "Newline.", "up..\\..\\x-2024-01-02.txt": "Dots.",
                 "sub/a..b-2024-01-03.txt": "In a sub-folder."})
    (raw / os.fsdecode(b"bytes-\xff\xfe-2024-01-04.txt")).write_text("Odd bytes.")
    articles, problems = read(raw)
    assert problems == []
    assert sorted(a.source_path for a in articles) == [
        "bytes-\ufffd\ufffd-2024-01-04.txt", "line\nbreak-2024-01-01.txt", "sub/a..b-2024-01-03.txt",
        "up..\\..\\x-2024-01-02.txt"]
    assert all(a.source_path.encode("utf-8") for a in articles)  # always valid UTF-8


def test_html_scripts_styles_and_noscript_in_the_body_are_not_text(batch, read):
    page = """<html><head><meta property="article:published_time" content="2024-03-02"></head><body>
<script>document.write("Ten soldiers were killed in Odesa");</script><style>.x{content:"Bakhmut"}</style>
<article><p>Two people were wounded in Kherson on Friday when shells hit a market, the governor said today.
Officials said more shelling followed in the afternoon, and that repair crews could not reach the area.</p>
<script type="text/javascript">var ad = "Subscribe to read about Mariupol";</script>
<noscript>Enable JavaScript to read about Lviv</noscript>
<p>Emergency crews put out the fire within an hour, according to the regional military administration.</p>
</article></body></html>"""
    articles, problems = read(batch({"page.html": page}))
    assert problems == []
    text = articles[0].text
    assert "Two people were wounded in Kherson" in text and "Emergency crews" in text
    assert not any(word in text for word in ("Odesa", "Bakhmut", "Mariupol", "Lviv", "document.write"))


def test_front_matter_values_that_only_look_like_dates_or_numbers(batch, read):
    raw = batch({"a.md": "---\npublished: 2024-13-40\n---\nBody one.\n",
                 "b.md": "---\npublished: 2024-05-18\nid: " + "9" * 5000 + "\n---\nBody two.\n",
                 "c.md": "---\npublished: 2024-05-18\ntitle: " + "[" * 20_000 + "]" * 20_000 + "\n---\nBody three.\n",
                 "d.md": "---\npublished: 2024-05-18T10:30:00+03:00\nid: 42\n---\nBody four.\n",
                 "e.md": "---\npublished: 2024-05-18\nsource: x\ntitle: " + "[" * 40 + "]" * 40 + "\n---\nBody five.\n"})
    articles, problems = read(raw)
    assert [(a.article_id, a.published) for a in articles] == [("42", date(2024, 5, 18))]
    assert reasons(problems) == [("a.md", 1, "unparseable-publication-date"), ("b.md", 1, "bad-id"),
                                 ("c.md", 3, "bad-front-matter"), ("e.md", 4, "bad-front-matter")]
    assert "more than 32 levels deep" in problems[-1].message
    assert "'2024-13-40'" in problems[0].message


def test_a_file_without_records_is_reported(batch, read):
    raw = batch({"empty-list.json": "[]", "header.csv": "id,published,text\n", "blank.jsonl": " \n\t\n\n",
                 "ok.jsonl": GOOD})
    articles, problems = read(raw)
    assert [a.article_id for a in articles] == ["good"]
    assert reasons(problems) == [("blank.jsonl", None, "no-records"), ("empty-list.json", None, "no-records"),
                                 ("header.csv", None, "no-records")]


def test_a_build_output_or_release_inside_the_batch_is_not_read(batch, read):
    from builder.ingest import InputFile

    raw = batch({"ok-2024-01-01.txt": "Inside.",
                 "output/manifest.json": json.dumps({"tool": "builder", "tables": {}}),
                 "output/articles.csv": "article_id,published,text\na,2024-01-01,Read twice?\n",
                 "releases/1.0.0/manifest.json": json.dumps({"release": "1.0.0", "tool": "builder"}),
                 "other/manifest.json": json.dumps({"tool": "something else"})})
    inputs: list[InputFile] = []
    articles, problems = read(raw, inputs=inputs)
    assert [a.text for a in articles] == ["Inside."]
    assert reasons(problems) == [("other/manifest.json", 1, "missing-text")]  # not ours: read like any file
    assert {i.path: i.skipped for i in inputs if i.skipped} == {
        "output": "a folder builder wrote (a build output or a release), not raw input",
        "releases/1.0.0": "a folder builder wrote (a build output or a release), not raw input"}
