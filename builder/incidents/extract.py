"""Incidents of one article: casualty groups and territorial changes, with place, date, actor and claim.

Reads  : the segmented article (spaCy Doc), its publication date, and the time and place stages'
         output for it.
Returns: Incident rows, one per incident, each pointing at its evidence sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from builder.segment import text_of

import re
from bisect import bisect_left, bisect_right
from collections import Counter

from builder.incidents.actors import Sides, find_perpetrator
from builder.incidents.casualties import CasualtyMention, find_casualties
from builder.incidents.claims import Claim, find_claim
from builder.incidents.context import DateFinder, EventDate, PlaceFinder, is_period, place_refs
from builder.incidents.counts import find_counts
from builder.incidents.lexicons import casualty_words
from builder.incidents.model import Incident, number_repeats
from builder.incidents.territory import PlaceRef, TerritoryMention, find_territory

LOCATOR_RELATIONS = {"direction", "distance"}
PARTICIPLES = {"killing", "wounding", "injuring", "leaving"}
PART_CLOSERS = {"—": ("—", "–"), "–": ("—", "–"), "(": (")",)}  # a colon's breakdown runs to the sentence's end
PART_OPENERS = {":", "—", "–", "("}
PARTS_LOOKAHEAD = 10


@dataclass
class _Group:
    """A casualty incident under construction: one or two outcomes at one place."""

    sentence: Span
    place: PlaceRef | None
    several_places: bool
    mentions: list[CasualtyMention] = field(default_factory=list)

    def has(self, outcome: str) -> bool:
        return any(m.outcome == outcome for m in self.mentions)

    @property
    def start(self) -> int:
        return min(m.start for m in self.mentions)

    @property
    def end(self) -> int:
        return max(m.end for m in self.mentions)


@dataclass
class _Story:
    """What the article has established so far, for statements that lean on it."""

    places: PlaceFinder
    dates: DateFinder
    sides: Sides
    claim: Claim | None = None          # the last claim that named its claimant
    attacker: str | None = None         # the party behind the last attack in this paragraph
    last_party: str | None = None       # the last party the text named outside a claimant
    last_target: PlaceRef | None = None  # the last place a territorial statement was about ("seized the town")


def extract_incidents(doc: Doc, published: date, time_expressions: list, places: list) -> list[Incident]:
    refs = place_refs(doc, places)
    countries = Counter(r.mention.country_code for r in refs if r.mention.country_code)
    story = _Story(PlaceFinder(refs), DateFinder(doc, time_expressions, published),
                   Sides(doc, countries.most_common(1)[0][0] if countries else None))
    incidents: list[Incident] = []
    headline: list[Incident] = []  # a headline repeats the story's main incident; used only if the body has none
    previous_end = 0
    text = text_of(doc)
    sentences = [s for s in doc.sents if text[s.start_char:s.end_char].strip()]
    first_sentence = sentences[0].start if sentences else 0
    for sentence in sentences:
        if "\n" in text[previous_end:sentence.start_char]:
            story.places.new_paragraph()
            story.attacker = None
        previous_end = sentence.end_char
        named_countries = Counter(r.mention.country_code for r in story.places.in_sentence(sentence)
                                  if r.mention.country_code)
        story.sides.sentence_country = named_countries.most_common(1)[0][0] if named_countries else None
        claim = find_claim(sentence, story.claim, story.sides)
        if claim is not None and claim.start is not None:
            story.claim = claim
        claimant_tokens = range(claim.start, claim.end) if claim and claim.start is not None else None
        speaker = claim.party if claim else None
        story.places.set_speaker(sentence, claimant_tokens, story.sides.country)
        if story.sides.author_text and (claim is None or claim.claimant is None):
            # A ministry's or an armed group's own statement: what it says in its own voice, it claims.
            claim = Claim(story.sides.author_text, None, None, story.sides.author, claim.status if claim else "claimed")
        attack = find_perpetrator(sentence, story.sides, sentence.start, sentence.end, claimant_tokens, speaker)
        found_here = headline if sentence.start == first_sentence and _is_headline(sentence, text) else incidents
        for group in _group_mentions(sentence, find_casualties(sentence), story.places, found_here):
            found_here.append(_casualty_incident(group, claim, claimant_tokens, story))
        story.attacker = attack.actor or story.attacker
        territory = find_territory(sentence, story.places.in_sentence(sentence), story.sides, speaker,
                                   claimant_tokens, story.last_target or story.places.last_town,
                                   story.last_party, story.places.last_region)
        for mention in _one_per_party_and_place(territory):
            found_here.append(_territory_incident(sentence, mention, claim, story.dates))
            if mention.place is not None and mention.settlements is None and mention.area_km2 is None:
                story.last_target = mention.place
        named = story.sides.parties(sentence, claimant_tokens, speaker)
        story.last_party = named[-1].name if named else story.last_party
        story.places.remember(sentence)
        story.dates.observe(sentence)
    for kind in ("casualties", "territorial_change"):
        if not any(i.incident_type == kind for i in incidents):
            incidents = [i for i in headline if i.incident_type == kind] + incidents
    return number_repeats(_merge_repeats(_without_totals(incidents)))


def _one_per_party_and_place(mentions: list[TerritoryMention]) -> list[TerritoryMention]:
    """One row per statement: "the army had lost control of Hama and redeployed its units outside the city,
    the first provincial capital to fall to the rebels" is the army losing Hama, once. Different parties
    stay apart ("the SDF took over Deir ez-Zor after government troops pulled out of it" is two rows)."""
    kept: list[TerritoryMention] = []
    for mention in mentions:
        if mention.place is None or mention.settlements is not None or mention.area_km2 is not None:
            kept.append(mention)
            continue
        location = mention.place.mention.location
        same_place = [k for k in kept if k.place is not None and k.place.mention.location == location
                      and k.settlements is None and k.area_km2 is None]
        if any(k.actor == mention.actor or mention.actor is None for k in same_place):
            continue
        kept = [k for k in kept if not (k in same_place and k.actor is None)]
        kept.append(mention)
    return kept


def _is_headline(sentence: Span, text: str) -> bool:
    """A first line with no full stop, followed by a paragraph break: "Seven killed as junta jet bombs ..."."""
    words = sentence.text.rstrip()
    line_ends = "\n" in sentence.text[len(words):] or "\n" in text[sentence.end_char:sentence.end_char + 3]
    return not words.endswith((".", "!", "?", '"', "”")) and line_ends


def _group_mentions(sentence: Span, mentions: list[CasualtyMention], places: PlaceFinder,
                    earlier: list[Incident]) -> list[_Group]:
    groups: list[_Group] = []
    updated: int | None = None  # the incident this sentence's toll updated: "risen to three dead and four wounded"
    for mention in mentions:
        place, several = places.place_for(sentence, mention.start, mention.end)
        if mention.toll:
            updated = _apply_toll_update(mention, place, earlier)
            if updated is not None:
                continue
        elif updated is not None and not groups:
            earlier[updated] = earlier[updated].with_changes(**_counts_of(mention))
            continue
        if not groups and _continues_previous(sentence, mention, place, earlier):
            continue
        current = groups[-1] if groups else None
        if current is not None and not current.has(mention.outcome) and (
                place is None or current.place is None or place.mention.location == current.place.mention.location):
            current.mentions.append(mention)
            current.place = current.place or place
            continue
        groups.append(_Group(sentence, place, several, [mention]))
    return [part for group in groups for part in _split_into_parts(group, places)]


def _apply_toll_update(mention: CasualtyMention, place: PlaceRef | None, earlier: list[Incident]) -> int | None:
    """ "The death toll in Kyiv has risen to three": the latest figure replaces the count of the last
    incident at that place (or the last incident, when the update names no place). Returns its index."""
    for index in range(len(earlier) - 1, -1, -1):
        incident = earlier[index]
        if incident.incident_type != "casualties" or incident.cumulative:
            continue
        if place is not None and incident.location not in (None, place.mention.location):
            continue
        earlier[index] = incident.with_changes(**_counts_of(mention))
        return index
    return None


def _counts_of(mention: CasualtyMention) -> dict:
    count, outcome = mention.count, mention.outcome
    return {outcome: count.best, f"{outcome}_low": count.low, f"{outcome}_high": count.high}


def _continues_previous(sentence: Span, mention: CasualtyMention, place: PlaceRef | None,
                        earlier: list[Incident]) -> bool:
    """ "Dozens more were wounded", or a sentence right after the incident that names no place of its own
    ("Some 40 wounded were evacuated to hospital"): the other half of the incident just reported."""
    doc = sentence.doc
    if not earlier or earlier[-1].incident_type != "casualties" or getattr(earlier[-1], mention.outcome) is not None:
        return False
    last = earlier[-1]
    named_here = place is not None and sentence.start <= place.start < sentence.end and \
        getattr(place.mention, "relation", None) not in LOCATOR_RELATIONS  # "60 km south of Bara" locates, no more
    more = mention.count.end < sentence.end and doc[mention.count.end].lower_ in ("more", "others", "other")
    between = text_of(doc)[last.char_end:sentence.start_char]
    summing = not BROAD_WORDS.isdisjoint(t.lower_ for t in sentence)  # "In total, ... in the region"
    right_after = not named_here and not last.cumulative and not mention.cumulative and not summing and \
        between.isspace() and "\n" not in between
    if not (more or right_after):
        return False
    if named_here and last.location is not None and place.mention.location != last.location:
        return False
    earlier[-1] = last.with_changes(**_counts_of(mention))
    return True


def _split_into_parts(group: _Group, places: PlaceFinder) -> list[_Group]:
    """ "Four people were hurt: two in Bakhmut and two in Yahidne", "strikes killed 12 people: five members of
    one family in a house in al-Shati; four in a school in Jabalia; three in a tent in al-Mawasi" give the
    parts, not the total: each count after the opening with the first place before the next count."""
    if len(group.mentions) != 1:
        return [group]
    mention = group.mentions[0]
    sentence = group.sentence
    doc = sentence.doc
    opening = next((i for i in range(mention.end, min(sentence.end, mention.end + PARTS_LOOKAHEAD))
                    if doc[i].text in PART_OPENERS), None)
    if opening is None:
        return [group]
    here = places.in_sentence(sentence)
    # the breakdown ends where its dash or bracket closes: "— two in A, one in B — and wounded five more"
    closers = PART_CLOSERS.get(doc[opening].text, ())
    closing = next((i for i in range(opening + 1, sentence.end) if doc[i].text in closers), sentence.end)
    counts = [c for c in find_counts(sentence)
              if opening < c.start < closing and doc[c.start - 1].lower_ != "of"]  # "members of one family"
    parts = []
    for index, count in enumerate(counts):
        limit = counts[index + 1].start if index + 1 < len(counts) else closing
        place = next((ref for ref in here if count.end <= ref.start < limit), None)
        if place is None:
            return [group]
        parts.append((count, place))
    if len(parts) < 2 or sum(c.best or 0 for c, _ in parts) != mention.count.best:
        return [group]
    return [_Group(sentence, ref, False, [CasualtyMention(mention.outcome, count, mention.victims, count.start,
                                                          count.end, mention.cumulative)])
            for count, ref in parts]


LOCATION_FIELDS = ("location", "location_text", "admin1", "admin2", "country_code", "latitude", "longitude",
                   "geo_precision")


def _location_fields(ref: PlaceRef | None, at_least_precision: int = 1) -> dict:
    if ref is None:
        return dict.fromkeys(LOCATION_FIELDS)
    if ref.near:
        at_least_precision = max(at_least_precision, 2)
    m = ref.mention
    return dict(location=m.location, location_text=m.location_text, admin1=m.admin1, admin2=m.admin2,
                country_code=m.country_code, latitude=m.latitude, longitude=m.longitude,
                geo_precision=max(m.geo_precision, at_least_precision))


def _sentence_fields(sentence: Span) -> dict:
    text = text_of(sentence.doc)[sentence.start_char:sentence.end_char]
    stripped = text.strip()
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    return dict(sentence=stripped, char_start=start, char_end=start + len(stripped))


def _claim_fields(claim: Claim | None, default_status: str) -> dict:
    if claim is None:
        return dict(claimant=None, claim_status="reported")
    status = claim.status if claim.status not in ("claimed", "reported") else default_status
    return dict(claimant=claim.claimant, claim_status=status)


def _confidence(has_place: bool, has_date: bool, has_source: bool) -> float:
    """0.5 for the statement itself, plus 0.2 for a place, 0.2 for a date in the text, 0.1 for a source."""
    return round(0.5 + 0.2 * has_place + 0.2 * has_date + 0.1 * has_source, 2)


def _casualty_incident(group: _Group, claim: Claim | None, claimant_tokens: range | None,
                       story: _Story) -> Incident:
    sentence = group.sentence
    speaker = claim.party if claim else None
    perpetrator = find_perpetrator(sentence, story.sides, group.start, group.end, claimant_tokens, speaker)
    speaker = speaker or story.sides.author  # a ministry's own statement speaks for its side
    actor = perpetrator.actor or _main_clause_party(sentence, group, claimant_tokens, story.sides, speaker)
    victims = {"military" if m.victims == "hostile" else m.victims for m in group.mentions} - {"unknown"}
    victim_type = victims.pop() if len(victims) == 1 else ("mixed" if victims else "unknown")
    if victim_type == "unknown" and casualty_words().civilian_sites.find(sentence):
        victim_type = "civilians"  # "20 people were killed in a strike on a school"
    if actor is None and victim_type == "military" and speaker:
        # A side reporting enemy losses ("45 Ukrainian servicemen were killed", says Moscow; "it had
        # neutralised dozens of terrorists", says the army) inflicted them; plain "soldiers" may be its own.
        named = {p.name for p in story.sides.parties(sentence.doc[group.start:group.end])}
        hostile = any(m.victims == "hostile" for m in group.mentions)
        if (named and speaker not in named) or hostile:
            actor = speaker
    dates = story.dates
    counts: dict[str, int | None] = {}
    for outcome in ("killed", "injured"):
        mention = next((m for m in group.mentions if m.outcome == outcome), None)
        counts[outcome] = mention.count.best if mention else None
        counts[f"{outcome}_low"] = mention.count.low if mention else None
        counts[f"{outcome}_high"] = mention.count.high if mention else None
    event_date = dates.date_for(sentence, group.start, group.end)
    cumulative = any(m.cumulative for m in group.mentions) or is_period(event_date)
    if not cumulative:  # a running total names its perpetrator itself, or has none
        actor = actor or story.attacker  # "the enemy launched missiles at Mykolaiv ... 3 civilians were killed"
        actor = actor or story.sides.enemy  # a governor's summary: every item was the enemy's doing
    claims_enemy_losses = victim_type == "military" and actor is not None and claim is not None and \
        claim.party == actor
    place = group.place
    named_here = place is not None and sentence.start <= place.start < sentence.end
    if cumulative and not named_here:  # "910 people have been killed since the offensive began": not at the last town
        place = story.places.wide_area(story.sides.country) or place
    return Incident(
        incident_type="casualties", **_date_fields(event_date),
        **_location_fields(place, 2 if group.several_places else 1),
        actor=actor, attack_type=perpetrator.attack_type or "unknown",
        **_claim_fields(claim, "claimed" if claims_enemy_losses else "reported"),
        **counts, victims=victim_type, cumulative=cumulative, control_change=None, settlements=None,
        area_km2=None, **_sentence_fields(sentence),
        confidence=_confidence(place is not None, event_date.text is not None, bool(claim and claim.claimant)),
    )


def _main_clause_party(sentence: Span, group: _Group, claimant_tokens: range | None, sides, speaker) -> str | None:
    """ "ISWAP fighters overran a military base near Marte on Monday, killing at least five soldiers": the
    subject of the clause a participle hangs on did the killing."""
    doc = sentence.doc
    if group.start <= sentence.start or doc[group.start].lower_ not in PARTICIPLES or doc[group.start - 1].text != ",":
        return None
    subjects = sides.parties(doc[sentence.start:group.start], claimant_tokens, speaker)
    return subjects[0].name if subjects else None


def _date_fields(event_date: EventDate) -> dict:
    return dict(date_start=event_date.start, date_end=event_date.end, date_precision=event_date.precision,
                date_text=event_date.text)


def _territory_incident(sentence: Span, mention: TerritoryMention, claim: Claim | None,
                        dates: DateFinder) -> Incident:
    event_date = dates.date_for(sentence, mention.start, mention.end)
    is_count = mention.settlements is not None or mention.area_km2 is not None  # "477 km² in August": a total
    return Incident(
        incident_type="territorial_change", **_date_fields(event_date), **_location_fields(mention.place),
        actor=mention.actor, attack_type=None,
        **_claim_fields(claim, "claimed" if claim and claim.claimant and claim.party else "reported"),
        killed=None, killed_low=None, killed_high=None, injured=None, injured_low=None, injured_high=None,
        victims=None, control_change=mention.change, settlements=mention.settlements,
        cumulative=mention.cumulative or (is_count and is_period(event_date)),
        area_km2=mention.area_km2, **_sentence_fields(sentence),
        confidence=_confidence(mention.place is not None, event_date.text is not None,
                               bool(claim and claim.claimant)),
    )


def _merge_repeats(incidents: list[Incident]) -> list[Incident]:
    """One incident mentioned twice is one row: "12 people have been injured in the capital" and, later,
    "two people have been killed in Kyiv" at the same place and date are one attack. The first mention
    stays the evidence; later mentions complete it."""
    kept: list[Incident] = []
    for incident in incidents:
        match = next((i for i, k in enumerate(kept) if _repeats(k, incident)), None)
        if match is None:
            kept.append(incident)
        else:
            kept[match] = _completed(kept[match], incident)
    return kept


# Words of a sum over places: "In total, ... in the region", "across Kyiv and the surrounding region".
BROAD_WORDS = {"total", "across", "altogether", "overall", "region", "province", "oblast", "governorate"}
ANOTHER_NAME = re.compile(r"\balso (?:spelled|spelt|known|called|written)\b")
SEPARATE_INCIDENT_WORDS = ("elsewhere", "separately", "another attack", "another strike", "in a separate",
                           "a separate", "also")


def _repeats(first: Incident, second: Incident) -> bool:
    if first.incident_type != second.incident_type or first.cumulative != second.cumulative:
        return False
    if first.incident_type == "territorial_change":
        return (first.control_change, first.actor, first.location, first.settlements, first.area_km2) == (
            second.control_change, second.actor, second.location, second.settlements, second.area_km2)
    same_counts = all(getattr(first, o) is None or getattr(second, o) is None or getattr(first, o) == getattr(second, o)
                      for o in ("killed", "injured"))
    if first.location is None or second.location is None:
        # A headline ("Seven killed as junta jet bombs monastery") and its story's first paragraph.
        shared = any(getattr(first, o) is not None and getattr(first, o) == getattr(second, o)
                     for o in ("killed", "injured"))
        return same_counts and shared
    if (first.killed, first.injured) == (second.killed, second.injured):
        return first.location == second.location
    # Complementary figures ("12 injured in Kyiv" ... "two killed in Kyiv") are one attack only at one
    # town, on one date, unless the text says it is another one.
    dated_by_context = _dated_by_context(first) or _dated_by_context(second)
    same_date = "unknown" in (first.date_precision, second.date_precision) or dated_by_context or (
        first.date_start, first.date_end) == (second.date_start, second.date_end)
    # "also" marks another incident, not a name: "Shag Alnom (also spelled Shaq al-Nom)", "also known as"
    words = ANOTHER_NAME.sub("", second.sentence.lower())
    separate = any(word in words for word in SEPARATE_INCIDENT_WORDS)
    return same_counts and first.location == second.location and same_date and not _is_area_row(first) and \
        not _is_area_row(second) and not separate


def _is_area_row(incident: Incident) -> bool:
    """A row for a whole region or country, not for a town (a village located only by its region has precision 3
    too, but its own name)."""
    return incident.geo_precision == 3 and (incident.admin1 is None or incident.location == incident.admin1)


def _completed(first: Incident, later: Incident) -> Incident:
    fill = {}
    for name in ("killed", "injured"):
        if getattr(first, name) is None and getattr(later, name) is not None:
            fill.update({name: getattr(later, name), f"{name}_low": getattr(later, f"{name}_low"),
                         f"{name}_high": getattr(later, f"{name}_high")})
    for name in ("actor", "claimant", "attack_type"):
        if getattr(first, name) in (None, "unknown") and getattr(later, name) not in (None, "unknown"):
            fill[name] = getattr(later, name)
    if first.location is None and later.location is not None:
        fill.update({name: getattr(later, name) for name in LOCATION_FIELDS})
    if _dated_by_context(first) and not _dated_by_context(later):  # a summary line, then the dated account
        fill.update(date_start=later.date_start, date_end=later.date_end, date_precision=later.date_precision,
                    date_text=later.date_text)
    return first.with_changes(**fill)


def _dated_by_context(incident: Incident) -> bool:
    return incident.date_text is None or incident.date_text not in incident.sentence


def _without_totals(incidents: list[Incident]) -> list[Incident]:
    """ "In total, 2 people were killed and 5 injured in the region", "To recap: the attack killed four
    across Kyiv and the region": a row that only sums rows already given is not a new incident."""
    casualties = sorted((i for i in incidents if i.incident_type == "casualties" and not i.cumulative),
                        key=lambda i: i.char_start)
    starts = [i.char_start for i in casualties]
    # Sums of every outcome over the rows from position k to the end, so a summary is checked in one step.
    suffix = [(0, 0)] * (len(casualties) + 1)
    for k in range(len(casualties) - 1, -1, -1):
        suffix[k] = (suffix[k + 1][0] + (casualties[k].killed or 0), suffix[k + 1][1] + (casualties[k].injured or 0))
    totals = set()
    for incident in casualties:
        first_after = bisect_right(starts, incident.char_start)
        after = (len(casualties) - first_after, suffix[first_after])
        if _sums_other_rows(incident, casualties[:bisect_left(starts, incident.char_start)], after):
            totals.add(id(incident))
    return [i for i in incidents if id(i) not in totals]


def _sums_other_rows(total: Incident, before: list[Incident], after: tuple[int, tuple[int, int]]) -> bool:
    """True when the rows just before `total` (a recap), or all the rows after it (a summary heading its
    breakdown), two or more from other sentences, add up to it. `after` is (rows, (killed, injured))."""
    placed_by_context = total.location_text is not None and total.location_text not in total.sentence
    sum_like = total.location is None or _speaks_of_a_sum(total) or total.geo_precision == 3
    unplaced = total.location is None or placed_by_context or _speaks_of_a_sum(total)
    figures = (total.killed, total.injured)
    if not (sum_like or unplaced) or figures == (None, None):
        return False
    # A recap says it sums ("in total", "across the region") or names no town: "Izium district: the enemy
    # shelled Borova. A woman was killed and her son injured" is its own incident whatever came before.
    if sum_like and _ends_with_a_sum(figures, before):
        return True
    # A summary opens its breakdown without a place of its own; a region-level row followed by rows that
    # happen to add up to it is an incident of its own.
    rows_after, sums_after = after
    return unplaced and rows_after >= 2 and _equal(figures, sums_after)


def _ends_with_a_sum(figures: tuple[int | None, int | None], rows: list[Incident]) -> bool:
    """Whether the last two or more rows add up to the figures; counts only grow going back, so the walk
    stops as soon as a sum passes a figure."""
    killed = injured = 0
    for used, row in enumerate(reversed(rows), start=1):
        killed += row.killed or 0
        injured += row.injured or 0
        if used >= 2 and _equal(figures, (killed, injured)):
            return True
        if any(figure is not None and running > figure for figure, running in zip(figures, (killed, injured))):
            return False
    return False


def _equal(figures: tuple[int | None, int | None], sums: tuple[int, int]) -> bool:
    return all(figure is None or figure == running for figure, running in zip(figures, sums))


def _speaks_of_a_sum(incident: Incident) -> bool:
    return bool(BROAD_WORDS & set(incident.sentence.lower().replace(",", " ").split()))
