"""Index build, load, staleness and the atomic write."""

from __future__ import annotations

from builder.places import gazetteer as gz
from builder.places import rules


def test_index_loads_and_answers_lookups(gazetteer):
    # How fast it loads is measured by the benchmark, not asserted here: timed tests flake on busy machines.
    gz.Gazetteer(gz._read_index(gz.index_path()))
    assert gazetteer.place(gazetteer.lookup("izium")[0]).admin1 == "Kharkiv Oblast"
    assert gazetteer.counts["entries"] > 200_000


def test_cache_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(gz.CACHE_ENV, str(tmp_path))
    assert gz.index_path().parent == tmp_path


def test_alias_edit_makes_the_index_stale(monkeypatch, tmp_path):
    before = gz.fingerprint()
    edited = tmp_path / "aliases.tsv"
    edited.write_text(rules.ALIASES_FILE.read_text(encoding="utf-8") + "Foo\tcountry:UA\t\t\n", encoding="utf-8")
    monkeypatch.setattr(rules, "ALIASES_FILE", edited)
    assert gz.fingerprint() != before


def test_compile_writes_atomically_and_removes_old_indexes(monkeypatch, tmp_path, gazetteer):
    monkeypatch.setattr(gz, "_compile", lambda: {"counts": {"entries": 1}})
    (tmp_path / "gazetteer-0000000000000000.pickle").write_bytes(b"old")
    path, counts, _ = gz.compile_gazetteer(tmp_path / "gazetteer-1111111111111111.pickle")
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert counts == {"entries": 1}
