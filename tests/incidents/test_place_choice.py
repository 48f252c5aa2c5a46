"""Which place a casualty row gets when a sentence names several (builder/incidents/context.py and
lexicon/places.yaml), and the summaries and headlines that are not rows of their own."""

from __future__ import annotations

from datetime import date

import pytest

from builder.pipeline import analyse_text

PUBLISHED = date(2024, 6, 15)


def rows(text: str) -> list:
    return [i for i in analyse_text(text, PUBLISHED).incidents if i.incident_type == "casualties"]


PLACES = [
    # the place a statement opens with, not the places that locate it
    ("An airstrike on a residential area of Sarmin, east of Idlib, killed three civilians.", "Sarmin"),
    ("A drone hit a village near Kyauktaw, in central Rakhine, killing 9 civilians.", "Kyauktaw"),
    # a region that sets the scene, then the town
    ("In Ituri province, militiamen attacked a mining site near Djugu, killing 6 miners.", "Djugu"),
    # a list of places: the first one
    ("Shells hit Idlib and the western Aleppo countryside, killing 46 civilians.", "Idlib Governorate"),
    # where fire came from is not where it landed
    ("Shells fired from positions in Bahri struck a market in Omdurman, killing 9 civilians.", "Omdurman"),
    # where victims were treated is not where they were hurt
    ("A strike on a minibus near Dangila left nine dead, a doctor at a hospital in Bahir Dar said.", "Dangila"),
    ("Shelling hit Kozinka. A boy was wounded; he was taken to the Belgorod city hospital.", "Kozinka"),
    # a list item headed by a place and what locates it
    ("▪️ Antonivka, on the eastern outskirts of Kherson: a 71-year-old woman was injured by a drone.", "Antonivka"),
]


def test_a_foreign_speakers_country_is_not_the_location():
    text = ("Shelling killed 15 civilians in El Fasher, Sudan, on Friday. The U.S. special envoy for Sudan has said "
            "that as many as 150,000 people may have been killed since the war began.")
    total = next(row for row in rows(text) if row.cumulative)
    assert total.country_code == "SD" and total.claimant == "The U.S. special envoy for Sudan"


def test_a_row_that_happens_to_equal_earlier_rows_is_not_a_recap():
    text = ("Kupiansk district: in Petropavlivka, a tractor driver was killed by a mine.\n\n"
            "Bohodukhiv district: a drone hit a car in Zolochiv. The driver was injured.\n\n"
            "Izium district: the enemy shelled Borova. A woman was killed and her son was injured.")
    assert [(r.location, r.killed, r.injured) for r in rows(text)] == [
        ("Petropavlivka", 1, None), ("Zolochiv", None, 1), ("Borova", 1, 1)]


def test_a_recap_that_says_it_sums_is_not_a_row():
    text = ("A man was killed in Kupiansk. Two women were wounded in Zolochiv.\n\n"
            "In total, one person was killed and two were injured in the region.")
    assert [(r.location, r.killed, r.injured) for r in rows(text)] == [("Kupiansk", 1, None), ("Zolochiv", None, 2)]


def test_a_headline_over_a_blank_line_repeats_the_story():
    text = ("Seven killed as jet bombs monastery in Sagaing\n\n"
            "MONYWA — Seven civilians were killed when a military jet bombed a monastery in Sagaing on Wednesday. "
            "At least 12 others were injured.")
    assert [(r.killed, r.injured) for r in rows(text)] == [(7, 12)]


def territory(text: str) -> list:
    return [(i.actor, i.control_change, i.location, i.geo_precision)
            for i in analyse_text(text, PUBLISHED).incidents if i.incident_type == "territorial_change"]


def test_a_facility_taken_is_coded_at_the_place_it_is_near():
    assert territory("JNIM fighters overran a military base near Djibo on Saturday.") == [
        ("JNIM", "gained", "Djibo", 2)]
    # a village no gazetteer lists, located only by its region, is still a town, not the region
    assert territory("Al-Shabaab fighters overran a military base near the village of Qorey Dhere in "
                     "Somalia's Hiiraan region.") == [("al-Shabaab", "gained", "Qorey Dhere", 3)]


def test_places_listed_after_as_well_as_are_each_a_row():
    rows = territory("Russian forces completed the liberation of the town of Selidovo, as well as the settlements "
                     "of Tsukurino and Gornyak in the Donetsk People's Republic, the Russian Defence Ministry said.")
    assert [location for _, _, location, _ in rows] == ["Selydove", "Tsukuryne", "Hirnyk"]


PLACES_FROM_CONTEXT = [
    # a sentence with no place continues the town the last one was about, not the places locating it
    ("Government forces shelled the town of Darat Izza in the western countryside of Aleppo. "
     "Several other people were wounded in the shelling.", "Darat Izza"),
    # a district heading frames the town its item names
    ("Bohodukhiv district: a drone hit a car in Zolochiv. The driver was injured.", "Zolochiv"),
    # a neighbourhood named as part of a city is the city
    ("Shelling struck a market in the Tekstylshchyk neighbourhood of Donetsk. At least 25 civilians were killed.",
     "Donetsk"),
    # a neighbourhood of the city the story is in
    ("A sniper shot a girl in Taiz on Thursday. On Wednesday, shells landed on houses in the Al-Rawdah neighbourhood "
     "in the north of the city, wounding six people.", "Taiz"),
]


def test_where_a_speaker_is_places_nothing_when_the_story_already_has_a_place():
    text = ("Militants killed dozens of people near the town of Barsalogho on Saturday, residents said.\n\n"
            "Gunmen opened fire on the men around the town, about 45 km north of Kaya. "
            "Scores more were wounded, a health worker in Kaya said.")
    assert [(r.location, r.killed, r.injured) for r in rows(text)] == [("Barsalogho", 36, 60)]
    (only,) = rows("Two people were wounded by shelling, a doctor in Kherson said.")
    assert only.location == "Kherson"


def test_a_side_admitting_a_loss_lost_the_place():
    assert territory("Ukraine's General Staff admitted the loss of Ocheretyne.") == [
        ("Ukraine", "lost", "Ocheretyne", 1)]


def test_an_area_taken_around_a_town_and_a_town_fallen_to_a_side():
    assert territory("Ukrainian forces recaptured about 3 square miles around Robotyne.") == [
        ("Ukraine", "gained", "Robotyne", 2)]
    assert territory("The town of Kurakhove has fallen to Russian forces, the Ukrainian military said.") == [
        ("Russia", "gained", "Kurakhove", 1)]


def test_a_strike_with_no_weapon_named_still_ties_its_party():
    (row,) = rows("At least 20 people were killed in an Israeli strike in Gaza City.")
    assert (row.actor, row.attack_type) == ("Israel", "unknown")
    (row,) = rows("A woman was killed in a Russian missile strike on Kharkiv.")
    assert (row.actor, row.attack_type) == ("Russia", "missile")


def test_people_killed_at_a_civilian_site_are_civilians():
    (row,) = rows("At least 20 people were killed in a strike on a school in Gaza City.")
    assert row.victims == "civilians"
    (row,) = rows("Twelve people were killed near the front line, officials said.")
    assert row.victims == "unknown"


ACTORS = [
    ("An army airstrike on a market in Kabkabiya, west of El Fasher, killed 10 civilians.", "SAF"),
    ("Shells fired from RSF positions in Bahri struck a market in Omdurman, killing 9 civilians.", "RSF"),
    ("A drone of the Armed Forces of Ukraine attacked a car near Shebekino. A man was killed.", "Ukraine"),
    ("On 20 January, artillery fire attributed to the SDF hit a residential neighbourhood of Manbij, killing a woman "
     "and her two children.", "SDF"),
    # the subject of the clause a participle hangs on
    ("ISWAP fighters overran a military base near the town of Marte in Borno state on Monday, killing at least "
     "five soldiers, military sources said.", "ISIS"),
    # a text that calls one side "the enemy": its unattributed items are the enemy's doing
    ("Over the past day the enemy shelled 20 settlements of the Kharkiv region.\n\n"
     "In Kupiansk, a 57-year-old man was injured when a shell hit his house.", "Russia"),
]


@pytest.mark.parametrize(("text", "column", "expected"), [
    *((text, "location", location) for text, location in PLACES + PLACES_FROM_CONTEXT),
    *((text, "actor", actor) for text, actor in ACTORS),
])
def test_the_one_casualty_row_of_a_text(text, column, expected):
    (row,) = rows(text)
    assert getattr(row, column) == expected


def test_a_running_total_names_its_perpetrator_or_has_none():
    text = ("Russian missiles hit Kharkiv overnight, killing two people.\n\n"
            "The UN monitoring mission says at least 184 civilians were killed across Ukraine in August.")
    total = next(row for row in rows(text) if row.cumulative)
    assert total.actor is None


def test_russian_groups_of_forces_and_driving_a_side_out():
    assert territory("Units of the Sever group of forces liberated the settlements of Nikolayevo-Darino and "
                     "Novaya Sorochina in the Kursk region.") == [
        ("Russia", "gained", "Nikolayevo-Darino", 3), ("Russia", "gained", "Novaya Sorochina", 3)]
    assert territory("The army said it had driven the RSF out of Wad Medani.") == [("SAF", "gained", "Wad Medani", 1)]


def test_a_party_statement_claims_what_it_says_in_its_own_voice():
    text = ("Ministry of Defence of the Russian Federation\n\n"
            "Units of the Tsentr group of forces liberated the settlement of Tsukurino in the Donetsk People's Republic.")
    (row,) = [i for i in analyse_text(text, PUBLISHED).incidents if i.incident_type == "territorial_change"]
    assert (row.actor, row.claimant, row.claim_status) == (
        "Russia", "Ministry of Defence of the Russian Federation", "claimed")


def test_says_governor_after_a_live_blog_line_names_the_claimant():
    (row,) = rows("09:42 — Two killed in Kharkiv, says governor.")
    assert row.claimant == "governor"


def test_a_total_broken_down_by_place_after_a_colon_gives_the_parts():
    text = ("Israeli strikes overnight killed 12 people: five members of one family in a house in Jabalia; "
            "four in a school in Gaza City; three in a tent in Khan Younis.")
    assert [(r.location, r.killed) for r in rows(text)] == [("Jabalia", 5), ("Gaza", 4), ("Khan Younis", 3)]
    text = ("Russian attacks killed four civilians in the Donetsk region on Saturday — two in Kostiantynivka, one in "
            "Chasiv Yar and one in Toretsk — and wounded five more people in Kostiantynivka.")
    assert [(r.location, r.killed, r.injured) for r in rows(text)] == [
        ("Kostiantynivka", 2, 5), ("Chasiv Yar", 1, None), ("Toretsk", 1, None)]


def test_a_sentence_right_after_an_incident_with_no_place_completes_it():
    text = "A Russian drone killed a man in Hremiach on Monday. His wife was injured."
    assert [(r.location, r.killed, r.injured) for r in rows(text)] == [("Hremiach", 1, 1)]


def test_a_subset_clause_names_who_the_victims_were_not_where():
    text = ("Troops liberated the town of Moqokori in the Hiiraan region.\n\n"
            "More than 70 Khawarij were killed in the operation, among them two commanders responsible for attacks "
            "in Beledweyne. Three of our soldiers were martyred and five others were wounded.")
    assert [(r.location, r.killed, r.injured, r.victims) for r in rows(text)] == [
        ("Moqokori", 71, None, "military"), ("Moqokori", 3, 5, "military")]


def test_a_list_of_places_taken_runs_past_the_region_it_names():
    rows = territory("Units of the Zapad group of forces liberated the settlement of Dvurechnaya in the Kharkov region, "
                     "as well as Petropavlovka, east of Kupyansk.")
    assert [location for _, _, location, _ in rows] == ["Dvorichna", "Petropavlivka"]


def test_a_summary_bullet_and_the_dated_account_are_one_incident():
    text = ("Highlights\n\n• RSF attack on Kazgil village in North Kordofan kills at least 200 people.\n\n"
            "Between 12 and 13 July, fighters of the RSF attacked Kazgil (also spelled Kazgeil), a village in North "
            "Kordofan, killing at least 200 people. Dozens more were injured.")
    (row,) = rows(text)
    assert (row.killed, row.injured, row.date_start) == (200, 36, date(2023, 7, 12))  # the July before publication


def test_a_count_that_describes_the_places_just_named_is_no_count_row():
    rows = territory("Ukrainian commanders said their troops had withdrawn from Martynovka and Sudzha, two villages "
                     "north of Kursk.")
    assert [(change, location) for _, change, location, _ in rows] == [("withdrawn", "Martynivka"),
                                                                        ("withdrawn", "Sudzha")]
