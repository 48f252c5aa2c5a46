"""Choose one gazetteer entry per place span, using what the whole article says.

Reads  : spans (match.py) and their readings (context.py).
Returns: PlaceMentions. Namesakes are ranked by, in falling weight: sharing a raion (admin2) with a
place named in the same sentence, sharing an oblast/admin-1 with one, lying in a region the article names
or in a country the article is about, then population. "Yahidne" next to "Bakhmut" is the Donetsk one;
"Pisky" in an article about the Donetsk region is not the Poltava village.

Before ranking, weak candidates need support: a name borne only as an alternate (a historic name:
"Stanislav" for Ivano-Frankivsk) loses to a namesake bearing it as its own name in a region the article
is about; a place abroad, far from every place the article names, must be big (a capital or a city), and
very big when met only through an alternate name ("Hamas" is an alternate name of Hamm); an abbreviation
("MoH") names only big places; a Russian-style spelling met through the loose key ("Sinkovka") counts only
in a region the article names. A city district ("Saltivskyi", "Shevchenkivskyi") resolves to its city,
preferring the city the article names, and never to a city the article gives no sign of.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from builder.places.context import Reading
from builder.places.gazetteer import Gazetteer, Place
from builder.places.match import Span
from builder.places.mention import PlaceMention
from builder.places.names import ARTICLES, name_key
from builder.places.sources import EARTH_RADIUS_KM, kilometres

# A place is an anchor (context for its neighbours) when it is unambiguous or clearly the big one.
ANCHOR_POPULATION = 100_000
# A small place abroad, in a country the article never names, is far more likely a false match.
FOREIGN_MIN_POPULATION = 50_000
# Abroad (in a country neither named nor bordering one named) and further than FAR_KM from every place
# the article names: a capital or a city of this size; through an alternate name only, of the second size.
# Abroad but near: FOREIGN_MIN_POPULATION, or FAR_FOREIGN_MIN_POPULATION through an alternate name.
FAR_KM = 150.0
FAR_FOREIGN_MIN_POPULATION, FAR_FOREIGN_ALTERNATE_MIN_POPULATION = 100_000, 1_000_000
# An abbreviation ("MoH", "IDF") names a place only when it is the usual short form of a big one.
ACRONYM_MIN_POPULATION = 100_000
# A Russian-style spelling met through the loose key counts in a region the article names or this close
# to a place it names ("Stelmakhovka", over the Luhansk border from Kupiansk).
LOOSE_NEAR_KM = 50.0
# A city district whose city the article names.
PARENT_NAMED = 6.0
# A city district whose city is named last before it in its paragraph.
NEAREST_PARENT = 4.0
SAME_SENTENCE_ADMIN2, SAME_SENTENCE_ADMIN1, ARTICLE_ADMIN1, ARTICLE_COUNTRY = 3.0, 2.0, 2.0, 1.5
OWN_NAME_TOWN = 10_000  # inhabitants: a town this size bearing a name as its own outranks former names
# A town this big bearing a variant spelling of a country's name is meant, not the country.
COUNTRY_VARIANT_RIVAL = 10_000
# A folded spelling counts only this close to the entry's name (difflib ratio of the joined words).
FOLD_SIMILARITY = 0.75
# Relations that say the words name a place ("near X", "the outskirts of X").
PLACE_RELATIONS = frozenset({"near", "outskirts", "direction", "area"})
# "Lyman in the Kharkiv region": a region phrase right after the name settles the namesake.
ATTACHED_REGION = 5.0
_ATTACHED_GAP = re.compile(r"^\s*,?\s*(?:in|of)\s+(?:the\s+)?(?:\w+['’]s\s+)?(?:\w+\s+)?$", re.IGNORECASE)


@dataclass(slots=True)
class _Context:
    countries: Counter
    admin1: Counter
    sentence_admin1: dict[int, set[str]]
    sentence_admin2: dict[int, set[str]]
    named: set[int] = field(default_factory=set)  # entries the article names unambiguously
    named_at: dict[int, list[int]] = field(default_factory=dict)  # entry -> where a name it bears stands (chars)
    breaks: list[int] = field(default_factory=list)  # offsets of the line breaks between paragraphs
    key_admin1: Counter = field(default_factory=Counter)  # (name key, admin-1 code) -> mentions added
    points: list[tuple[int, float, float]] = field(default_factory=list)  # (entry, latitude, longitude)
    neighbours: set[str] = field(default_factory=set)  # countries bordering those the article names
    near: dict[int, bool] = field(default_factory=dict)  # entry -> near a named place (once points are known)


def geocode(text: str, spans: list[Span], readings: list[Reading | None],
            gazetteer: Gazetteer) -> list[PlaceMention]:
    context = _article_context(spans, readings, gazetteer)
    context.breaks = [found.start() for found in re.finditer("\n", text)]
    mentions = []
    for number, (span, reading) in enumerate(zip(spans, readings)):
        if reading is None:
            continue
        attached = _attached_region(text, spans, readings, number, context, gazetteer)
        for place, rule in _choose(span, reading, context, gazetteer, attached):
            mentions.append(_mention(span, reading, place, rule, gazetteer))
    return sorted(mentions, key=lambda m: (m.char_start, m.location))


def _article_context(spans, readings, gazetteer: Gazetteer) -> _Context:
    """Countries, regions and places the article names. A small place named only once in a country nothing
    else in the article points to (or met through an alternate name) does not count by itself: "Fano" (an
    Italian town, and an Ethiopian militia) must not make an article about Amhara an article about Italy."""
    context = _Context(Counter(), Counter(), {}, {})
    for span in spans:
        if span.demonym:
            context.countries[span.demonym] += 1
    weak = []
    for span, reading in zip(spans, readings):
        if reading is None:
            continue
        for index in span.candidates:
            context.named_at.setdefault(index, []).append(span.start_char)
        aliased = _alias_targets(span, context)
        for index in aliased or _anchor(span, reading, gazetteer):
            place = gazetteer.place(index)
            if not aliased and (index in span.alternates or (place.kind == "admin1" and not reading.wants_region)
                                or (place.kind == "place" and place.population < ANCHOR_POPULATION)):
                weak.append((span, place))
            else:
                _add_to_context(context, span, place)
    strong = set(context.countries)
    near = strong | {n for country in strong for n in gazetteer.neighbours.get(country, ())}
    for span, place in weak:
        if not strong or place.country in near:
            _add_to_context(context, span, place)
    for span, reading in zip(spans, readings):  # "the Galgaduud region": a folded spelling of Galguduud
        if reading is not None and reading.wants_region and span.folded and not span.candidates:
            for index in span.folded:
                place = gazetteer.place(index)
                if place.kind == "admin1" and context.countries[place.country]:
                    _add_to_context(context, span, place)
    context.neighbours = {n for country in context.countries for n in gazetteer.neighbours.get(country, ())}
    return context


def _add_to_context(context: _Context, span: Span, place: Place) -> None:
    context.named.add(place.index)
    if place.latitude is not None and place.kind != "country":
        context.points.append((place.index, place.latitude, place.longitude))
    context.countries[place.country] += 1
    if place.admin1_code:
        context.admin1[place.admin1_code] += 1
        context.key_admin1[(span.key, place.admin1_code)] += 1
        context.sentence_admin1.setdefault(span.sentence, set()).add(place.admin1_code)
    if place.admin2:
        context.sentence_admin2.setdefault(span.sentence, set()).add(place.admin2)


def _anchor(span: Span, reading: Reading, gazetteer: Gazetteer) -> tuple[int, ...]:
    if span.acronym:
        return ()
    places = [gazetteer.place(i) for i in span.candidates]
    own = [p for p in places if p.index not in span.alternates]
    if len(own) < len(places):  # "Stanislav": a village's own name, an old name of Ivano-Frankivsk
        if len(own) == 1 and own[0].kind == "place" and own[0].population < ANCHOR_POPULATION:
            return ()  # too weak to tell the article's region by itself
        places = own or places
    countries = [p for p in places if _means_country(p, span, places)]
    if countries:
        return (countries[0].index,)
    if len(places) == 1:
        return (places[0].index,)
    regions = [p for p in places if p.kind == "admin1"]
    regions = [p for p in regions if p.admin1_code not in gazetteer.city_like_admin1] or regions
    if len(regions) == 1 and (reading.wants_region or any(
            p.kind == "place" and p.admin1_code == regions[0].admin1_code and name_key(p.name) == span.key
            for p in places)):
        return (regions[0].index,)  # "the Kherson region", or "Kherson", city or oblast: the oblast either way
    ranked = sorted((p for p in places if p.kind == "place"), key=lambda p: p.population, reverse=True)
    if len(ranked) == 1:
        return (ranked[0].index,)
    if ranked and ranked[0].population >= ANCHOR_POPULATION and ranked[0].population >= 10 * ranked[1].population:
        return (ranked[0].index,)
    return ()


def _alias_targets(span: Span, context: _Context) -> tuple[int, ...]:
    for rule, countries, targets in span.aliases:
        if _alias_applies(countries, context):
            return targets
    return ()


def _alias_applies(countries: tuple[str, ...] | None, context: _Context) -> bool:
    return countries is None or any(context.countries[country] for country in countries)


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
    for rule, countries, targets in span.aliases:
        if _alias_applies(countries, context):
            places = [gazetteer.place(i) for i in targets]
            if reading.wants_settlement and span.candidates and not any(p.kind == "place" for p in places):
                break  # "Idlib city": the alias names the governorate, the words the town
            if reading.wants_region:
                places = [_as_region(p, gazetteer, span.key) or p for p in places]
            return [(p, rule) for p in places]
    else:
        if span.aliases and not span.candidates:
            return []
    places = _supported(span, reading, context, gazetteer, attached)
    if reading.wants_settlement:
        places = [p for p in places if p.kind in ("place", "district")] or places
    if reading.wants_region:
        regions = [p for p in places if p.kind == "admin1"]
        regions = [p for p in regions if p.admin1_code not in gazetteer.city_like_admin1] or regions
        places = regions or [r for p in places if (r := _as_region(p, gazetteer, span.key))] or places
    if not places:
        return []

    nearest = _nearest_parent(span, places, context)

    def score(place: Place) -> float:
        bonus = ATTACHED_REGION if attached is not None and place.admin1_code == attached else 0.0
        if place.kind == "district":
            bonus += PARENT_NAMED if place.parent in context.named else 0.0
            bonus += NEAREST_PARENT if place.parent == nearest else 0.0
        return _score(place, span, context, places) + bonus

    return [(max(places, key=score), reading.rule)]


def _close_spelling(key: str, place: Place, gazetteer: Gazetteer) -> bool:
    """The words are spelt close to the entry's name, not only folded alike: "Harardhere" and Xarardheere
    (similarity 0.86) yes; "Callias" and Arish, "Bureaux" and Bouira no."""
    names = gazetteer.admin1_keys.get(place.admin1_code, ()) if place.kind == "admin1" else (name_key(place.name),)
    written = _bare(key)
    return any(SequenceMatcher(None, written, _bare(name)).ratio() >= FOLD_SIMILARITY for name in names)


def _bare(key: str) -> str:
    words = key.split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return "".join(words)


def _nearest_parent(span: Span, places: list[Place], context: _Context) -> int | None:
    """Of the cities the district candidates belong to, the one named last before the district in its
    paragraph: "In Kherson, ... in the Dniprovskyi district" is Kherson's district, whatever else the
    article names."""
    best, best_at = None, -1
    paragraph_start = context.breaks[bisect_left(context.breaks, span.start_char) - 1] \
        if context.breaks and context.breaks[0] < span.start_char else 0
    for place in places:
        if place.kind != "district" or place.parent is None:
            continue
        for at in context.named_at.get(place.parent, ()):
            if paragraph_start <= at < span.start_char and at > best_at:
                best, best_at = place.parent, at
    return best


def _supported(span: Span, reading: Reading, context: _Context, gazetteer: Gazetteer,
               attached: str | None) -> list[Place]:
    """The candidates with enough support from the article (see the module docstring)."""
    places = [gazetteer.place(i) for i in span.candidates]
    if span.acronym and reading.role != "dateline":
        places = [p for p in places if p.kind in ("country", "admin1") or p.population >= ACRONYM_MIN_POPULATION]
    own_here = [p for p in places if p.index not in span.alternates and p.admin1_code and context.admin1[p.admin1_code]]
    if own_here:
        own_places = [p for p in own_here if p.kind in ("place", "district")]
        # A place bearing the name as its own, in a region the article names, beats one bearing it only as an
        # alternate in that region ("Hrodivka": a village's name, and a former name of Myrnohrad nearby).
        regions = {p.admin1_code for p in own_places}  # a region bearing the name ("New York") does not count
        places = [p for p in places if p.index not in span.alternates
                  or (context.admin1[p.admin1_code] and p.admin1_code not in regions)]
    own_towns = [p for p in places if p.index not in span.alternates and p.kind == "place"
                 and p.population >= OWN_NAME_TOWN]
    if own_towns:
        # A town of some size bearing the name as its own beats places bearing it only as a former name
        # unless the article names their region ("Pokrovsk" is the Donetsk town, not Engels' old name).
        places = [p for p in places if p.index not in span.alternates or (p.admin1_code and context.admin1[p.admin1_code])]
    places = [p for p in places if not _implausibly_far(p, span, reading, context)]
    districts = [p for p in places if p.kind == "district"]
    if districts:
        backed = [p for p in districts if p.parent in context.named or context.admin1[p.admin1_code]]
        if backed or len({p.parent for p in districts}) > 1:
            places = [p for p in places if p.kind != "district"] + backed
    if span.loose and (context.countries["UA"] or context.countries["RU"]):

        def supported(place: Place) -> bool:
            # by another name the article gives: "Oktyabrsky" does not back its own Bashkir namesake
            code = place.admin1_code
            if code and (code == attached or context.admin1[code] > context.key_admin1[(span.key, code)]):
                return True
            return _within(place, context.points, LOOSE_NEAR_KM)

        if not any(p.index not in span.alternates and supported(p) for p in places):
            found = [p for i in span.loose if supported(p := gazetteer.place(i))]
            if found:  # a spelling in a region the article names beats a namesake it gives no sign of
                places = [p for p in places if supported(p)] + found
    if span.folded and not any(context.countries[p.country] for p in places):
        places += _folded_supported(span, reading, context, gazetteer)
    return places


def _folded_supported(span: Span, reading: Reading, context: _Context, gazetteer: Gazetteer) -> list[Place]:
    """Entries met through a folded spelling ("Ceel Dheer" for Ceeldheer), in a country the article names
    and in a region it names or within FAR_KM of a place it names (a region: in a country it names); else,
    when the words around call it a place ("the town of Harardhere", "near X", "from X"), the one such entry."""
    found = [p for i in span.folded if context.countries[(p := gazetteer.place(i)).country]
             and _close_spelling(span.key, p, gazetteer)]
    backed = [p for p in found if p.kind == "admin1" or (p.admin1_code and context.admin1[p.admin1_code])
              or _near_a_named_place(p, context)]
    if backed or len(found) != 1:
        return backed
    return found if reading.wants_settlement or reading.locative or reading.relation in PLACE_RELATIONS else []


def _implausibly_far(place: Place, span: Span, reading: Reading, context: _Context) -> bool:
    if place.kind == "country" or not context.countries or context.countries[place.country]:
        return False
    if place.kind == "admin1":
        return not reading.wants_region  # "Red Sea" in a Yemen report is no Egyptian governorate
    alternate = place.index in span.alternates
    if place.country in context.neighbours or _near_a_named_place(place, context):
        return place.population < (FAR_FOREIGN_MIN_POPULATION if alternate else FOREIGN_MIN_POPULATION)
    if alternate:
        return place.population < FAR_FOREIGN_ALTERNATE_MIN_POPULATION
    return place.population < FAR_FOREIGN_MIN_POPULATION and not place.capital


def _near_a_named_place(place: Place, context: _Context) -> bool:
    """Within FAR_KM of another place the article names (asked once per entry: namesakes recur)."""
    near = context.near.get(place.index)
    if near is None:
        near = context.near[place.index] = _within(place, context.points, FAR_KM)
    return near


def _within(place: Place, points: list[tuple[int, float, float]], km: float) -> bool:
    """Is one of the points (not the place) within `km` of it? A distance is at least its north-south part: a
    point further north or south (by a millionth more, far beyond rounding) needs no great-circle formula."""
    if place.latitude is None:
        return False
    latitude, longitude, band = place.latitude, place.longitude, math.degrees(km / EARTH_RADIUS_KM) * (1 + 1e-6)
    return any(kilometres(latitude, longitude, lat, lon) <= km for index, lat, lon in points
               if abs(lat - latitude) <= band and index != place.index)


def _as_region(place: Place, gazetteer: Gazetteer, key: str | None = None) -> Place | None:
    """"Kharkov region": a city whose admin-1 unit bears its name (or the words: "Dnipropetrovsk region",
    the oblast keeping the city's old name) stands for that unit."""
    if place.kind != "place" or not place.admin1_code:
        return place if place.kind == "admin1" else None
    keys = gazetteer.admin1_keys.get(place.admin1_code, frozenset())
    if name_key(place.name) in keys or (key is not None and key in keys):
        index = gazetteer.admin1_entries.get(place.admin1_code)
        return gazetteer.place(index) if index is not None else None
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
    if place.kind == "district":
        return score  # ranked by the article alone: their populations are missing or partial
    if place.kind == "place":
        score += 0.5  # "Idlib", "Gaza": the city before the governorate named after it
    return score + math.log10(place.population + 1) / 2


def _mention(span: Span, reading: Reading, place: Place, rule: str, gazetteer: Gazetteer) -> PlaceMention:
    if place.kind == "district":  # the city it belongs to, as a whole
        place = gazetteer.place(place.parent)
        relative = reading.relation in ("near", "direction", "outskirts")
        reading = Reading(reading.role, reading.relation if relative else "district",
                          reading.geo_precision if relative else 1, reading.rule)
    if place.kind == "country":
        precision, relation = 3, "country"
    elif place.kind == "admin1":
        precision, relation = 3, "part" if reading.relation == "part" else "region"
    else:
        precision = reading.geo_precision or (2 if place.approximate else 1)
        relation = reading.relation or "in"
        if place.approximate:
            precision = max(precision, 2)
    if reading.role != "location":
        relation = None
    if rule == reading.rule:
        rule_id = rule
    else:  # an alias fired; keep the context rule beside it
        rule_id = rule if reading.rule == "name" else f"{rule}+{reading.rule}"
    if span.folded and place.index in span.folded:
        rule_id += "+folded_spelling"  # met through names.fold_keys: a user may want to check it
    return PlaceMention(span.start_char, span.end_char, span.text, place.name,
                        place.admin1 if place.kind != "country" else None, place.admin2, place.country,
                        place.latitude, place.longitude, place.id, precision, reading.role, relation, rule_id)
