"""Choose one gazetteer entry per place span, using what the whole article says.

Reads  : spans (match.py) and their readings (context.py).
Returns: PlaceMentions. Namesakes are ranked by, in falling weight: sharing a raion (admin2) with a
place named in the same sentence, sharing an oblast/admin-1 with one, lying in a region the article names
or in a country the article is about, then population. "Yahidne" next to "Bakhmut" is the Donetsk one;
"Pisky" in an article about the Donetsk region is not the Poltava village.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from builder.places.context import Reading
from builder.places.gazetteer import Gazetteer, Place
from builder.places.match import Span
from builder.places.mention import PlaceMention
from builder.places.names import name_key

# A place is an anchor (context for its neighbours) when it is unambiguous or clearly the big one.
ANCHOR_POPULATION = 100_000
# A small place abroad, in a country the article never names, is far more likely a false match.
FOREIGN_MIN_POPULATION = 50_000
SAME_SENTENCE_ADMIN2, SAME_SENTENCE_ADMIN1, ARTICLE_ADMIN1, ARTICLE_COUNTRY = 3.0, 2.0, 2.0, 1.5
# A town this big bearing a variant spelling of a country's name is meant, not the country.
COUNTRY_VARIANT_RIVAL = 10_000
# "Lyman in the Kharkiv region": a region phrase right after the name settles the namesake.
ATTACHED_REGION = 5.0
_ATTACHED_GAP = re.compile(r"^\s*,?\s*(?:in|of)\s+(?:the\s+)?(?:\w+['’]s\s+)?(?:\w+\s+)?$", re.IGNORECASE)


@dataclass(slots=True)
class _Context:
    countries: Counter
    admin1: Counter
    sentence_admin1: dict[int, set[str]]
    sentence_admin2: dict[int, set[str]]


def geocode(text: str, spans: list[Span], readings: list[Reading | None],
            gazetteer: Gazetteer) -> list[PlaceMention]:
    context = _article_context(spans, readings, gazetteer)
    mentions = []
    for number, (span, reading) in enumerate(zip(spans, readings)):
        if reading is None:
            continue
        attached = _attached_region(text, spans, readings, number, context, gazetteer)
        for place, rule in _choose(span, reading, context, gazetteer, attached):
            mentions.append(_mention(span, reading, place, rule, gazetteer))
    return sorted(mentions, key=lambda m: (m.char_start, m.location))


def _article_context(spans, readings, gazetteer: Gazetteer) -> _Context:
    context = _Context(Counter(), Counter(), {}, {})
    for span in spans:
        if span.demonym:
            context.countries[span.demonym] += 1
    for span, reading in zip(spans, readings):
        if reading is None:
            continue
        for index in _alias_targets(span, context) or _anchor(span, gazetteer):
            place = gazetteer.place(index)
            context.countries[place.country] += 1
            if place.admin1_code:
                context.admin1[place.admin1_code] += 1
                context.sentence_admin1.setdefault(span.sentence, set()).add(place.admin1_code)
            if place.admin2:
                context.sentence_admin2.setdefault(span.sentence, set()).add(place.admin2)
    return context


def _anchor(span: Span, gazetteer: Gazetteer) -> tuple[int, ...]:
    places = [gazetteer.place(i) for i in span.candidates]
    countries = [p for p in places if _means_country(p, span, places)]
    if countries:
        return (countries[0].index,)
    if len(places) == 1:
        return (places[0].index,)
    ranked = sorted((p for p in places if p.kind == "place"), key=lambda p: p.population, reverse=True)
    if len(ranked) == 1:
        return (ranked[0].index,)
    if ranked and ranked[0].population >= ANCHOR_POPULATION and ranked[0].population >= 10 * ranked[1].population:
        return (ranked[0].index,)
    return ()


def _alias_targets(span: Span, context: _Context) -> tuple[int, ...]:
    for rule, country, targets in span.aliases:
        if country is None or context.countries[country]:
            return targets
    return ()


def _attached_region(text, spans, readings, number, context, gazetteer: Gazetteer) -> str | None:
    """The admin-1 code of a region phrase that follows the span as "X in the Y region"."""
    if number + 1 >= len(spans) or readings[number + 1] is None or not readings[number + 1].wants_region:
        return None
    span, following = spans[number], spans[number + 1]
    if following.sentence != span.sentence or not _ATTACHED_GAP.match(text[span.end_char:following.start_char]):
        return None
    chosen = _choose(following, readings[number + 1], context, gazetteer, None)
    return chosen[0][0].admin1_code if chosen else None


def _choose(span: Span, reading: Reading, context: _Context, gazetteer: Gazetteer,
            attached: str | None) -> list[tuple[Place, str]]:
    for rule, country, targets in span.aliases:
        if country is None or context.countries[country]:
            places = [gazetteer.place(i) for i in targets]
            if reading.wants_region:
                places = [_as_region(p, gazetteer) or p for p in places]
            return [(p, rule) for p in places]
    if span.aliases and not span.candidates:
        return []
    places = [gazetteer.place(i) for i in span.candidates]
    if reading.wants_region:
        regions = [p for p in places if p.kind == "admin1"]
        regions = [p for p in regions if p.admin1_code not in gazetteer.city_like_admin1] or regions
        places = regions or [r for p in places if (r := _as_region(p, gazetteer))] or places
    best = max(places, key=lambda p: _score(p, span, context, places) + (ATTACHED_REGION if p.admin1_code == attached else 0))
    if (best.kind == "place" and context.countries and not context.countries[best.country]
            and best.population < FOREIGN_MIN_POPULATION):
        return []
    return [(best, reading.rule)]


def _as_region(place: Place, gazetteer: Gazetteer) -> Place | None:
    """"Kharkov region": a city whose admin-1 unit bears its name stands for that unit."""
    if place.kind != "place" or not place.admin1_code:
        return place if place.kind == "admin1" else None
    for index in gazetteer.lookup(name_key(place.admin1 or "")):
        candidate = gazetteer.place(index)
        if candidate.kind == "admin1" and candidate.admin1_code == place.admin1_code \
                and name_key(place.name) == name_key(candidate.name):
            return candidate
    return None


def _means_country(place: Place, span: Span, places: list[Place]) -> bool:
    """The country's own name, or a variant no sizeable town shares ("Britain" yes, "Uman" for Oman no)."""
    if place.kind != "country":
        return False
    return name_key(place.name) == span.key or not any(
        p.kind == "place" and p.population >= COUNTRY_VARIANT_RIVAL for p in places)


def _score(place: Place, span: Span, context: _Context, places: list[Place]) -> float:
    score = 0.0
    if _means_country(place, span, places):
        score += 100.0  # a country name means the country, not a village called "Georgia"
    if place.admin2 and place.admin2 in context.sentence_admin2.get(span.sentence, ()):
        score += SAME_SENTENCE_ADMIN2
    if place.admin1_code and place.admin1_code in context.sentence_admin1.get(span.sentence, ()):
        score += SAME_SENTENCE_ADMIN1
    if place.admin1_code and context.admin1[place.admin1_code]:
        score += ARTICLE_ADMIN1
    if context.countries[place.country]:
        score += ARTICLE_COUNTRY
    if place.kind == "place":
        score += 0.5  # "Idlib", "Gaza": the city before the governorate named after it
    return score + math.log10(place.population + 1) / 2


def _mention(span: Span, reading: Reading, place: Place, rule: str, gazetteer: Gazetteer) -> PlaceMention:
    if place.kind == "country":
        precision, relation = 3, "country"
    elif place.kind == "admin1":
        precision, relation = 3, "region"
    else:
        precision = reading.geo_precision or (2 if place.approximate else 1)
        relation = reading.relation or "in"
        if place.approximate:
            precision = max(precision, 2)
    if reading.role == "actor":
        relation = None
    if rule == reading.rule:
        rule_id = rule
    else:  # an alias fired; keep the context rule beside it
        rule_id = rule if reading.rule == "name" else f"{rule}+{reading.rule}"
    return PlaceMention(span.start_char, span.end_char, span.text, place.name,
                        place.admin1 if place.kind != "country" else None, place.admin2, place.country,
                        place.latitude, place.longitude, place.id, precision, reading.role, relation, rule_id)
