"""Each aliases.tsv row is a case: the alias, in a sentence about its country, gives its targets."""

from __future__ import annotations

import pytest

from builder.places import rules

ALIASES = rules.aliases()


@pytest.mark.parametrize("alias", ALIASES, ids=[a.text for a in ALIASES])
def test_alias_resolves_to_its_targets(places, gazetteer, alias):
    from builder.places.names import name_key

    countries = {"UA": "Ukrainian", "SD": "Sudanese", "PS": "Palestinian", "CD": "Congolese"}
    opener = f"{countries[alias.context]} officials said" if alias.context else "Officials said"
    mentions = places(f"{opener} fighting was reported in {alias.text} on Monday.")
    found = {m.geonames_id for m in mentions if name_key(m.location_text) == name_key(alias.text)}
    targets = gazetteer.aliases[name_key(alias.text)]
    expected = {gazetteer.place(i).id for rule, _, indices in targets if rule == alias.rule for i in indices}
    assert expected <= found, (alias, mentions)
