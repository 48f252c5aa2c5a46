"""A realistic build to draw: the bundled raw/ articles plus incidents, rejects, time expressions and places
that pass their schemas. Incident sentences are quoted from the raw/ articles, so their offsets index into
articles.text, and dates, places and counts follow what each sentence says; the time expression and place
rows carry only what the report reads (their offsets are placeholders).

Cases covered: exact, "at least", "more than", "up to", "dozens" and "a few" counts; day-, week- and
month-dated rows, a range and an undated row; region-level and near-a-place locations; a row without
coordinates; territory gained, lost and withdrawn; claims by parties; running totals; an article with no
incident (the Qamishli drone story).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pandas as pd
from builder.schemas import TABLES

from builder.api import load_table
from builder.tables import frame_from_rows
from builder.write import OutputWriter

D = date.fromisoformat


def _place(location, admin1, country, lat, lon, precision):
    return {"location": location, "location_text": location, "admin1": admin1, "country_code": country,
            "latitude": lat, "longitude": lon, "geo_precision": precision}


def _count(outcome, low, best, high):
    return {outcome: best, f"{outcome}_low": low, f"{outcome}_high": high}


def _dates(start, end=None, precision="day", text=None):
    return {"date_start": D(start), "date_end": D(end or start), "date_precision": precision, "date_text": text}


RAFAH = "742840b34d9139f8"
KHARKIV = "kharkiv-governor-2024-05-18"
LIVE_0915 = "liveblog-2024-02-17-0915"
LIVE_1440 = "liveblog-2024-02-17-1440"
LIVE_0805 = "liveblog-2024-02-18-0805"
MOD = "b410bde43daf86da"
MYANMAR = "3a4e15279e01b08e"
SAHEL = "bf-djibo-attack-2024-06"
GOMA = "d90c18d10a09161c"
ZAMZAM = "sudan-zamzam-shelling-2025-02"
KHARTOUM = "sudan-khartoum-palace-2025-03"
ZAPORIZHZHIA = "11d7f33cb8a22b8c"
NO_INCIDENTS = "syria-qamishli-drone-2024-01"

INCIDENTS = [
    (RAFAH, "An Israeli strike on a tent encampment near a hospital in western Rafah killed nine people",
     {**_dates("2024-03-01", text="late on Friday"), **_place("Rafah", "Rafah", "PS", 31.2969, 34.2436, 2),
      **_count("killed", 9, 9, 9), "actor": "Israel", "attack_type": "airstrike", "victims": "mixed",
      "claimant": "medics"}),
    (RAFAH, "Doctors at the nearby hospital said at least 40 others were wounded",
     {**_dates("2024-03-01", text="late on Friday"), **_place("Rafah", "Rafah", "PS", 31.2969, 34.2436, 2),
      **_count("injured", 40, 40, None), "actor": "Israel", "attack_type": "airstrike", "claimant": "Doctors"}),
    (RAFAH, "an airstrike on a house in Deir al-Balah, in central Gaza, killed a man and his son",
     {**_dates("2024-03-02", text="Earlier on Saturday"),
      **_place("Deir al-Balah", "Deir al-Balah", "PS", 31.4179, 34.3503, 1), **_count("killed", 2, 2, 2),
      "attack_type": "airstrike", "victims": "civilians", "claimant": "the civil defence service"}),
    (RAFAH, "Gaza's Health Ministry says more than 30,000 Palestinians have been killed since the war began",
     {**_dates("2023-10-07", "2024-03-02", "range", "since the war began on October 7"),
      **_place("Gaza Strip", None, "PS", 31.45, 34.4, 3), **_count("killed", 30001, 30001, None),
      "cumulative": True, "claimant": "Gaza's Health Ministry"}),
    (KHARKIV, "Yesterday at around 16:40, a Russian drone hit a car wash in the Kyivskyi district",
     {**_dates("2024-05-17", text="Yesterday"), **_place("Kharkiv", "Kharkiv Oblast", "UA", 50.0, 36.25, 2),
      **_count("injured", 3, 3, 3), "actor": "Russia", "attack_type": "drone"}),
    (KHARKIV, "In Lyptsi, a guided bomb struck a private house this morning. Two men, aged 47 and 63, were killed.",
     {**_dates("2024-05-18", text="this morning"), **_place("Lyptsi", "Kharkiv Oblast", "UA", 50.19, 36.43, 1),
      **_count("killed", 2, 2, 2), "attack_type": "bombing", "victims": "civilians"}),
    (KHARKIV, "In the village of Ruska Lozova, a 70-year-old woman was wounded by shelling.",
     {**_dates("2024-05-17", "2024-05-18", "range", "Over the past day"),
      **_place("Ruska Lozova", "Kharkiv Oblast", "UA", 50.13, 36.29, 1), **_count("injured", 1, 1, 1),
      "attack_type": "shelling", "victims": "civilians"}),
    (KHARKIV, "In Kupiansk-Vuzlovyi, a 56-year-old man was killed when a shell hit the yard of his house.",
     {**_dates("2024-05-18"), **_place("Kupiansk-Vuzlovyi", "Kharkiv Oblast", "UA", 49.65, 37.68, 1),
      **_count("killed", 1, 1, 1), "attack_type": "shelling", "victims": "civilians"}),
    (KHARKIV, "In Kivsharivka, two women aged 39 and 67 were injured by an FPV drone.",
     {**_dates("2024-05-18"), **_place("Kivsharivka", "Kharkiv Oblast", "UA", 49.63, 37.7, 1),
      **_count("injured", 2, 2, 2), "attack_type": "drone", "victims": "civilians"}),
    (LIVE_0915, "A Russian ballistic missile struck an industrial enterprise in Kryvyi Rih overnight, killing one "
                "worker and injuring four others",
     {**_dates("2024-02-17", precision="night", text="overnight"),
      **_place("Kryvyi Rih", "Dnipropetrovsk Oblast", "UA", 47.91, 33.39, 1),
      **_count("killed", 1, 1, 1), **_count("injured", 4, 4, 4), "actor": "Russia", "attack_type": "missile",
      "claimant": "Serhii Lysak"}),
    (LIVE_0915, "A 61-year-old man was wounded in Nikopol when a shell exploded near a bus stop",
     {**_dates("2024-02-16", text="on Friday"), **_place("Nikopol", "Dnipropetrovsk Oblast", "UA", 47.57, 34.39, 1),
      **_count("injured", 1, 1, 1), "attack_type": "shelling", "victims": "civilians"}),
    (LIVE_1440, "Russia's Defence Ministry says its forces have captured the village of Krokhmalne",
     {**_dates("2024-02-17", precision="unknown"), **_place("Krokhmalne", "Kharkiv Oblast", "UA", 49.57, 37.86, 1),
      "actor": "Russia", "control_change": "gained", "settlements": 1, "incident_type": "territorial_change",
      "claimant": "Russia's Defence Ministry", "claim_status": "claimed"}),
    (LIVE_1440, "also said Ukraine had lost up to 30 servicemen in the area over the past day",
     {**_dates("2024-02-16", "2024-02-17", "range", "over the past day"),
      **_place("Krokhmalne", "Kharkiv Oblast", "UA", 49.57, 37.86, 2), **_count("killed", None, 30, 30),
      "victims": "military", "claimant": "Russia's Defence Ministry", "claim_status": "claimed"}),
    (LIVE_1440, "two men were killed this morning when a Russian drone dropped explosives on a tractor near the "
                "border village of Esman",
     {**_dates("2024-02-17", text="this morning"), **_place("Esman", "Sumy Oblast", "UA", 51.88, 33.99, 2),
      **_count("killed", 2, 2, 2), "actor": "Russia", "attack_type": "drone", "victims": "civilians"}),
    (LIVE_0805, "In Kherson, a 67-year-old woman was killed on Saturday afternoon",
     {**_dates("2024-02-17", text="on Saturday afternoon"),
      **_place("Kherson", "Kherson Oblast", "UA", 46.64, 32.61, 1),
      **_count("killed", 1, 1, 1), "actor": "Russia", "attack_type": "shelling", "victims": "civilians"}),
    (LIVE_0805, "Three more people were injured in the region over the past day",
     {**_dates("2024-02-17", "2024-02-18", "range", "over the past day"),
      **_place("Kherson Oblast", "Kherson Oblast", "UA", 46.75, 33.3, 3), **_count("injured", 3, 3, 3)}),
    (LIVE_0805, "Zelensky said Ukraine's troops had withdrawn from Avdiivka to save soldiers' lives",
     {**_dates("2024-02-12", "2024-02-18", "week", "yesterday"),
      **_place("Avdiivka", "Donetsk Oblast", "UA", 48.14, 37.75, 1), "actor": "Ukraine",
      "control_change": "withdrawn", "settlements": 1, "incident_type": "territorial_change",
      "claimant": "Zelensky"}),
    (MOD, "Units of the Defence Forces liberated the villages of Blahodatne and Neskuchne in the Donetsk region",
     {**_dates("2023-06-04", "2023-06-10", "week", "Over the past week"),
      **_place("Blahodatne", "Donetsk Oblast", "UA", 47.73, 36.8, 1), "actor": "Ukraine", "control_change": "gained",
      "settlements": 2, "incident_type": "territorial_change", "claimant": "Ministry of Defence of Ukraine",
      "claim_status": "claimed"}),
    (MOD, "In total, 3 settlements with an area of about 41 square kilometres have been returned under Ukrainian "
          "control during the week.",
     {**_dates("2023-06-04", "2023-06-10", "week", "during the week"),
      **_place("Zaporizhzhia Oblast", "Zaporizhzhia Oblast", "UA", 47.5, 35.8, 3), "actor": "Ukraine",
      "control_change": "gained", "settlements": 3, "area_km2": 41.0, "incident_type": "territorial_change",
      "claimant": "Ministry of Defence of Ukraine", "claim_status": "claimed"}),
    (MOD, "the occupiers lost more than 900 servicemen killed in the south over the past week",
     {**_dates("2023-06-04", "2023-06-10", "week", "over the past week"), "location_text": "in the south",
      **_count("killed", 901, 901, None), "victims": "military", "claimant": "Ministry of Defence of Ukraine",
      "claim_status": "claimed"}),
    (MOD, "In Kherson, a 63-year-old man was killed and three people were injured, including a 17-year-old girl.",
     {**_dates("2023-06-10", precision="night", text="Overnight"),
      **_place("Kherson", "Kherson Oblast", "UA", 46.64, 32.61, 1), **_count("killed", 1, 1, 1),
      **_count("injured", 3, 3, 3), "actor": "Russia", "attack_type": "shelling", "victims": "civilians"}),
    (MYANMAR, "Since the coup in February 2021, security forces have killed at least 4,400 civilians",
     {**_dates("2021-02-01", "2024-01-25", "range", "Since the coup in February 2021"),
      **_place("Myanmar", None, "MM", 21.0, 96.0, 3), **_count("killed", 4400, 4400, None), "cumulative": True,
      "actor": "Myanmar military", "victims": "civilians", "claimant": "a local monitoring group"}),
    (MYANMAR, "it claimed last week to have taken full control of the town of Paletwa",
     {**_dates("2024-01-15", "2024-01-21", "week", "last week"), **_place("Paletwa", "Chin", "MM", 21.3, 92.85, 1),
      "actor": "Arakan Army", "control_change": "gained", "settlements": 1, "incident_type": "territorial_change",
      "claimant": "Arakan Army", "claim_status": "claimed"}),
    (MYANMAR, "including Laukkai, the capital of the Kokang region, which it took earlier this month",
     {**_dates("2024-01-01", "2024-01-31", "month", "earlier this month"),
      **_place("Laukkai", "Shan", "MM", 23.69, 98.77, 1), "actor": "Three Brotherhood Alliance",
      "control_change": "gained", "settlements": 1, "incident_type": "territorial_change"}),
    (MYANMAR, "On Tuesday, a jet bombed a village near Minbya in Rakhine State, killing six civilians, including "
              "two children, and wounding 11 others",
     {**_dates("2024-01-23", text="On Tuesday"), **_place("Minbya", "Rakhine", "MM", 20.37, 93.27, 2),
      **_count("killed", 6, 6, 6), **_count("injured", 11, 11, 11), "actor": "Myanmar military",
      "attack_type": "airstrike", "victims": "civilians", "claimant": "relatives and a local rescue team"}),
    (SAHEL, "Jihadist fighters overran an army base in Mansila, in northern Burkina Faso's Yagha province near the "
            "border with Niger, on Tuesday, killing dozens of soldiers",
     {**_dates("2024-06-11", text="on Tuesday"), **_place("Mansila", "Sahel", "BF", 13.45, 1.07, 1),
      **_count("killed", 24, 36, 99), "actor": "JNIM", "attack_type": "clashes", "victims": "military",
      "claimant": "security sources"}),
    (SAHEL, "a roadside bomb hit a convoy of civilian trucks escorted by volunteer militiamen near Djibo, in Soum "
            "province, killing 4 drivers and wounding a few others",
     {**_dates("2024-06-12", text="on Wednesday"), **_place("Djibo", "Sahel", "BF", 14.1, -1.63, 2),
      **_count("killed", 4, 4, 4), **_count("injured", 2, 3, 5), "attack_type": "bombing", "victims": "civilians",
      "claimant": "residents"}),
    (GOMA, "At least five civilians were killed and 14 wounded on Thursday when bombs fired from M23 positions fell "
           "on the town of Sake",
     {**_dates("2024-02-08", text="on Thursday"), **_place("Sake", "North Kivu", "CD", -1.57, 29.04, 1),
      **_count("killed", 5, 5, None), **_count("injured", 14, 14, 14), "actor": "M23", "attack_type": "shelling",
      "victims": "civilians", "claimant": "local officials and medical sources"}),
    (GOMA, "On Wednesday, the rebels also captured the village of Shasha",
     {**_dates("2024-02-07", text="On Wednesday"), **_place("Shasha", "North Kivu", "CD", -1.63, 28.98, 1),
      "actor": "M23", "control_change": "gained", "settlements": 1, "incident_type": "territorial_change",
      "claimant": "residents"}),
    (ZAMZAM, "Shelling by the Rapid Support Forces (RSF) killed at least 11 displaced people, among them four "
             "children, in the Zamzam camp south of El Fasher on Thursday",
     {**_dates("2025-02-13", text="on Thursday"), **_place("Zamzam", "North Darfur", "SD", 13.49, 25.31, 1),
      **_count("killed", 11, 11, None), "actor": "RSF", "attack_type": "shelling", "victims": "civilians",
      "claimant": "the camp's coordination committee"}),
    (ZAMZAM, "More than 20 others were wounded, many of them women queuing at a water point",
     {**_dates("2025-02-13", text="on Thursday"), **_place("Zamzam", "North Darfur", "SD", 13.49, 25.31, 1),
      **_count("injured", 21, 21, None), "actor": "RSF", "attack_type": "shelling", "victims": "civilians"}),
    (ZAMZAM, "Residents of Mellit said two civilians were killed in the strikes on Tuesday.",
     {**_dates("2025-02-11", text="on Tuesday"), **_place("Mellit", "North Darfur", "SD", 14.13, 25.55, 2),
      **_count("killed", 2, 2, 2), "actor": "Sudanese Armed Forces", "attack_type": "airstrike",
      "victims": "civilians", "claimant": "Residents of Mellit"}),
    (ZAMZAM, "Since the war began in April 2023, tens of thousands of people have been killed across Sudan",
     {**_dates("2023-04-15", "2025-02-15", "range", "Since the war began in April 2023"),
      **_place("Sudan", None, "SD", 15.5, 30.0, 3), **_count("killed", 20000, 40000, 90000), "cumulative": True}),
    (KHARTOUM, "Sudan's army said on Friday it had retaken the Republican Palace in central Khartoum",
     {**_dates("2025-03-21", text="on Friday"), **_place("Khartoum", "Khartoum", "SD", 15.55, 32.53, 2),
      "actor": "Sudanese Armed Forces", "control_change": "gained", "settlements": 1,
      "incident_type": "territorial_change", "claimant": "Sudan's army", "claim_status": "claimed"}),
    (KHARTOUM, "Across the Nile in Omdurman, RSF shelling hit a crowded market on Thursday, killing at least 6 "
               "people and wounding 19",
     {**_dates("2025-03-20", text="on Thursday"), **_place("Omdurman", "Khartoum", "SD", 15.64, 32.48, 1),
      **_count("killed", 6, 6, None), **_count("injured", 19, 19, 19), "actor": "RSF", "attack_type": "shelling",
      "claimant": "a group of volunteer doctors"}),
    (KHARTOUM, "The army has pushed the RSF out of most of Omdurman and Khartoum North (Bahri) since the start of "
               "the year",
     {**_dates("2025-01-01", "2025-03-22", "range", "since the start of the year"),
      **_place("Khartoum North", "Khartoum", "SD", 15.64, 32.56, 1), "actor": "RSF", "control_change": "lost",
      "incident_type": "territorial_change"}),
    (ZAPORIZHZHIA, "Russian artillery fire killed two people in the front-line town of Huliaipole on Friday",
     {**_dates("2023-11-17", text="on Friday"), **_place("Huliaipole", "Zaporizhzhia Oblast", "UA", 47.66, 36.26, 1),
      **_count("killed", 2, 2, 2), "actor": "Russia", "attack_type": "shelling", "victims": "civilians",
      "claimant": "Ukrainian officials"}),
    (ZAPORIZHZHIA, "Five people, including a 12-year-old boy, were injured by shrapnel and broken glass",
     {**_dates("2023-11-18", precision="night", text="Overnight"),
      **_place("Zaporizhzhia", "Zaporizhzhia Oblast", "UA", 47.84, 35.14, 2), **_count("injured", 5, 5, 5),
      "actor": "Russia", "attack_type": "drone", "victims": "civilians", "claimant": "Malashko"}),
    (ZAPORIZHZHIA, "In Orikhiv, a 49-year-old volunteer was wounded on Thursday while delivering bread",
     {**_dates("2023-11-16", text="on Thursday"), **_place("Orikhiv", "Zaporizhzhia Oblast", "UA", 47.57, 35.78, 1),
      **_count("injured", 1, 1, 1), "victims": "civilians", "claimant": "local officials"}),
]

REJECTS = [
    {"source_path": "feeds/liveblog-2024-03.jsonl", "line": 4, "stage": "ingest", "reason": "bad-json",
     "message": "line 4 is not valid JSON (Expecting ',' delimiter: column 88); fix the record or remove it",
     "excerpt": '{"id": "liveblog-2024-03-02-1120", "text": "Drones'},
    {"source_path": "feeds/liveblog-2024-03.jsonl", "line": 9, "stage": "ingest", "reason": "bad-json",
     "message": "line 9 is not valid JSON (Unterminated string); fix the record or remove it"},
    {"source_path": "undated-note.txt", "stage": "ingest", "reason": "missing-publication-date",
     "message": "no publication date: add `published:` front matter, a date in the file name, or --published"},
    {"source_path": "sahel-syria.csv", "line": 3, "article_id": SAHEL, "stage": "validate",
     "reason": "schema-check-failed", "message": "an incidents row failed its schema checks: killed_low_best_high",
     "excerpt": "killing dozens of soldiers"},
]

TIME_EXPRESSIONS = [
    (LIVE_0805, "yesterday", "2024-02-17", "day"), (LIVE_0805, "overnight", "2024-02-18", "night"),
    (KHARKIV, "Yesterday", "2024-05-17", "day"), (KHARKIV, "since May 10", "2024-05-10", "day"),
    (MYANMAR, "the first days of the war", None, "unknown"), (KHARTOUM, "the first days of the war", None, "unknown"),
    (SAHEL, "for hours", None, "unknown"),
]

PLACES = [
    (GOMA, "Sake", -1.57, 29.04), (GOMA, "Mugunga", None, None), (KHARTOUM, "Jebel Awliya", None, None),
    (ZAMZAM, "Zamzam", 13.49, 25.31), (ZAPORIZHZHIA, "Robotyne", 47.45, 35.84),
]


def incident_rows(articles: pd.DataFrame) -> list[dict]:
    texts = dict(zip(articles["article_id"], articles["text"]))
    rows = []
    for article_id, sentence, fields in INCIDENTS:
        start = texts[article_id].index(sentence)
        key = f"{article_id}\x1f{start}\x1f{sentence}".encode()
        rows.append({"incident_type": "casualties", "claim_status": "reported", "cumulative": False,
                     "confidence": 0.8, "extractor_version": "sample-1", **fields,
                     "incident_id": hashlib.sha256(key).hexdigest()[:16], "article_id": article_id,
                     "sentence": sentence, "char_start": start, "char_end": start + len(sentence)})
    return rows


def write_sample_build(articles_from: Path, out: Path, manifest: dict) -> Path:
    """Write the articles of a real build with the sample incidents, rejects, time expressions and places."""
    articles = load_table(articles_from, "articles")
    tables = {
        "articles": articles,
        "time_expressions": frame_from_rows("time_expressions", [
            {"article_id": article_id, "char_start": 0, "char_end": len(text), "text": text, "type": "DATE",
             "value": value or "XXXX-XX-XX", "date_start": D(value) if value else None,
             "date_end": D(value) if value else None, "precision": precision, "rule": "sample"}
            for article_id, text, value, precision in TIME_EXPRESSIONS]),
        "places": frame_from_rows("places", [
            {"article_id": article_id, "char_start": 0, "char_end": len(text), "location_text": text, "location": text,
             "country_code": "CD", "latitude": lat, "longitude": lon, "geonames_id": "0", "geo_precision": 1,
             "role": "location", "relation": "in", "rule": "sample"}
            for article_id, text, lat, lon in PLACES]),
        "incidents": frame_from_rows("incidents", incident_rows(articles)),
        "rejects": frame_from_rows("rejects", REJECTS),
    }
    with OutputWriter(out, list(tables), ("parquet",)) as writer:
        for name, frame in tables.items():
            writer.append(name, TABLES[name].validate(frame))
        return writer.commit({**manifest, "tables": writer.row_counts()})


def write_articles_only(build: Path, out: Path) -> Path:
    """A build as it was before the time, place and incident stages: articles and rejects only."""
    with OutputWriter(out, ["articles", "rejects"], ("parquet",)) as writer:
        for name in ("articles", "rejects"):
            writer.append(name, load_table(build, name))
        return writer.commit({})
