"""Hard cases per rule family: datelines, governments acting, canonical names, city districts, old names,
abbreviations and far-away namesakes, Russian-style spellings, region-as-bare-name conventions, admin-1
names, folded romanisations (test_folded.py)."""

from __future__ import annotations

import math
import random

import pytest

from builder.places.gazetteer import Place
from builder.places.geocode import FAR_KM, LOOSE_NEAR_KM, _within
from builder.places.names import loose_key, name_key
from builder.places.sources import EARTH_RADIUS_KM, kilometres
from tests.places.conftest import located


def _one(mentions, words):
    found = [m for m in mentions if m.location_text == words]
    assert len(found) == 1, (words, mentions)
    return found[0]


# --- datelines -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words"), [
    ("KYIV, Ukraine (AP) — Russian drones hit Odesa overnight.", "KYIV"),
    ("KYIV, Ukraine (AP) — Russian drones hit Odesa overnight.", "Ukraine"),
    ("OUAGADOUGOU, Burkina Faso (Meridian Wire) — Militants attacked Barsalogho.", "OUAGADOUGOU"),
    ("Headline about shelling\n\nIDLIB — A woman was killed in Sarmin.", "IDLIB"),
    ("Kyiv, Ukraine (Reuters) - Missiles hit Kharkiv.", "Kyiv"),
    ("Press release — Mogadishu, 7 December 2022\n\nThe army retook Adan Yabaal.", "Mogadishu"),
])
def test_datelines_are_marked_not_locations(places, text, words):
    mention = _one(places(text), words)
    assert mention.role == "dateline" and mention.relation is None


def test_dateline_city_keeps_its_coordinates_and_later_mentions_are_locations(places):
    mentions = places("KHARKIV, Ukraine (AP) — Bombs hit a market in Kharkiv on Saturday.")
    dateline, later = [m for m in mentions if m.location_text.casefold() == "kharkiv"]
    assert dateline.role == "dateline" and dateline.admin1 == "Kharkiv Oblast" and dateline.latitude
    assert later.role == "location" and later.admin1 == "Kharkiv Oblast"


@pytest.mark.parametrize(("text", "words"), [
    ("Kherson: Russian artillery hit a bus stop, killing a man.", "Kherson"),
    ("Officials said that Kyiv, the capital, was hit — again.", "Kyiv"),
])
def test_line_start_without_a_dateline_shape_stays_a_location(places, text, words):
    assert _one(places(text), words).role == "location"


# --- governments acting --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words"), [
    ("Bombs hit a market as Moscow kept up its air campaign against Ukraine.", "Moscow"),
    ("Moscow denies deliberately targeting civilians.", "Moscow"),
    ("Kyiv officials have been tight-lipped.", "Kyiv"),
    ("Damascus said the attack was repelled.", "Damascus"),
    ("The grain corridor has been used since Moscow quit the deal.", "Moscow"),
    ("Washington has described the offer as generous.", "Washington"),
    ("The aid remained blocked by Budapest.", "Budapest"),
    ("Khartoum will not negotiate with the RSF, officials said.", "Khartoum"),
    ("Moscow's offensive in the north-east has stalled.", "Moscow"),
])
def test_capitals_acting_are_actors(places, text, words):
    assert _one(places(text), words).role == "actor"


@pytest.mark.parametrize(("text", "words"), [
    ("Strikes on Kyiv killed two people.", "Kyiv"),
    ("Explosions were heard in Moscow overnight.", "Moscow"),
    ("Kyiv was hit by 31 missiles.", "Kyiv"),
    ("A drone hit a building in Kyiv's Shevchenkivskyi district.", "Kyiv"),
    ("Kharkiv kept its metro stations open as shelters.", "Kharkiv"),  # not a capital: no agency reading
])
def test_capitals_as_places_stay_locations(places, text, words):
    assert _one(places(text), words).role == "location"


# --- canonical names -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words", "name"), [
    ("Rebels entered Hama on Thursday, Syrian state media said.", "Hama", "Hama"),
    ("Rebels entered Hamah on Thursday, Syrian state media said.", "Hamah", "Hama"),
    ("Fighting continued in Khan Yunis, Palestinian medics said.", "Khan Yunis", "Khan Younis"),
    ("A strike hit Rafah, Palestinian officials said.", "Rafah", "Rafah"),
    ("The Arakan Army captured Buthidaung in Rakhine State.", "Buthidaung", "Buthidaung"),
    ("Drones hit Zaporizhzhia, Ukrainian officials said.", "Zaporizhzhia", "Zaporizhzhia"),
    ("Shelling hit Kostyantynivka in the Donetsk region.", "Kostyantynivka", "Kostiantynivka"),
    ("Drones targeted Kamianske in Ukraine's Dnipropetrovsk region.", "Kamianske", "Kamianske"),
    ("The SNA captured Tal Rifaat, north of Aleppo, Syrian monitors said.", "Tal Rifaat", "Tal Rifaat"),
    ("An airstrike hit a market in Kabkabiya, Sudanese activists said.", "Kabkabiya", "Kabkabiya"),
])
def test_canonical_names_are_the_english_forms(places, text, words, name):
    mentions = located(places(text), words)
    assert mentions and mentions[0].location == name, mentions


def test_canonical_names_have_no_diacritics(gazetteer):
    for key in ("hama", "rafah", "khan younis", "sarmin", "deir ez zor", "el fasher", "homs"):
        assert all(gazetteer.place(i).name.isascii() for i in gazetteer.lookup(key)
                   if gazetteer.place(i).country in ("SY", "PS", "SD")), key


# --- city districts ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words", "city"), [
    ("Two bombs hit a market in Kharkiv's Saltivskyi district.", "Saltivskyi", "Kharkiv"),
    ("Kherson: artillery hit a bus stop in the Dniprovskyi district of Kherson.", "Dniprovskyi", "Kherson"),
    ("The Zaporizhzhia region was shelled. A drone hit a building in the Shevchenkivskyi district.",
     "Shevchenkivskyi", "Zaporizhzhia"),
    ("Explosions were heard across Kyiv. Debris fell in the Shevchenkivskyi district.", "Shevchenkivskyi", "Kyiv"),
    ("A strike on a warehouse in Kharkiv's Kholodnohirskyi district caused a fire.", "Kholodnohirskyi", "Kharkiv"),
])
def test_city_district_is_its_city(places, text, words, city):
    mention = _one(places(text), words)
    assert (mention.location, mention.geo_precision, mention.relation) == (city, 1, "district")


@pytest.mark.parametrize(("text", "city"), [
    ("Russian missiles hit Kyiv overnight, Ukrainian officials said.\n\nIn Kherson, a woman was killed when a "
     "drone dropped explosives on a bus stop in the Dniprovskyi district.", "Kherson"),
    ("In Kherson, a woman was killed when a drone hit a bus stop.\n\nIn Kyiv, debris fell in the "
     "Dniprovskyi district, Ukrainian officials said.", "Kyiv"),
])
def test_district_goes_to_the_city_named_last_before_it_in_its_paragraph(places, text, city):
    assert _one(places(text), "Dniprovskyi").location == city


def test_district_name_shared_by_many_cities_needs_a_sign_of_the_city(places):
    assert not located(places("Debris fell in the Shevchenkivskyi district overnight."), "Shevchenkivskyi")


@pytest.mark.parametrize(("text", "words", "city"), [
    ("A residential building in Rafah's Tal as Sultan neighbourhood was struck.", "Tal", "Rafah"),
    ("A girl was killed in the al-Rawda neighbourhood of Taiz city, Yemeni officials said.", "Rawda", "Taiz"),
])
def test_neighbourhood_named_beside_its_city_gives_only_the_city(places, text, words, city):
    mentions = places(text)
    assert not located(mentions, words)
    assert [m.location for m in mentions if m.location_text == city] == [city]


# --- old names and namesakes ---------------------------------------------------------------------------

def test_old_name_loses_to_a_namesake_in_the_article_region(places):
    text = ("Over the past day Russian troops shelled the Kherson region. "
            "Stanislav: a 38-year-old man was killed.")
    assert _one(places(text), "Stanislav").admin1 == "Kherson Oblast"


def test_own_name_beats_an_alternate_name_in_the_same_region(places):
    # Hrodivka, Pokrovsk raion, is also among GeoNames' alternate names of Myrnohrad nearby.
    text = "Over the past day in the Donetsk region, a man was killed in Hrodivka and two were wounded in Myrnohrad."
    assert _one(places(text), "Hrodivka").location == "Hrodivka"


def test_old_name_still_resolves_when_nothing_competes(places):
    assert _one(places("Ukrainian troops retook Artemivsk."), "Artemivsk").location == "Bakhmut"


def test_uman_is_the_ukrainian_city_not_oman(places):
    mention = _one(places("A missile hit a residential building in Uman, Ukrainian police said."), "Uman")
    assert (mention.location, mention.admin1) == ("Uman", "Cherkasy Oblast")


# --- abbreviations and far-away namesakes --------------------------------------------------------------

@pytest.mark.parametrize(("text", "words"), [
    ("83 people were killed, according to the Ministry of Health (MoH) in Gaza.", "MoH"),
    ("The IDF said troops operated in Khan Yunis.", "IDF"),
    ("Troops struck Hamas positions in Khan Yunis, Israeli officials said.", "Hamas"),
    ("Fano fighters seized Lalibela in Ethiopia's Amhara region.", "Fano"),
    ("Prigozhin's Wagner group led the assault on Bakhmut, Ukrainian officials said.", "Wagner"),
    ("The enemy fired Grad rockets at Kherson, Ukrainian officials said.", "Grad"),
    ("Units of the Sever group of forces repelled attacks near Kursk, the Russian ministry said.", "Sever"),
    ("The Saudi hospital in El Fasher was hit, Sudanese doctors said.", "Saudi"),
    ("Egyptian and Qatari mediators met in Cairo.", "Qatari"),
    ("In Kupiansk, Ukraine, about 120 km to the east, a man was wounded.", "the east"),
    ("Troops held positions in the south-western outskirts of Bakhmut, Ukraine said.", "the south"),
])
def test_not_places(places, text, words):
    assert not located(places(text), words)


@pytest.mark.parametrize(("text", "words", "country"), [
    ("SUMY — A drone hit a car near Krasnopillia.", "SUMY", "UA"),
    ("BRUSSELS — EU leaders agreed to open talks with Ukraine.", "BRUSSELS", "BE"),
    ("Speaking in Geneva, the envoy urged a ceasefire in Sudan.", "Geneva", "CH"),
    ("Drones crashed near Sulina in Romania, across the river from Izmail.", "Sulina", "RO"),
])
def test_big_or_near_places_abroad_still_resolve(places, text, words, country):
    mentions = [m for m in places(text) if m.location_text == words]
    assert mentions and mentions[0].country_code == country, mentions


@pytest.mark.parametrize("km", [LOOSE_NEAR_KM, FAR_KM])
def test_nearness_passes_over_only_points_out_of_reach(km):
    """_within skips points further north or south than `km` without the great-circle formula: it answers
    as the formula does, also for points just inside or outside that band and near the poles."""
    chance = random.Random(7)
    band = math.degrees(km / EARTH_RADIUS_KM)
    for _ in range(3000):
        latitude, longitude = chance.uniform(-89.9, 89.9), chance.uniform(-180, 180)
        place = Place(0, "0", "x", "place", "UA", None, None, None, latitude, longitude, 0, False, None, False)
        points = [(1, max(-90.0, min(90.0, latitude + chance.choice((-1, 1)) * band * chance.uniform(0.9, 1.1))),
                   longitude + chance.uniform(-0.5, 0.5)) for _ in range(3)]
        expected = any(kilometres(latitude, longitude, lat, lon) <= km for _, lat, lon in points)
        assert _within(place, points, km) == expected


# --- Russian-style spellings ---------------------------------------------------------------------------

@pytest.mark.parametrize(("russian", "ukrainian"), [
    ("Peschanoye", "Pishchane"), ("Sinkovka", "Synkivka"), ("Stelmakhovka", "Stelmakhivka"),
    ("Kupyansk", "Kupiansk"), ("Kharkov", "Kharkiv"), ("Gulyaypole", "Huliaipole"), ("Avdeyevka", "Avdiivka"),
    ("Krasnogorovka", "Krasnohorivka"), ("Velikaya Novoselka", "Velyka Novosilka"), ("Selidovo", "Selydove"),
    ("Pokrovskoye", "Pokrovske"), ("Stepnogorsk", "Stepnohirsk"),
])
def test_loose_key_meets_russian_and_ukrainian_spellings(russian, ukrainian):
    assert loose_key(name_key(russian)) == loose_key(name_key(ukrainian))


@pytest.mark.parametrize(("a", "b"), [("Zelensky", "Zelenske"), ("Kyiv", "Kyivske")])
def test_loose_key_keeps_apart(a, b):
    assert loose_key(name_key(a)) != loose_key(name_key(b))


@pytest.mark.parametrize(("text", "words", "location", "admin1"), [
    ("Russian troops liberated the settlement of Peschanoye in the Kharkov region.", "Peschanoye", "Pishchane",
     "Kharkiv Oblast"),
    ("Russian units defeated Ukrainian brigades near Kupyansk, Sinkovka and Stelmakhovka.", "Sinkovka",
     "Synkivka", "Kharkiv Oblast"),
    ("Russian units defeated Ukrainian brigades near Kupyansk, Sinkovka and Stelmakhovka.", "Stelmakhovka",
     "Stelmakhivka", "Luhansk Oblast"),  # over the oblast border, 40 km from Kupiansk
    ("The Russian ministry said its forces took Artyomovo in the Donetsk People's Republic.", "Artyomovo",
     "Zalizne", "Donetsk Oblast"),
])
def test_russian_spellings_resolve_in_the_article_region(places, text, words, location, admin1):
    mention = _one(places(text), words)
    assert (mention.location, mention.admin1) == (location, admin1)


def test_russian_places_meet_russian_style_spellings_in_the_article_region(places):
    # GeoNames: Oktyabr'skiy (Belgorod); a bigger Oktyabrsky in Bashkortostan bears the press's spelling.
    text = "Belgorod district: in the settlement of Oktyabrsky, a Ukrainian drone struck a private house."
    assert _one(places(text), "Oktyabrsky").admin1 == "Belgorod Oblast"


def test_russian_spelling_without_a_region_in_the_article_is_not_guessed(places):
    assert not located(places("Fighting was reported near Sinkovka."), "Sinkovka")


# --- region-as-bare-name conventions -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "words", "location", "admin1", "precision"), [
    ("At least 30 Palestinians were killed in Gaza, Palestinian officials said.", "Gaza", "Gaza Strip",
     "Gaza Strip", 3),
    ("People waiting for aid in Gaza City came under Israeli fire.", "Gaza City", "Gaza", "Gaza Strip", 1),
    ("Famine in northern Gaza is imminent, Israeli and Palestinian officials were told.", "Gaza", "Gaza Strip",
     "Gaza Strip", 3),
    ("Government forces shelled Idlib and the western Aleppo countryside.", "Idlib", "Idlib Governorate", "Idlib Governorate", 3),
    ("In Idlib city, Russian warplanes struck a vegetable market.", "Idlib", "Idlib", "Idlib Governorate", 1),
    ("Fighting raged across the Donbas.", "Donbas", "Donetsk Oblast", "Donetsk Oblast", 3),
    ("Violence continued in Darfur, Sudanese activists said.", "Darfur", "North Darfur", "North Darfur", 3),
    ("The junta bombed villages in Rakhine.", "Rakhine", "Rakhine State", "Rakhine State", 3),
])
def test_bare_names_of_regions(places, text, words, location, admin1, precision):
    mentions = [m for m in places(text) if m.location_text == words and m.location == location]
    assert mentions and (mentions[0].admin1, mentions[0].geo_precision) == (admin1, precision), places(text)


# --- admin-1 names: GeoNames' English names -------------------------------------------------------------

@pytest.mark.parametrize(("text", "words", "admin1"), [
    ("Shelling hit villages in the Kharkiv region overnight.", "Kharkiv", "Kharkiv Oblast"),
    ("Air strikes hit Aleppo province, Syrian activists said.", "Aleppo", "Aleppo Governorate"),
    ("The RSF swept through Gezira state, Sudanese officials said.", "Gezira", "Al Jazirah"),
    ("Al-Shabaab attacked a base in the Hiiraan region of Somalia.", "Hiiraan", "Hiiraan"),
    ("Troops fought in Middle Shabelle, Somali officials said.", "Middle Shabelle", "Middle Shabele"),
    ("The junta bombed villages in Rakhine state, Myanmar.", "Rakhine", "Rakhine State"),
    ("Israeli strikes hit the Nabatieh governorate of Lebanon.", "Nabatieh", "Nabatieh Governorate"),
    ("Drones struck the Belgorod region of Russia.", "Belgorod", "Belgorod Oblast"),
    ("Fighting raged in the Sagaing region of Myanmar.", "Sagaing", "Sagaing Region"),
])
def test_admin1_names_are_geonames_english_names(places, text, words, admin1):
    mention = _one(places(text), words)
    assert (mention.admin1, mention.location, mention.geo_precision) == (admin1, admin1, 3)


@pytest.mark.parametrize(("text", "words", "admin1"), [
    ("Russian drones hit the Dnipropetrovsk region overnight.", "Dnipropetrovsk", "Dnipropetrovsk Oblast"),
    ("Shelling hit the Kirovohrad region, Ukrainian officials said.", "Kirovohrad", "Kirovohrad Oblast"),
])
def test_region_phrase_on_a_city_alias_names_the_region(places, text, words, admin1):
    # "Dnipropetrovsk" alone is Dnipro's old name (aliases.tsv); with "region" it is the oblast.
    mention = _one(places(text), words)
    assert (mention.location, mention.admin1, mention.geo_precision) == (admin1, admin1, 3)


def test_place_admin1_matches_its_region_mention(places):
    mentions = places("A drone hit Kupiansk in the Kharkiv region.")
    assert {m.admin1 for m in mentions} == {"Kharkiv Oblast"}
