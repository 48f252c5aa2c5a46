"""make_report and `builder report`: one self-contained HTML file, every incident anchored, absent tables said."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import cli
from builder.report import make_report
from builder.tables import frame_from_rows
from builder.write import OutputWriter

MAX_MB = 6.0


@pytest.fixture(scope="module")
def sample_page(sample_build: Path, tmp_path_factory) -> str:
    out = make_report(sample_build, tmp_path_factory.mktemp("page") / "report.html")
    return out.read_text(encoding="utf-8")


def test_the_page_is_one_self_contained_file(sample_page):
    assert len(sample_page.encode()) / 1e6 < MAX_MB
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", sample_page, re.IGNORECASE)
    assert not re.search(r"<link\b", sample_page, re.IGNORECASE)
    assert "Plotly.newPlot" in sample_page and "plotly.js v" in sample_page   # the library is inlined


def test_every_incident_has_an_evidence_row_with_its_sentence(sample_page, sample_build):
    from builder.api import load_table

    incidents = load_table(sample_build, "incidents")
    for incident_id in incidents["incident_id"]:
        assert sample_page.count(f'<tr id="incident-{incident_id}">') == 1
    assert "Units of the Defence Forces liberated the villages of Blahodatne and Neskuchne" in sample_page


def test_panels_say_what_they_count(sample_page):
    assert "3 cumulative row(s)" in sample_page
    assert "1 of 13 articles gave no incident" in sample_page
    assert "3 of 7 time expressions could not be placed" in sample_page
    assert "2 of 5 place mentions have no coordinates" in sample_page
    assert "not in this build" not in sample_page


def test_a_build_without_incidents_says_so_panel_by_panel(articles_only_build, tmp_path):
    page = make_report(articles_only_build, tmp_path / "report.html").read_text(encoding="utf-8")
    for table in ("incidents", "time_expressions", "places"):
        assert f"<b>{table}: not in this build.</b>" in page
    assert "Nothing was rejected." in page and 'id="chart-sources"' in page


def test_text_from_articles_is_escaped(tmp_path):
    sentence = 'Shelling <img src=x onerror="alert(1)"> killed two in Sumy.'
    article = {"article_id": "a1", "published": date(2024, 1, 5), "title": "<b>Sumy</b>", "source": "Wire",
               "text": sentence, "source_path": "a1.txt", "sha256": "0" * 64, "n_chars": len(sentence),
               "encoding": "utf-8", "boilerplate_lines": 0}
    incident = {"incident_id": "0123456789abcdef", "article_id": "a1", "incident_type": "casualties",
                "date_start": date(2024, 1, 4), "date_end": date(2024, 1, 4), "date_precision": "day",
                "location": "Sumy", "country_code": "UA", "latitude": 50.9, "longitude": 34.8, "geo_precision": 1,
                "claim_status": "reported", "killed": 2, "killed_low": 2, "killed_high": 2, "cumulative": False,
                "sentence": sentence, "char_start": 0, "char_end": len(sentence), "confidence": 1.0,
                "extractor_version": "test"}
    with OutputWriter(tmp_path / "out", ["articles", "incidents"], ("parquet",)) as writer:
        writer.append("articles", frame_from_rows("articles", [article]))
        writer.append("incidents", frame_from_rows("incidents", [incident]))
        writer.commit({})
    page = make_report(tmp_path / "out", tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "<b>rejects: not in this build.</b>" in page


def test_the_report_is_replaced_atomically_and_reproducibly(sample_build, tmp_path):
    out = tmp_path / "report.html"
    out.write_text("old")
    first = make_report(sample_build, out).read_bytes()
    second = make_report(sample_build, out).read_bytes()
    assert first == second and first != b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_report_command_writes_the_page(sample_build, tmp_path):
    out = tmp_path / "site" / "report.html"
    result = CliRunner().invoke(cli, ["report", "--from", str(sample_build), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and f"Wrote {out}" in result.output and " MB) from " in result.output


def test_report_command_on_a_folder_without_tables_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["report", "--from", str(tmp_path), "--out", str(tmp_path / "r.html")])
    assert result.exit_code == 1 and "holds no Parquet tables" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "r.html").exists()
