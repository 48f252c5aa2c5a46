"""builder/export/rules.py: mapping files are checked when loaded; every choice is documented."""

from __future__ import annotations

import pytest

from builder.errors import BuilderError
from builder.export import rules


def test_the_shipped_mapping_files_load_and_document_every_empty_column():
    for name in ("acled.yaml", "ucdp.yaml"):
        spec = rules.load_mapping(name)
        assert all(reason for reason in spec["empty"].values()), name
    assert all(entry["why"] for entry in rules.actor_kinds().values())


def test_every_actor_of_the_extractor_has_a_kind():
    import yaml
    from importlib import resources

    names = yaml.safe_load(resources.files("builder.incidents").joinpath("lexicon/actors.yaml").read_text())
    assert set(names) <= set(rules.actor_kinds())


@pytest.mark.parametrize("broken, message", [
    ({"colums": []}, "unknown keys"),
    ({"event_types": [{"id": "x", "then": {}}]}, "needs an id, a then and a why"),
    ({"event_types": [{"id": "x", "then": {}, "why": "y", "when": {"weapon": ["gun"]}}]}, "not events columns"),
    ({"event_types": [{"id": "x", "then": {}, "why": "y"}, {"id": "x", "then": {}, "why": "y"}]}, "used twice"),
])
def test_a_broken_mapping_fails_with_the_file_name(monkeypatch, broken, message):
    good = rules._read("acled.yaml")
    monkeypatch.setattr(rules, "_read", lambda name: {**good, **broken})
    rules.load_mapping.cache_clear()
    try:
        with pytest.raises(BuilderError, match=message) as error:
            rules.load_mapping("acled.yaml")
        assert "builder/export/acled.yaml" in str(error.value)
    finally:
        rules.load_mapping.cache_clear()
