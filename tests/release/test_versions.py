"""builder/release/versions.py: allowed version names and their order."""

from __future__ import annotations

import pytest

from builder.errors import BuilderError
from builder.release.versions import previous_release, version_key


def test_semantic_versions_sort_by_precedence():
    names = ["1.10.0", "1.0.0", "1.0.0-rc.1", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.11", "1.0.0-beta.2",
             "0.9.9", "1.2.0"]
    assert sorted(names, key=lambda v: version_key(v)[1]) == [
        "0.9.9", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0",
        "1.10.0"]


def test_dated_versions_sort_by_date_then_number():
    names = ["2024-06-01.10", "2024-06-01", "2023-12-31", "2024-06-01.2"]
    assert sorted(names, key=lambda v: version_key(v)[1]) == [
        "2023-12-31", "2024-06-01", "2024-06-01.2", "2024-06-01.10"]


@pytest.mark.parametrize("name", ["1.0", "01.0.0", "1.0.0+meta", "v1", "a/b", "..", "2024-13-01", "2024-06-01.0"])
def test_other_names_are_refused(name):
    with pytest.raises(BuilderError):
        version_key(name)


def finished(folder, name):
    (folder / name).mkdir(parents=True)
    (folder / name / "manifest.json").write_text("{}")


def test_previous_release_is_the_highest_finished_one_below(tmp_path):
    assert previous_release(tmp_path / "none", "1.0.0") is None
    for name in ("1.0.0", "1.2.0", "0.9.0"):
        finished(tmp_path, name)
    (tmp_path / "1.1.0").mkdir()  # unfinished: no manifest
    (tmp_path / "notes").mkdir()
    assert previous_release(tmp_path, "1.1.5") == "1.0.0"
    assert previous_release(tmp_path, "2.0.0") == "1.2.0"
    assert previous_release(tmp_path, "0.1.0") is None


def test_one_kind_of_version_per_folder(tmp_path):
    finished(tmp_path, "1.0.0")
    with pytest.raises(BuilderError, match="one kind of version"):
        previous_release(tmp_path, "2024-06-01")
