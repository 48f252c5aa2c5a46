"""Each aliases.tsv row is a case: the alias, in a sentence about its country, gives its targets.
Each exonyms.tsv row names a gazetteer place and becomes its canonical name; variants.tsv rules load."""

from __future__ import annotations

import pytest

from builder.places import rules
from builder.places.names import name_key

ALIASES = rules.aliases()
EXONYMS = sorted(rules.exonyms().items())
OPENERS = {"UA": "Ukrainian", "SD": "Sudanese", "PS": "Palestinian", "CD": "Congolese"}


@pytest.mark.parametrize("alias", ALIASES, ids=[a.text for a in ALIASES])
def test_alias_resolves_to_its_targets(places, gazetteer, alias):
    opener = f"{OPENERS[alias.context[0]]} officials said" if alias.context else "Officials said"
    mentions = places(f"{opener} fighting was reported in {alias.text} on Monday.")
    found = {m.geonames_id for m in mentions if name_key(m.location_text) == name_key(alias.text)}
    targets = gazetteer.aliases[name_key(alias.text)]
    expected = {gazetteer.place(i).id for rule, _, indices in targets if rule == alias.rule for i in indices}
    assert expected <= found, (alias, mentions)


@pytest.mark.parametrize(("geonames_id", "name"), EXONYMS, ids=[name for _, name in EXONYMS])
def test_exonym_is_the_canonical_name(gazetteer, geonames_id, name):
    found = [gazetteer.place(i) for i in gazetteer.lookup(name_key(name))]
    assert [p.name for p in found if p.id == geonames_id] == [name]


def test_variants_load_with_countries_and_patterns():
    loaded = rules.variants()
    assert loaded and all(countries and pattern.pattern for countries, pattern, _ in loaded)
