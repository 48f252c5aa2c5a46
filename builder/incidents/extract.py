"""Incidents of one article: casualty groups and territorial changes, with place, date, actor and claim.

Reads  : the segmented article (spaCy Doc), its publication date, and the time and place stages'
         output for it.
Returns: Incident rows, one per incident, each pointing at its evidence sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span

from builder.incidents.actors import find_perpetrator, party_hits, party_of_hit
from builder.incidents.casualties import CasualtyMention, find_casualties
from builder.incidents.claims import Claim, find_claim
from builder.incidents.context import DateFinder, EventDate, PlaceFinder, is_period, place_refs
from builder.incidents.counts import find_counts
from builder.incidents.model import Incident
from builder.incidents.territory import PlaceRef, TerritoryMention, find_territory

TOTAL_WORDS = {"total", "all", "altogether", "overall", "combined"}
PART_LINKS = {"in", "at", "near", "from"}


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


def extract_incidents(doc: Doc, published: date, time_expressions: list, places: list) -> list[Incident]:
    refs = place_refs(doc, places)
    place_finder = PlaceFinder(refs)
    date_finder = DateFinder(doc, time_expressions, published)
    incidents: list[Incident] = []
    named_claim: Claim | None = None
    previous_end = 0
    for sentence in doc.sents:
        if not sentence.text.strip():
            continue
        if "\n" in doc.text[previous_end:sentence.start_char]:
            place_finder.new_paragraph()
        previous_end = sentence.end_char
        claim = find_claim(sentence, named_claim)
        if claim is not None and claim.start is not None:
            named_claim = claim
        claimant_tokens = range(claim.start, claim.end) if claim and claim.start is not None else None
        groups = _group_mentions(sentence, find_casualties(sentence), place_finder, incidents)
        for group in groups:
            incidents.append(_casualty_incident(group, claim, claimant_tokens, date_finder))
        speaker_party = claim.party if claim else None
        for mention in find_territory(sentence, place_finder.in_sentence(sentence), speaker_party, claimant_tokens):
            incidents.append(_territory_incident(sentence, mention, claim, date_finder))
        place_finder.remember(sentence)
    return _without_totals(_merge_repeats(incidents))


def _group_mentions(sentence: Span, mentions: list[CasualtyMention], places: PlaceFinder,
                    earlier: list[Incident]) -> list[_Group]:
    groups: list[_Group] = []
    for mention in mentions:
        if _is_toll_update(sentence, mention) and _apply_toll_update(mention, earlier):
            continue
        place, several = places.place_for(sentence, mention.start, mention.end)
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


def _is_toll_update(sentence: Span, mention: CasualtyMention) -> bool:
    words = {t.lower_ for t in sentence.doc[max(sentence.start, mention.start - 8):mention.end]}
    return "toll" in words and bool(words & {"risen", "rose", "climbed", "reached", "increased", "jumped"})


def _apply_toll_update(mention: CasualtyMention, earlier: list[Incident]) -> bool:
    """ "The death toll had risen to 8": the latest figure replaces the last incident's count."""
    for index in range(len(earlier) - 1, -1, -1):
        incident = earlier[index]
        if incident.incident_type == "casualties" and not incident.cumulative:
            count = mention.count
            field = mention.outcome
            earlier[index] = incident.with_changes(**{field: count.best, f"{field}_low": count.low,
                                                      f"{field}_high": count.high})
            return True
    return False


def _continues_previous(sentence: Span, mention: CasualtyMention, place: PlaceRef | None,
                        earlier: list[Incident]) -> bool:
    """ "Dozens more were wounded": the other half of the incident just reported, at the same place."""
    doc = sentence.doc
    if mention.count.end >= sentence.end or doc[mention.count.end].lower_ not in ("more", "others"):
        return False
    if not earlier or earlier[-1].incident_type != "casualties" or getattr(earlier[-1], mention.outcome) is not None:
        return False
    last = earlier[-1]
    if place is not None and last.location is not None and place.mention.location != last.location:
        return False
    count = mention.count
    earlier[-1] = last.with_changes(**{mention.outcome: count.best, f"{mention.outcome}_low": count.low,
                                       f"{mention.outcome}_high": count.high})
    return True


def _split_into_parts(group: _Group, places: PlaceFinder) -> list[_Group]:
    """ "Four people were hurt: two in Bakhmut and two in Yahidne" gives the parts, not the total."""
    if len(group.mentions) != 1:
        return [group]
    mention = group.mentions[0]
    sentence = group.sentence
    doc = sentence.doc
    if mention.end >= sentence.end or doc[mention.end].text not in (":", "—", "–", ","):
        return [group]
    here = {ref.start: ref for ref in places.in_sentence(sentence)}
    parts = []
    for count in find_counts(sentence):
        if count.start <= mention.end:
            continue
        link = count.end
        if link < sentence.end and doc[link].lower_ in PART_LINKS and link + 1 in here:
            parts.append((count, here[link + 1]))
    if len(parts) < 2 or sum(c.best or 0 for c, _ in parts) != mention.count.best:
        return [group]
    return [_Group(sentence, ref, False, [CasualtyMention(mention.outcome, count, mention.victims, count.start,
                                                          count.end, mention.cumulative)])
            for count, ref in parts]


def _location_fields(ref: PlaceRef | None, at_least_precision: int = 1) -> dict:
    if ref is None:
        return dict(location=None, location_text=None, admin1=None, admin2=None, country_code=None,
                    latitude=None, longitude=None, geo_precision=None)
    m = ref.mention
    return dict(location=m.location, location_text=m.location_text, admin1=m.admin1, admin2=m.admin2,
                country_code=m.country_code, latitude=m.latitude, longitude=m.longitude,
                geo_precision=max(m.geo_precision, at_least_precision))


def _sentence_fields(sentence: Span) -> dict:
    text = sentence.text
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
                       dates: DateFinder) -> Incident:
    sentence = group.sentence
    perpetrator = find_perpetrator(sentence, group.start, group.end, claimant_tokens)
    actor = perpetrator.actor
    victims = {m.victims for m in group.mentions} - {"unknown"}
    victim_type = victims.pop() if len(victims) == 1 else ("mixed" if victims else "unknown")
    if actor is None and victim_type == "military" and claim is not None and claim.party:
        # A side reporting enemy losses ("45 Ukrainian servicemen were killed", says Moscow) inflicted them.
        named = {party_of_hit(h) for h in party_hits(sentence.doc[group.start:group.end])}
        if named and claim.party not in named:
            actor = claim.party
    counts: dict[str, int | None] = {}
    for outcome in ("killed", "injured"):
        mention = next((m for m in group.mentions if m.outcome == outcome), None)
        counts[outcome] = mention.count.best if mention else None
        counts[f"{outcome}_low"] = mention.count.low if mention else None
        counts[f"{outcome}_high"] = mention.count.high if mention else None
    event_date = dates.date_for(sentence, group.start, group.end)
    cumulative = any(m.cumulative for m in group.mentions) or is_period(event_date)
    claims_enemy_losses = victim_type == "military" and actor is not None and claim is not None and \
        claim.party == actor
    return Incident(
        incident_type="casualties", **_date_fields(event_date),
        **_location_fields(group.place, 2 if group.several_places else 1),
        actor=actor, attack_type=perpetrator.attack_type or "unknown",
        **_claim_fields(claim, "claimed" if claims_enemy_losses else "reported"),
        **counts, victims=victim_type, cumulative=cumulative, control_change=None, settlements=None,
        area_km2=None, **_sentence_fields(sentence),
        confidence=_confidence(group.place is not None, event_date.text is not None, bool(claim and claim.claimant)),
    )


def _date_fields(event_date: EventDate) -> dict:
    return dict(date_start=event_date.start, date_end=event_date.end, date_precision=event_date.precision,
                date_text=event_date.text)


def _territory_incident(sentence: Span, mention: TerritoryMention, claim: Claim | None,
                        dates: DateFinder) -> Incident:
    event_date = dates.date_for(sentence, mention.start, mention.end)
    return Incident(
        incident_type="territorial_change", **_date_fields(event_date), **_location_fields(mention.place),
        actor=mention.actor, attack_type=None,
        **_claim_fields(claim, "claimed" if claim and claim.claimant and claim.party else "reported"),
        killed=None, killed_low=None, killed_high=None, injured=None, injured_low=None, injured_high=None,
        victims=None, cumulative=False, control_change=mention.change, settlements=mention.settlements,
        area_km2=mention.area_km2, **_sentence_fields(sentence),
        confidence=_confidence(mention.place is not None, event_date.text is not None,
                               bool(claim and claim.claimant)),
    )


def _same_place(first: Incident, second: Incident) -> bool:
    return first.location is None or second.location is None or first.location == second.location


def _merge_repeats(incidents: list[Incident]) -> list[Incident]:
    """One incident mentioned twice is one row: the first mention, completed by the later ones."""
    kept: list[Incident] = []
    for incident in incidents:
        match = next((i for i, k in enumerate(kept) if _repeats(k, incident)), None)
        if match is None:
            kept.append(incident)
            continue
        first = kept[match]
        fill = {name: getattr(incident, name) for name in ("location", "location_text", "admin1", "admin2",
                                                            "country_code", "latitude", "longitude",
                                                            "geo_precision", "actor", "claimant")
                if getattr(first, name) is None and getattr(incident, name) is not None}
        if first.location is not None:
            fill = {k: v for k, v in fill.items() if k in ("actor", "claimant")}
        kept[match] = first.with_changes(**fill)
    return kept


def _repeats(first: Incident, second: Incident) -> bool:
    if first.incident_type != second.incident_type or first.cumulative != second.cumulative:
        return False
    if first.incident_type == "territorial_change":
        return (first.control_change, first.actor, first.location, first.settlements, first.area_km2) == (
            second.control_change, second.actor, second.location, second.settlements, second.area_km2)
    return (first.killed, first.injured) == (second.killed, second.injured) and _same_place(first, second)


def _without_totals(incidents: list[Incident]) -> list[Incident]:
    """ "In total, 2 people were killed and 5 injured in the region": a sum of rows already given."""
    casualties = [i for i in incidents if i.incident_type == "casualties" and not i.cumulative]
    kept = []
    for incident in incidents:
        others = [i for i in casualties if i is not incident]
        says_total = TOTAL_WORDS & set(incident.sentence.lower().replace(",", " ").split())
        if incident in casualties and len(others) >= 2 and says_total and _is_sum(incident, others):
            continue
        kept.append(incident)
    return kept


def _is_sum(total: Incident, parts: list[Incident]) -> bool:
    for outcome in ("killed", "injured"):
        figure = getattr(total, outcome)
        if figure is not None and figure != sum(getattr(p, outcome) or 0 for p in parts):
            return False
    return True
