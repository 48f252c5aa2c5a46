"""builder/release/changelog.py: a second release lists exactly the rows added, removed and changed."""

from __future__ import annotations

import hashlib

from builder.release import release
from tests.outputs import first_output, second_output


def incident_id(number: int) -> str:
    return f"{number:016x}"


def event_id(first_incident: int) -> str:
    return hashlib.sha256(f"event:{incident_id(first_incident)}".encode()).hexdigest()[:16]


def test_the_second_release_lists_the_known_differences(tmp_path, monkeypatch):
    to = tmp_path / "releases"
    first = release("1.0.0", first_output(tmp_path / "one", monkeypatch), to)
    second = release("1.1.0", second_output(tmp_path / "two", monkeypatch), to)
    assert first.previous is None and second.previous == "1.0.0"
    assert "First release" in (first.folder / "CHANGELOG.md").read_text()
    text = (second.folder / "CHANGELOG.md").read_text()
    assert "| articles | 3 | 3 | 1 | 1 | 0 |" in text
    assert "| incidents | 3 | 3 | 1 | 1 | 1 |" in text
    assert "| events | 2 | 2 | 1 | 1 | 1 |" in text
    assert "| rejects | 0 | 0 | 0 | 0 | (no key) |" in text
    articles = text.split("## articles")[1].split("##")[0]
    assert "Added (1): `d`." in articles and "Removed (1): `c`." in articles and "Changed: none." in articles
    incidents = text.split("## incidents")[1].split("##")[0]
    assert f"Added (1): `{incident_id(4)}`." in incidents
    assert f"Removed (1): `{incident_id(3)}`." in incidents
    assert f"Changed (1): `{incident_id(2)}`." in incidents
    events = text.split("## events")[1].split("##")[0]
    # the Kupiansk event keeps its id (its first report is unchanged); its figures changed
    assert f"Changed (1): `{event_id(1)}`." in events
    assert f"Added (1): `{event_id(4)}`." in events and f"Removed (1): `{event_id(3)}`." in events


def test_the_changelog_is_against_the_highest_earlier_version(tmp_path, monkeypatch):
    to = tmp_path / "releases"
    one = first_output(tmp_path / "one", monkeypatch)
    release("1.0.0", one, to)
    release("1.1.0", second_output(tmp_path / "two", monkeypatch), to)
    fix = release("1.0.1", one, to)
    assert fix.previous == "1.0.0"
    assert "| articles | 3 | 3 | 0 | 0 | 0 |" in (fix.folder / "CHANGELOG.md").read_text()
