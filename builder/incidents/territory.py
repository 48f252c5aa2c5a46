"""Territorial control in a sentence: who took, lost or left which place, and how many settlements
or square kilometres.

"Ukrainian forces retook Kupiansk" (active: actor before, place after), "Kupiansk was retaken by
Ukrainian troops" (passive: place before, actor after "by"/"to"), "Balakliya, which Ukrainian troops
reclaimed on Thursday" (relative clause: the place before "which"), "recaptured more than 30
settlements", "taken over 2,500 square kilometers (965 square miles)". Places come from the place
stage; when the subject is only "forces" or "it", the actor is the side of whoever is speaking.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from builder.incidents.actors import party_hits, party_of_hit
from builder.incidents.counts import Count, find_counts
from builder.incidents.lexicons import territory_words

OBJECT_LIMIT = 14
SUBJECT_LIMIT = 8
NON_EVENT_WINDOW = 5
OBJECT_STOPS = {";", ":", "after", "since", "when", "while", "but", "to", "towards", "toward", "because", "as",
                "where", "relocated", "redeployed", "moved", "—", "–", "(", "which", "who", "said", "says"}
SUBJECT_STOPS = {",", ";", ":", "that", "—", "–", "(", "said", "says", "and", "but", "while"}
RELATIVE = {"which", "that"}


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place mention of the place stage, with its token range in the doc."""

    mention: object   # builder.places.PlaceMention
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TerritoryMention:
    change: str                 # gained | lost | withdrawn
    actor: str | None
    place: PlaceRef | None      # None for a count or area row without a place
    settlements: int | None
    area_km2: float | None
    start: int                  # token range of the statement
    end: int


def find_territory(sentence: Span, places: list[PlaceRef], speaker_party: str | None,
                   claimant: range | None) -> list[TerritoryMention]:
    words = territory_words()
    doc = sentence.doc
    non_events = [h.start for h in words.non_events.find(sentence)]
    armed = {h.start for h in words.armed.find(sentence)}
    parties = party_hits(sentence, claimant)
    found: list[TerritoryMention] = []
    for verb in words.verbs.find(sentence):
        if any(verb.start - NON_EVENT_WINDOW <= position < verb.start for position in non_events):
            continue
        change, voice = words.verbs.labels(verb)[0].split(":")
        if voice == "passive":
            targets = _places_before(places, sentence, verb.start)[-1:]
            actor = _party_after_by(doc, parties, verb.end)
            counts: list[tuple[Count, str]] = []
        else:
            subject_start = _subject_start(doc, sentence.start, verb.start)
            subject_parties = [p for p in parties if subject_start <= p.start < verb.start]
            subject_armed = any(subject_start <= a < verb.start for a in armed)
            if verb.text.lower() in words.needs_armed_subject and not (subject_parties or subject_armed):
                continue
            actor = party_of_hit(subject_parties[-1]) if subject_parties else speaker_party
            object_end = _object_end(doc, verb.end, sentence.end)
            targets = [p for p in places if verb.end <= p.start < object_end]
            counts = _counts(sentence, verb.end, object_end)
            if not targets and not counts and subject_start > sentence.start and \
                    doc[subject_start - 1].lower_ in RELATIVE:
                targets = _places_before(places, sentence, subject_start)[-1:]
        targets = _most_specific(targets)
        for target in targets:
            found.append(TerritoryMention(change, actor, target, None, None, verb.start, max(verb.end, target.end)))
        for count, kind in counts:
            region = _region_for_counts(places, targets, sentence)
            settlements = count.stated if kind == "settlements" else None
            area = _area(doc, count, words.area_units) if kind == "area" else None
            found.append(TerritoryMention(change, actor, region, settlements, area, verb.start, count.end))
    return found


def _subject_start(doc, sentence_start: int, verb_start: int) -> int:
    start = verb_start
    while start > sentence_start and verb_start - start < SUBJECT_LIMIT and doc[start - 1].lower_ not in SUBJECT_STOPS:
        start -= 1
    return start


def _object_end(doc, start: int, sentence_end: int) -> int:
    end = start
    while end < sentence_end and end - start < OBJECT_LIMIT and doc[end].lower_ not in OBJECT_STOPS:
        end += 1
    return end


def _places_before(places: list[PlaceRef], sentence: Span, position: int) -> list[PlaceRef]:
    return [p for p in places if sentence.start <= p.start and p.end <= position]


def _party_after_by(doc, parties, position: int) -> str | None:
    for party in parties:
        if 0 < party.start - position <= 4 and any(t.lower_ in ("by", "to") for t in doc[position:party.start]):
            return party_of_hit(party)
    return None


def _most_specific(targets: list[PlaceRef]) -> list[PlaceRef]:
    """Named towns win over the region or country they are in ("two towns in the Kharkiv region")."""
    towns = [t for t in targets if getattr(t.mention, "geo_precision", 3) < 3]
    return towns or [t for t in targets if getattr(t.mention, "admin1", None)] or targets


def _counts(sentence: Span, start: int, end: int) -> list[tuple[Count, str]]:
    words = territory_words()
    settlement_starts = {h.start for h in words.settlements.find(sentence)}
    area_starts = {h.start for h in words.area_tagger.find(sentence)}
    found = []
    for count in find_counts(sentence):
        if not start <= count.start < end:
            continue
        if count.end in settlement_starts:
            found.append((count, "settlements"))
        elif count.end in area_starts:
            found.append((count, "area"))
            break  # "2,500 square kilometers (965 square miles)": the first figure, not its conversion
    return found


def _area(doc, count: Count, units: dict[str, float]) -> float | None:
    for length in (3, 2, 1):
        unit = doc[count.end:count.end + length].text.lower()
        if unit in units and count.stated is not None:
            return round(count.stated * units[unit], 1)
    return None


def _region_for_counts(places: list[PlaceRef], targets: list[PlaceRef], sentence: Span) -> PlaceRef | None:
    """A count of settlements is placed in the region the sentence names, if it names one."""
    regions = [p for p in places if sentence.start <= p.start < sentence.end and
               getattr(p.mention, "geo_precision", None) == 3 and getattr(p.mention, "admin1", None)]
    return regions[0] if regions else (targets[0] if targets else None)
