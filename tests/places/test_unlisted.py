"""builder/places/unlisted.yaml: places the gazetteer lacks, kept under the article's name, one test per frame.

The village names here are made up, so no gazetteer lists them; the places that locate them are real.
"""

from __future__ import annotations

import pytest

from builder.places.unlisted import unlisted_rules
from tests.places.conftest import located


def unlisted(mentions):
    return [m for m in mentions if m.relation == "unlisted"]


@pytest.mark.parametrize(("frame", "text", "name", "admin1"), [
    ("feature_of", "Gunmen attacked the farming village of Qarnawit in Ituri province on Sunday.", "Qarnawit", "Ituri"),
    ("feature_of", "Troops retook the strategic town of Tubre Kala, north of Beni.", "Tubre Kala", "North Kivu"),
    ("name_feature", "A monastery was bombed in Ngorobwe Township, Sagaing Region.", "Ngorobwe", "Sagaing Region"),
    ("name_feature", "Shells fell on the Al-Marwaj camp near Khan Younis.", "Al-Marwaj", "Gaza Strip"),
    ("apposition", "Militiamen seized Nyakasoro, a mining town about 40 km north of Bukavu.", "Nyakasoro", "South Kivu"),
    ("located_by", "Two people were killed in Ndumbwe, on the western outskirts of Goma.", "Ndumbwe", "North Kivu"),
    ("located_by", "An airstrike hit a market near Wad Ashqar, in the Al Jazirah state.", "Wad Ashqar", "Al Jazirah"),
    ("located_by", "The army drove the RSF out of Um Qarnawit, west of El Obeid.", "Um Qarnawit", "North Kordofan"),
    ("in_named_unit", "In Ituri, rebels killed nine farmers near Kamandoro, in neighbouring Irumu territory.",
     "Kamandoro", "Ituri"),
    ("name_feature", "Militiamen attacked the Plaine Savo displacement site in Ituri.", "Plaine Savo", "Ituri"),
    ("located_by", "Three people were killed in a tent in al-Qarnawit, west of Khan Younis.", "al-Qarnawit",
     "Gaza Strip"),
    ("road_between", "A drone struck a convoy on the road between Qarnawit and Manbij.", "Qarnawit",
     "Aleppo Governorate"),
    ("list_member", "Troops took the villages of Qarnawit and Tubre Kala in the Kursk region.", "Tubre Kala",
     "Kursk Oblast"),
])
def test_each_frame_introduces_a_place_located_by_a_listed_one(places, frame, text, name, admin1):
    found = located(places(text), name)
    assert [(m.location, m.admin1, m.rule) for m in found] == [(name, admin1, f"unlisted:{frame}")]
    assert found[0].geonames_id is None and found[0].latitude is not None


def test_a_town_locates_it_at_precision_2_and_a_region_at_precision_3(places):
    (near_town,) = located(places("Rockets fell in Ndumbwe, on the western outskirts of Goma."), "Ndumbwe")
    (goma,) = located(places("Rockets hit Goma."), "Goma")
    assert (near_town.geo_precision, near_town.latitude, near_town.longitude) == (2, goma.latitude, goma.longitude)
    (in_region,) = located(places("Fighting reached the village of Qarnawit in Ituri province."), "Qarnawit")
    assert in_region.geo_precision == 3 and in_region.admin2 is None


def test_later_mentions_of_the_name_resolve_the_same_way(places):
    text = ("Al-Shabaab overran the village of Qorey Dhere in Somalia's Hiiraan region. "
            "On Sunday the army retook Qorey Dhere, and residents began returning to Qorey Dhere.")
    found = located(places(text), "Qorey Dhere")
    assert [m.rule for m in found] == ["unlisted:feature_of", "unlisted:repeat", "unlisted:repeat"]
    assert {(m.admin1, m.country_code) for m in found} == {("Hiiraan", "SO")}


@pytest.mark.parametrize("text", [
    # located_by needs a listed place just after the name
    "Speaking in Geneva, in his first interview since, Amadou said in Kadabra, on a visit, that talks would go on.",
    # days, months, titles and demonyms open no name
    "Shelling resumed in March, in the Kharkiv region, and on Friday, near Izium.",
    "The Ukrainian village was shelled. President Zelensky visited the town of Kharkiv.",
    # a name with no listed place anywhere in the article cannot be put in any country
    "They met in the village of Qarnawit.",
])
def test_no_unlisted_place_without_a_frame_and_a_listed_anchor(places, text):
    assert unlisted(places(text)) == []


def test_the_rule_file_compiles_every_frame():
    rules = unlisted_rules()
    assert {frame for frame, _ in rules.frames} == {"feature_of", "name_feature", "apposition", "list_member",
                                                     "located_by", "in_named_unit", "road_between"}
    assert rules.anchored <= {frame for frame, _ in rules.frames}
    assert "village" in rules.feature_words and "friday" in rules.not_names and "ukrainian" in rules.not_names


def test_a_demonym_in_the_frame_gives_the_country_when_no_listed_place_does(places):
    (khiam,) = located(places("Israeli troops withdrew from the southern Lebanese town of Qalbarun."), "Qalbarun")
    assert (khiam.country_code, khiam.admin1, khiam.latitude, khiam.geo_precision) == ("LB", None, None, 3)
