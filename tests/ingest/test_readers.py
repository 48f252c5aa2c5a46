"""One test per raw format: what a user actually has on disk."""

from __future__ import annotations

import json
from datetime import date

FRONT_MATTER = """---
published: 2024-05-18
title: Shelling hits Kupiansk
source: Example Wire
url: https://example.org/a
language: en
id: kupiansk-1
---
Two civilians were killed in Kupiansk on Friday, the governor said.
"""


def test_markdown_with_front_matter(batch, read):
    articles, problems = read(batch({"a.md": FRONT_MATTER}))
    assert problems == []
    (article,) = articles
    assert article.article_id == "kupiansk-1"
    assert article.published == date(2024, 5, 18)
    assert (article.title, article.source, article.url, article.language) == (
        "Shelling hits Kupiansk", "Example Wire", "https://example.org/a", "en")
    assert article.text == "Two civilians were killed in Kupiansk on Friday, the governor said."
    assert article.source_line == 1


def test_text_without_front_matter_takes_the_date_in_its_name(batch, read):
    articles, problems = read(batch({"kharkiv-2022-09-10.txt": "A woman was killed overnight."}))
    assert problems == []
    assert articles[0].published == date(2022, 9, 10)
    assert len(articles[0].article_id) == 16


def test_published_option_dates_files_without_a_date(batch, read):
    articles, problems = read(batch({"note.txt": "A strike hit the port."}), published=date(2023, 1, 2))
    assert problems == [] and articles[0].published == date(2023, 1, 2)


def test_text_without_any_date_is_rejected_with_the_reason(batch, read):
    articles, problems = read(batch({"note.txt": "A strike hit the port."}))
    assert articles == []
    (problem,) = problems
    assert (problem.source_path, problem.reason) == ("note.txt", "missing-publication-date")
    assert "--published" in problem.message


def test_jsonl_records_with_accepted_field_names(batch, read):
    lines = [
        {"id": "e1", "published": "2024-02-17T09:15:00+02:00", "title": "Entry", "text": "Drones hit Odesa."},
        {"id": "e2", "publish_date": "2024-02-17", "body": "Two were injured in Kherson."},
        {"id": "e3", "date": "2024-02-16T23:50:00-05:00", "content": "Shelling in Nikopol."},
    ]
    raw = batch({"live.jsonl": "\n".join(json.dumps(line) for line in lines) + "\n\n"})
    articles, problems = read(raw)
    assert problems == []
    assert [(a.article_id, a.published, a.source_line) for a in articles] == [
        ("e1", date(2024, 2, 17), 1), ("e2", date(2024, 2, 17), 2), ("e3", date(2024, 2, 16), 3)]
    assert articles[1].text == "Two were injured in Kherson."


def test_json_list_keeps_the_line_of_each_record(batch, read):
    records = [{"id": "s1", "date": "2024-04-01", "content": "Fighting in El Fasher."},
               {"id": "s2", "date": "2024-04-02", "content": "Shelling in Omdurman."}]
    articles, problems = read(batch({"sudan.json": json.dumps(records, indent=2)}))
    assert problems == []
    assert [(a.article_id, a.source_line) for a in articles] == [("s1", 2), ("s2", 7)]


def test_json_single_object(batch, read):
    articles, _ = read(batch({"one.json": json.dumps({"published": "2024-01-01", "text": "A report."})}))
    assert [a.published for a in articles] == [date(2024, 1, 1)]


def test_csv_with_quotes_commas_and_newlines_in_cells(batch, read):
    content = ('id,published,title,source,url,text\n'
               'm1,2024-03-01,"Attack, north",Wire,,"He said ""no"".\nSecond line, with comma."\n'
               'm2,2024-03-02,Other,Wire,,Plain text.\n')
    articles, problems = read(batch({"sahel.csv": content}))
    assert problems == []
    assert [(a.article_id, a.source_line) for a in articles] == [("m1", 2), ("m2", 4)]
    assert articles[0].text == 'He said "no".\nSecond line, with comma.'
    assert articles[0].title == "Attack, north"


def test_html_main_text_and_published_meta_tag(batch, read):
    page = """<html><head><title>Strike | Example</title>
<meta property="article:published_time" content="2024-03-02T14:20:00+00:00">
<script>var tracking = "Five killed";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Strike kills five in Rafah</h1>
<p>At least five people were killed on Saturday when an airstrike hit a house in Rafah, health officials said.</p>
<p>Rescuers searched the rubble for hours, the civil defence agency said in a statement on its channel.</p>
</article><footer>Contact us</footer></body></html>"""
    articles, problems = read(batch({"gaza.html": page}))
    assert problems == []
    (article,) = articles
    assert article.published == date(2024, 3, 2)
    assert "At least five people were killed" in article.text
    assert "tracking" not in article.text and "color" not in article.text and "Home" not in article.text


def test_html_date_from_json_ld_and_time_element(batch, read):
    body = ("<article><p>Fighting continued near Goma on Tuesday, residents said, as shells fell on two "
            "camps for displaced families north of the city.</p><p>Aid groups said they had suspended "
            "distributions in the area for the rest of the week.</p></article>")
    json_ld = ('<html><head><script type="application/ld+json">{"@context": "https://schema.org", '
               '"@type": "NewsArticle", "datePublished": "2024-02-06T10:00:00+02:00"}</script></head><body>'
               + body + "</body></html>")
    time_tag = ('<html><body><time datetime="2024-02-07">7 February</time>' + body + "</body></html>")
    articles, problems = read(batch({"a.html": json_ld, "b.html": time_tag}))
    assert problems == [] or [p.reason for p in problems] == ["duplicate-article"]
    assert articles[0].published == date(2024, 2, 6)


def test_readme_and_hidden_files_are_not_articles(batch, read):
    articles, problems = read(batch({"README.md": "# About this batch", ".DS_Store": b"\x00\x01",
                                     "a-2024-01-01.txt": "Text."}))
    assert [a.text for a in articles] == ["Text."] and problems == []


def test_unsupported_format_is_reported(batch, read):
    _, problems = read(batch({"scan.pdf": b"%PDF-1.4"}))
    assert [(p.source_path, p.reason) for p in problems] == [("scan.pdf", "unsupported-format")]


def test_files_in_sub_folders_are_read_in_sorted_order(batch, read):
    raw = batch({"b/2-2024-01-02.txt": "Second.", "a/1-2024-01-01.txt": "First.", "c-2024-01-03.md": "Third."})
    articles, _ = read(raw)
    assert [a.source_path for a in articles] == ["a/1-2024-01-01.txt", "b/2-2024-01-02.txt", "c-2024-01-03.md"]
