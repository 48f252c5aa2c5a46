"""The report in a real browser: Debian's headless Chromium opens the file:// page with the network closed to
it, runs its JavaScript without an error, asks for nothing outside the file, and draws every chart."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from builder.report import make_report
from scripts.headless import Browser, file_url, find_chromium

pytestmark = pytest.mark.skipif(find_chromium() is None,
                                reason="chromium is not installed (apt-get install -y chromium; .ci/run does this)")

CHARTS = "document.querySelectorAll('.plotly-graph-div')"
DRAWN = "document.querySelectorAll('.js-plotly-plot .main-svg:first-child')"
COUNTS = f"""JSON.stringify({{
  charts: {CHARTS}.length, drawn: {DRAWN}.length,
  markers: document.querySelectorAll('.scatterlayer .point').length,
  bars: document.querySelectorAll('.barlayer .point').length,
  rows: document.querySelectorAll('#evidence tbody tr').length}})"""


@pytest.fixture(scope="module")
def browser():
    with Browser() as opened:
        yield opened


def _open(browser: Browser, folder: Path, tmp_path: Path):
    page = browser.open(file_url(make_report(folder, tmp_path / "report.html")),
                        ready=f"{CHARTS}.length === {DRAWN}.length")
    return page, json.loads(page.evaluate(COUNTS))


def test_sample_build_report_loads_cleanly_and_draws_every_chart(browser, sample_build, tmp_path):
    page, counts = _open(browser, sample_build, tmp_path)
    assert page.errors == [] and page.requests == []
    assert counts["charts"] == counts["drawn"] == 4   # timeline, map, rejects, sources
    assert counts["markers"] >= 35 and counts["bars"] > 0   # every located incident is a marker on the map
    assert counts["rows"] == 39


def test_a_click_on_an_incident_jumps_to_its_evidence_row(browser, sample_build, tmp_path):
    page, _ = _open(browser, sample_build, tmp_path)
    incident_id = page.evaluate("document.getElementById('chart-map').data[1].customdata[0]")
    page.evaluate(f"document.getElementById('chart-map').emit('plotly_click', "
                  f"{{points: [{{customdata: '{incident_id}'}}]}})")
    assert page.evaluate("location.hash") == f"#incident-{incident_id}"
    assert page.evaluate("document.querySelector(':target').id") == f"incident-{incident_id}"


def test_report_of_the_bundled_raw_build_loads_cleanly(browser, raw_build, tmp_path):
    from builder.api import load_table

    page, counts = _open(browser, raw_build, tmp_path)
    assert page.errors == [] and page.requests == []
    assert counts["charts"] == counts["drawn"] >= 3   # timeline, map, sources (rejects only when there are some)
    assert counts["markers"] > 0 and counts["rows"] == len(load_table(raw_build, "incidents"))


def test_report_of_a_build_without_incidents_loads_cleanly(browser, articles_only_build, tmp_path):
    page, counts = _open(browser, articles_only_build, tmp_path)
    assert page.errors == [] and page.requests == []
    assert counts["charts"] == counts["drawn"] == 1   # counts per source; the rest says "not in this build"


def test_the_browser_check_sees_script_errors_and_network_requests(browser, tmp_path):
    page_path = tmp_path / "broken.html"
    page_path.write_text('<img src="http://127.0.0.1:9/tile.png"><script>undefinedFunction();</script>')
    page = browser.open(file_url(page_path))
    assert page.requests == ["http://127.0.0.1:9/tile.png"]
    assert any("undefinedFunction is not defined" in error for error in page.errors)


def test_screenshot_script_builds_raw_and_saves_a_png(tmp_path):
    repo = Path(__file__).resolve().parents[2]
    out = tmp_path / "report.png"
    subprocess.run([sys.executable, str(repo / "scripts" / "screenshot_report.py"), "--out", str(out),
                    "--height", "600"], check=True, capture_output=True, text=True, timeout=120)
    png = out.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1280, 600)
