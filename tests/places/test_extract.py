"""Disambiguation, not-places, the shared example, and ordinary English text."""

from __future__ import annotations

import pytest

from builder.segment import segment
from builder.places import extract_places
from tests.places.conftest import located


def test_mentions_are_sorted_and_offsets_index_the_text(places):
    text = "Shelling near Izyum wounded two. Kyiv said Kharkiv was hit."
    mentions = places(text)
    assert [m.char_start for m in mentions] == sorted(m.char_start for m in mentions)
    for m in mentions:
        assert text[m.char_start:m.char_end] == m.location_text


@pytest.mark.parametrize(("text", "words", "admin1"), [
    ("Two people were killed in Bakhmut and the neighbouring village of Yahidne.", "Yahidne", "Donetsk Oblast"),
    ("Yahidne, a village near Chernihiv, was occupied for a month.", "Yahidne", "Chernihiv Oblast"),
    ("Pisky, a village next to Donetsk airport, was destroyed.", "Pisky", "Donetsk Oblast"),
    ("A memorial was held in Pisky in the Poltava region of Ukraine.", "Pisky", "Poltava Oblast"),
    ("Ukrainian forces held Lyman in the Kharkiv region.", "Lyman", "Kharkiv Oblast"),
    ("Ukrainian forces retook Lyman in Donetsk.", "Lyman", "Donetsk Oblast"),
    ("Troops entered Balakliya, Ukrainian officials said.", "Balakliya", "Kharkiv Oblast"),
    # a town bearing the name as its own, not a Russian city's former name, though the text says "Russian"
    ("Russian forces captured Pokrovsk on Monday, the Russian Defence Ministry said. Ukraine did not confirm it.",
     "Pokrovsk", "Donetsk Oblast"),
])
def test_namesakes_follow_the_article(places, text, words, admin1):
    assert {m.admin1 for m in located(places(text), words)} == {admin1}


def test_region_phrase_prefers_the_oblast_over_the_city_with_admin1_status(places):
    (kyiv,) = located(places("Russian troops withdrew from the Kyiv region."), "Kyiv")
    assert (kyiv.admin1, kyiv.geo_precision, kyiv.relation) == ("Kyiv Oblast", 3, "region")


def test_donbas_is_two_regions(places):
    assert {m.admin1 for m in located(places("Fighting raged across the Donbas."), "Donbas")} == {"Donetsk Oblast", "Luhansk Oblast"}


def test_village_without_geonames_entry_gets_centre_coordinates_at_precision_2(places):
    (yahidne,) = located(places("Shelling hit Bakhmut and nearby Yahidne."), "Yahidne")
    assert yahidne.geonames_id.startswith("UA") and yahidne.geo_precision == 2 and yahidne.latitude


@pytest.mark.parametrize(("text", "words"), [
    ("President Volodymyr Zelenskyy addressed parliament.", "Volodymyr"),
    ("The Kyiv Independent reported the strike first.", "Kyiv"),
    ("The Moskva cruiser sank in April.", "Moskva"),
    ("Ukrainian forces advanced.", "Ukrainian"),
    ("Police said the suspect was detained.", "Police"),
    ("The mayor, Dmytro Orlov, said power was back. Orlov thanked the workers.", "Orlov"),
])
def test_not_places(places, text, words):
    assert not located(places(text), words)


ORDINARY_NEWS = """
The central bank raised interest rates on Thursday, saying inflation remained too high. Most economists had
expected the move. Markets fell sharply in early trading before recovering by the close. Police said a man had
been arrested after the incident, and a spokesman declined to comment further. March was the wettest month on
record, the weather service said. Many families are struggling to pay their bills as energy costs rise, and the
government promised more help for pensioners. Victoria Nuland met union leaders to discuss the strike. The
company said profits would be lower this year but that it still planned to hire more staff in the spring.
"""


def test_ordinary_english_news_names_no_places(places):
    assert [m.location_text for m in places(ORDINARY_NEWS) if m.role == "location"] == []


NINE = {"Kharkiv": "Kharkiv Oblast", "Balakliya": "Kharkiv Oblast", "Izyum": "Kharkiv Oblast",
        "Kupiansk": "Kharkiv Oblast", "Donetsk": "Donetsk Oblast", "Bakhmut": "Donetsk Oblast",
        "Yahidne": "Donetsk Oblast", "Enerhodar": "Zaporizhzhia Oblast",
        "Kyiv": "Kyiv City"}


def test_shared_example_resolves_the_nine_places(gazetteer, kharkiv_example):
    mentions = extract_places(segment(kharkiv_example.read_text(encoding="utf-8")))
    for words, admin1 in NINE.items():
        plain = [m for m in located(mentions, words) if m.relation != "region"]
        assert plain and all(m.admin1 == admin1 for m in plain), (words, plain)
    speakers = [m for m in mentions if m.location_text in ("Kyiv", "Moscow") and m.role == "actor"]
    assert {m.location_text for m in speakers} == {"Kyiv", "Moscow"}
