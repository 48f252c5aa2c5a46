"""Territorial control in a sentence: who took, lost or left which place, and how many settlements
or square kilometres.

"Ukrainian forces retook Kupiansk" (active: actor before, place after), "Kupiansk was retaken by
Ukrainian troops" (passive: place before, actor after "by"/"to"), "Balakliya, which Ukrainian troops
reclaimed on Thursday" (relative clause: the place before "which"), "government troops pulled out of
it" (a back-reference to the last town), "liberated more than 60 settlements ... with a total area of
about 4,500 square kilometres" (one count row, placed in the region the sentence names). When the
subject is only "forces", "they" or "it", the actor is the side of whoever is speaking.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span

from builder.incidents.actors import Sides
from builder.incidents.casualties import is_running_total
from builder.incidents.counts import Count, find_counts
from builder.incidents.lexicons import territory_words
from builder.incidents.phrases import is_month
from builder.places.unlisted import UNLISTED_RELATION
from builder.segment import lower_words

OBJECT_LIMIT = 30
SUBJECT_LIMIT = 10
NON_EVENT_WINDOW = 12
OBJECT_STOPS = {";", ":", "after", "since", "when", "while", "but", "to", "towards", "toward", "because", "as",
                "where", "—", "–", "which", "who", "said", "says", "say", "before", "until", "despite"}
SUBJECT_STOPS = {",", ";", ":", "that", "which", "who", "whom", "—", "–", "said", "says", "say", "but", "while",
                 "after", "when"}
COORDINATED_SUBJECT = 6
PASSIVE_SUBJECT_LEAD = 4       # "[The town of] Kavumu, ... fell to the rebels": the clause's first words        # words at the start of a clause that hold the subject of "... and liberated"
DIRECT_OBJECT_GAP = 6          # "liberated [the settlement of] Peschanoye", not "seized at Izyum"
OBJECT_PREPOSITIONS = {"at", "in", "near", "around", "outside", "inside", "on", "by", "with", "into", "during"}
RELATIVE = {"which", "that"}
CLAUSE_BREAKS = {";", ":", "—", "–"}
AUXILIARIES = {"have", "has", "had", "been", "was", "were", "also", "then", "later", "subsequently"}
# Withdrawal words that do not leave "where they were" implied: nouns ("authorised the withdrawal") and
# transitive verbs that need their object ("left two people dead", "abandoned their positions").
NOT_LEAVING_WHERE_THEY_WERE = {"withdrawal", "pullout", "retreat", "exit", "left", "abandoned"}
NOT_BACK_REFERENCES = {"hall", "centre", "center", "council", "square", "limits", "outskirts"}  # "the town hall"
PRONOUNS = {"they", "it", "we", "he", "she"}
MEMBER_LEADS = {"including", "among", "such"}   # "60 settlements, among them Snihurivka, ..."
ADJECTIVE_LEADS = {"the", "a", "an", "these", "those", "its", "their", "newly", "recently", "previously", "other"}
FROM_WORDS = {"from", "of"}
BACK_REFERENCES = {"it", "city", "town", "village", "settlement", "camp"}
COUNTRY_PRECISION = 3
REGION_FRAME = {"in", "region", "oblast", "province", "governorate", "state", "district"}
LIST_JOINERS = {",", "and", "or", "the", "as", "well", "also", "villages", "towns", "of", "city", "village", "town",
                "settlement", "settlements", "localities", "hamlets"}


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place mention of the place stage, with its token range in the doc. `near`: the statement is about
    something near or in the place (a base near it), so its precision is at least 2."""

    mention: object   # builder.places.PlaceMention
    start: int
    end: int
    near: bool = False


@dataclass(frozen=True, slots=True)
class TerritoryMention:
    change: str                 # gained | lost | withdrawn
    actor: str | None
    cumulative: bool
    place: PlaceRef | None      # None for a count or area row without a place
    settlements: int | None
    area_km2: float | None
    start: int                  # token range of the statement
    end: int


def is_area(ref: PlaceRef) -> bool:
    """A region or country, not a town: precision 3, except a town the gazetteer lacks that only a region
    locates ("Boulkessi, in central Mali"), which is still a town."""
    mention = ref.mention
    return getattr(mention, "geo_precision", None) == COUNTRY_PRECISION and \
        getattr(mention, "relation", None) != UNLISTED_RELATION


def find_territory(sentence: Span, places: list[PlaceRef], sides: Sides, speaker_party: str | None,
                   claimant: range | None, last_town: PlaceRef | None, last_party: str | None = None,
                   last_region: PlaceRef | None = None) -> list[TerritoryMention]:
    words = territory_words()
    doc = sentence.doc
    non_events = [h.start for h in words.non_events.find(sentence) if not is_month(h)]
    armed = {h.start for h in words.armed.find(sentence)}
    parties = sides.parties(sentence, claimant, speaker_party)
    found: list[TerritoryMention] = []
    for verb in words.verbs.find(sentence):
        clause_start = _subject_start(doc, sentence.start, verb.start, limit=NON_EVENT_WINDOW)
        if any(clause_start <= position < verb.start for position in non_events):
            continue  # "Hamas wants a full Israeli withdrawal from Gaza", "failed to take the town"
        change, voice = verb.label.split(":")
        verb_end = verb.end
        if doc[verb_end - 1].lower_ == "over" and verb_end < sentence.end and doc[verb_end].like_num:
            verb_end -= 1  # "had taken over 2,500 square kilometres": "over" qualifies the number
        members = False
        if voice == "passive":
            # "Dinder, also in Sennar State, was retaken by SAF": the clause's subject, not the region after it
            # "For readers just joining us: Balakliia, a town south-east of Kharkiv, is now under the control
            # of Ukrainian forces": the clause's first town, past any apposition.
            clause = _clause_start(doc, sentence.start, verb.start)
            before = [p for p in places if clause <= p.start and p.end <= verb.start and (
                p.start - clause <= PASSIVE_SUBJECT_LEAD or verb.start - p.end <= 2)]
            targets = ([p for p in before if not is_area(p)] or before)[:1]
            if not targets:  # "forces were in Kupiansk, implying that it had been taken"
                targets = [p for p in places if sentence.start <= p.start and p.end <= verb.start
                           and not is_area(p)][-1:]
            actor = next((p.name for p in parties if 0 <= p.start - verb_end <= 4 and (
                any(t.lower_ in ("by", "to") for t in doc[verb_end - 1:p.start]) or doc[verb_end - 1].lower_ == "of")),
                speaker_party)  # "fell to Russian forces": the pattern itself may end with "to"
            counts: list[tuple[Count, str]] = []
        else:
            if verb.end - verb.start == 1 and verb.start > sentence.start and verb.text.lower().endswith(("ed", "en")) \
                    and (doc[verb.start - 1].lower_ in ADJECTIVE_LEADS or (
                        doc[verb.start - 1].text == "-" and doc[verb.start - 2].lower_ != "re")):
                continue  # "the liberated settlements", "a Russian-occupied town": an adjective, not an event
            subject_start = _subject_start(doc, sentence.start, verb.start)
            if _after_and(doc, sentence.start, verb.start):
                # "Units of the Vostok group continued to advance into the enemy's defence and liberated X":
                # the second verb shares the clause's subject, not the words of the first verb's object.
                subject_start = _subject_start(doc, sentence.start, verb.start, limit=OBJECT_LIMIT)
                subject_end = min(verb.start, subject_start + COORDINATED_SUBJECT)
            else:
                subject_end = verb.start
            subject_parties = [p for p in parties if subject_start <= p.start < subject_end]
            subject_armed = any(subject_start <= a < subject_end for a in armed)
            earlier = [p for p in parties if sentence.start <= p.start < subject_start]
            pronoun = PRONOUNS.intersection(t.lower_ for t in doc[subject_start:verb.start])
            armed_speaker = pronoun and (speaker_party or earlier)  # "HTS fighters say they have entered"
            if doc[verb.start].lower_ in words.needs_armed_subject and not (subject_parties or subject_armed
                                                                            or armed_speaker):
                continue
            if doc[verb.start].lower_ in words.needs_flag_subject and words.flag_nouns.isdisjoint(
                    t.lower_ for t in doc[_subject_start(doc, sentence.start, verb.start, OBJECT_LIMIT):verb.start]):
                continue  # "the black flag of Jama'at Nusrat al-Islam wal-Muslimin (JNIM) flew over Djibo"
            # "its troops", "they have taken", "the militiamen withdrew": the speaker's side ("Russia's
            # Defence Ministry said that its forces had captured"), else the party named before ("Ukraine's
            # announcement that its troops had liberated"), else the last party the story named, else the
            # statement's author.
            actor = (subject_parties[-1].name if subject_parties else
                     speaker_party or (earlier[-1].name if earlier else sides.author or last_party))
            object_start, object_end = verb_end, _object_end(doc, verb_end, sentence.end)
            if change == "withdrawn":
                object_start = next((i + 1 for i in range(verb_end, object_end) if doc[i].lower_ in FROM_WORDS),
                                    object_start)
            targets = [p for p in places if object_start <= p.start < object_end]
            counts = _counts(sentence, verb_end, object_end, places)
            if targets and change != "withdrawn" and not _direct_object(doc, object_start, targets[0]):
                if not counts and _facility_object(doc, object_start, object_end):
                    targets = [replace(targets[0], near=True)]  # "overran a military base near Boulkessi"
                else:
                    around = targets[:1]
                    targets = _members(doc, targets) if counts else []
                    members = bool(targets)
                    if counts and not targets:  # "recaptured about 3 square miles near Robotyne": where the area is
                        targets = [replace(around[0], near=True)]
            if not targets and not counts:
                targets = _back_reference(doc, sentence, places, subject_start, object_start, object_end, last_town)
            if not targets and not counts and change == "withdrawn" and object_start == verb_end and \
                    verb.text.lower() not in NOT_LEAVING_WHERE_THEY_WERE:
                # "held the town for most of the day before withdrawing": they left where they were
                targets = _place_left(sentence, places, verb.start, last_town)
        cumulative = is_running_total(sentence, verb)
        found.extend(_mentions(change, actor, cumulative, targets, counts, places, sentence, verb.start, members,
                               last_region))
    return found


def _facility_object(doc, object_start: int, object_end: int) -> bool:
    """ "overran a military base near Boulkessi": the object is a facility, located by the place after it."""
    words = [t.lower_ for t in doc[object_start:min(object_end, object_start + 4)]]
    return not territory_words().facilities.isdisjoint(words)


def _place_left(sentence: Span, places: list[PlaceRef], verb_start: int, last_town: PlaceRef | None) -> list[PlaceRef]:
    earlier = [p for p in places if sentence.start <= p.start < verb_start and not is_area(p)]
    return earlier[-1:] or ([last_town] if last_town is not None else [])


def _direct_object(doc, object_start: int, target: PlaceRef) -> bool:
    """The place is what the verb acts on: "retook Kupiansk", "liberated the settlement of Peschanoye",
    not where something happened: "detainees seized at Izyum"."""
    between = [t.lower_ for t in doc[object_start:target.start]]
    return len(between) <= DIRECT_OBJECT_GAP and not OBJECT_PREPOSITIONS.intersection(between)


def _members(doc, targets: list[PlaceRef]) -> list[PlaceRef]:
    """Places named as members of a count: "more than 60 settlements ..., among them Snihurivka"."""
    for index, target in enumerate(targets):
        lead = {t.lower_ for t in doc[max(0, target.start - 2):target.start]}
        if MEMBER_LEADS.intersection(lead):
            return targets[index:]
    return []


def _listed(doc, targets: list[PlaceRef], regions: list[PlaceRef] = ()) -> list[PlaceRef]:
    """The first place and the places listed with it ("Snihurivka, Chornobaivka and Bilozerka", "Dvurechnaya
    in the Kharkov region, as well as Petropavlovka"), not the places an apposition names ("Robotyne, a
    village about 10 km south of Orikhiv")."""
    in_regions = {i for r in regions for i in range(r.start, r.end)}
    kept = targets[:1]
    for target in targets[1:]:
        between = [t.lower_ for t in doc[kept[-1].end:target.start] if t.i not in in_regions]
        if len(between) < target.start - kept[-1].end:  # "... in the Kharkov region, as well as"
            between = [word for word in between if word not in REGION_FRAME]
        if all(word in LIST_JOINERS for word in between):
            kept.append(target)
        else:
            break
    return kept


def _mentions(change, actor, cumulative, targets, counts, places, sentence, verb_start, members: bool,
              last_region: PlaceRef | None) -> list[TerritoryMention]:
    if counts:
        # A count is located at the region the sentence names ("60 settlements in the Kherson region"),
        # else at the place it is around ("regained about 2 square kilometres around Bakhmut").
        named = _listed(sentence.doc, [t for t in targets if not is_area(t)])
        region = next((p for p in places if sentence.start <= p.start < sentence.end and is_area(p)
                       and getattr(p.mention, "admin1", None)), None)
        if region is None and named and not members:
            region, named = named[0], named[1:]
        region = region or last_region  # "have taken control of 82 settlements": in the region the story is about
        settlements = next((c.best for c, kind in counts if kind == "settlements"), None)
        area = next((_area(sentence.doc, c) for c, kind in counts if kind == "area"), None)
        end = max(c.end for c, _ in counts)
        rows = [TerritoryMention(change, actor, cumulative, region, settlements, area, verb_start, end)]
    else:
        named = _listed(sentence.doc, _most_specific(targets), [t for t in targets if is_area(t)])
        rows = []
    # A running total is a count; a named place taken "since late June" is still one change.
    rows.extend(TerritoryMention(change, actor, False, t, None, None, verb_start, t.end) for t in named)
    return rows


def _after_and(doc, sentence_start: int, verb_start: int) -> bool:
    """ "... captured the headquarters and have taken full control of Ann": a second verb of one subject."""
    position = verb_start - 1
    while position > sentence_start and doc[position].lower_ in AUXILIARIES:
        position -= 1
    return position >= sentence_start and doc[position].lower_ == "and"


def _clause_start(doc, sentence_start: int, position: int) -> int:
    while position > sentence_start and doc[position - 1].lower_ not in CLAUSE_BREAKS:
        position -= 1
    return position


def _subject_start(doc, sentence_start: int, verb_start: int, limit: int = SUBJECT_LIMIT) -> int:
    start = verb_start
    while start > sentence_start and verb_start - start < limit and doc[start - 1].lower_ not in SUBJECT_STOPS:
        start -= 1
    return start


def _object_end(doc, start: int, sentence_end: int) -> int:
    words = lower_words(doc)
    end = start
    while end < sentence_end and end - start < OBJECT_LIMIT:
        if words[end:min(end + 3, sentence_end)] == ["as", "well", "as"]:
            end += 3  # "the town of Selidovo, as well as the settlements of ...": the list goes on
            continue
        if words[end] in OBJECT_STOPS:
            break
        end += 1
    return end


def _back_reference(doc, sentence, places, subject_start, object_start, object_end, last_town) -> list[PlaceRef]:
    """ "Balakliya, which Ukrainian troops reclaimed", "pulled out of it", "withdrew from the city"."""
    if subject_start > sentence.start and doc[subject_start - 1].lower_ in RELATIVE:
        # "Manbij, a mainly Arab city in northern Syria that the SDF captured": the town, not the country
        before = [p for p in places if sentence.start <= p.start and p.end <= subject_start and not is_area(p)]
        if before:
            return before[-1:]
    object_words = [t.lower_ for t in doc[object_start:min(object_end, object_start + 4)]]
    if not BACK_REFERENCES.intersection(object_words) or "of" in object_words or \
            NOT_BACK_REFERENCES.intersection(object_words):
        return []  # "the town" is the last town; "the town of Paletwa" is a town we do not know
    earlier = [p for p in places if sentence.start <= p.start < subject_start and not is_area(p)]
    if earlier:
        return earlier[-1:]
    return [last_town] if last_town is not None else []


def _most_specific(targets: list[PlaceRef]) -> list[PlaceRef]:
    """Named towns win over the region or country they are in ("two towns in the Kharkiv region")."""
    towns = [t for t in targets if not is_area(t)]
    return towns or [t for t in targets if getattr(t.mention, "admin1", None)]


def _counts(sentence: Span, start: int, end: int, places: list[PlaceRef]) -> list[tuple[Count, str]]:
    words = territory_words()
    # "withdrew from Martynovka and Malaya Loknya, two villages north of Sudzha": describes the places named
    described = {ref.end + 1 for ref in places if ref.end < len(sentence.doc) and sentence.doc[ref.end].text == ","}
    settlement_starts = {h.start for h in words.settlements.find(sentence)}
    area_starts = {h.start for h in words.area_tagger.find(sentence)}
    found = []
    unit_words = frozenset(word for unit in words.area_units for word in unit.split())
    for count in find_counts(sentence, keep_units=unit_words):
        if not start <= count.start < end:
            continue
        if count.end in settlement_starts and count.start not in described:
            found.append((count, "settlements"))
        elif count.end in area_starts:
            found.append((count, "area"))
    return found


def _area(doc, count: Count) -> float | None:
    """Square kilometres; "2,500 square kilometers (965 square miles)" uses the first figure only."""
    units = territory_words().area_units
    for length in (3, 2, 1):
        unit = doc[count.end:count.end + length].text.lower()
        if unit in units and count.best is not None:
            return round(count.best * units[unit], 2)
    return None
