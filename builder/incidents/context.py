"""Where and when a statement in a sentence happened: the place and the date an incident gets.

Place: the place named in the statement's clause (after it first: "were injured in Bakhmut", then
before it: "In Kupiansk, a man was wounded"), then anywhere in the sentence, then a back-reference
("elsewhere in the province" -> the last region named), then the last place of the paragraph.
Date: the time expression nearest the statement in its sentence, then the date the story last
established (a report's "Over the past day" heading covers what follows), then the publication
date with precision unknown.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

from builder.incidents.lexicons import place_choice_words
from builder.segment import lower_words
from builder.incidents.territory import PlaceRef, is_area

CLAUSE_BREAKS = {";", ":", "—", "–", "while", "whereas", "but", "although", "meanwhile", "separately"}
PLACE_AFTER_LIMIT = 14
NEIGHBOURHOOD_WORDS = {"neighbourhood", "neighborhood", "quarter"}
SUBSET_OPENERS = {"among", "including", "most", "many", "mostly", "mainly"}
REGION_WORDS = {"province", "region", "oblast", "governorate", "state", "district", "county", "prefecture"}
TOWN_WORDS = {"city", "town", "village", "settlement", "camp", "neighbourhood", "neighborhood", "capital"}
HEADING_TOKENS = 14  # "▪️ Antonivka, on the eastern outskirts of Kherson: a woman was injured ..."
ORIGIN_WINDOW = 4  # "fired from RSF positions in Bahri"
MULTI_DAY = 2
COMPARISON_WORDS = {"compared", "than", "versus", "vs"}  # a date range longer than this many days is a period, not an incident


@dataclass(frozen=True, slots=True)
class EventDate:
    start: date
    end: date
    precision: str
    text: str | None


def place_refs(doc: Doc, places: list) -> list[PlaceRef]:
    """The places incidents can be at, one per span: of the regions an area name covers ("eastern
    Congo", "Donbas"), the one the article names on its own nearest after it, else the first."""
    located = [m for m in places if getattr(m, "role", "location") == "location"]
    by_span: dict[tuple[int, int], list] = {}
    for mention in located:
        by_span.setdefault((mention.char_start, mention.char_end), []).append(mention)
    named_alone = [(span, group[0].admin1) for span, group in by_span.items() if len(group) == 1]
    refs = []
    for (char_start, char_end), group in by_span.items():
        mention = group[0]
        if len(group) > 1:
            covered = {m.admin1: m for m in group}
            later = [admin1 for span, admin1 in named_alone if span[0] >= char_end and admin1 in covered]
            earlier = [admin1 for span, admin1 in named_alone if span[0] < char_start and admin1 in covered]
            chosen = later[:1] or earlier[-1:]
            mention = covered[chosen[0]] if chosen else mention
        span = doc.char_span(char_start, char_end, alignment_mode="expand")
        if span is not None:
            refs.append(PlaceRef(mention, span.start, span.end))
    return refs


def is_country(ref: PlaceRef) -> bool:
    return ref.mention.admin1 is None and is_area(ref)


def clause_bounds(sentence: Span, start: int, end: int) -> tuple[int, int]:
    words = lower_words(sentence.doc)
    left = start
    while left > sentence.start and words[left - 1] not in CLAUSE_BREAKS:
        left -= 1
    right = end
    while right < sentence.end and words[right] not in CLAUSE_BREAKS:
        right += 1
    return left, right


class PlaceFinder:
    """Chooses the place of a statement; remembers the article's last places for back-references."""

    def __init__(self, refs: list[PlaceRef]) -> None:
        self.refs = sorted(refs, key=lambda ref: ref.start)  # stable: already sorted in practice
        self._starts = [ref.start for ref in self.refs]
        self.last_region: PlaceRef | None = None
        self.last_town: PlaceRef | None = None
        self.last_country: PlaceRef | None = None
        self.paragraph_place: PlaceRef | None = None
        self.story_place: PlaceRef | None = None
        self._speaker_places: set[int] = set()
        self._speaker_home: PlaceRef | None = None
        self._eventful_for: tuple[int, list[PlaceRef]] = (-1, [])

    def set_speaker(self, sentence: Span, tokens: range | None, home_country: str | None) -> None:
        """Where a speaker is ("a health worker in Kaya said", "the Kharkiv governor said") is not where the
        sentence's events happened: such a place is used only when nothing else places them, and a foreign
        speaker's never ("The U.S. special envoy for Sudan said")."""
        speaking = [r for r in self.in_sentence(sentence) if tokens is not None and r.start in tokens]
        self._speaker_places = {r.start for r in speaking}
        self._speaker_home = next((r for r in speaking if r.mention.country_code == home_country), None)

    def new_paragraph(self) -> None:
        self.paragraph_place = None

    def in_sentence(self, sentence: Span) -> list[PlaceRef]:
        # Bisected, not scanned: a million-character article has thousands of sentences and places.
        return self.refs[bisect_left(self._starts, sentence.start):bisect_left(self._starts, sentence.end)]

    def place_for(self, sentence: Span, start: int, end: int) -> tuple[PlaceRef | None, bool]:
        """(place, several) for tokens [start, end): several is True for "in Bakhmut and Yahidne".

        A list item headed by a place ("Kherson: Russian artillery hit a bus stop in the Dniprovskyi
        district, ...") is at that place, unless the item names a place in the same region."""
        here = [self._city_of(sentence, r) for r in self._eventful(sentence) if r.start not in self._speaker_places]
        specific = [r for r in here if not is_country(r)] or here
        heading = _heading_place(sentence, specific, start)
        left, right = clause_bounds(sentence, start, end)
        after = [r for r in specific if end <= r.start < min(right, end + PLACE_AFTER_LIMIT) and r is not heading]
        before = [r for r in specific if left <= r.start < start and r is not heading]
        found = (after[0], len(after) > 1 and _joined_by_and(sentence.doc, after[0], after[1])) if after else (
            _first_town(sentence.doc, before) if before else None)
        if heading is not None and (found is None or found[0].mention.admin1 != heading.mention.admin1):
            return heading, False
        if found is not None:
            return found
        clause_words = {t.lower_ for t in sentence.doc[left:right]}
        if clause_words & REGION_WORDS and self.last_region is not None:
            return self.last_region, False
        if specific:
            return min(specific, key=lambda r: abs(r.start - start)), False
        if clause_words & TOWN_WORDS and self.last_town is not None:
            return self.last_town, False
        return self.paragraph_place or self._speaker_home or self.story_place, False

    def _eventful(self, sentence: Span) -> list[PlaceRef]:
        """_where_things_happen for this sentence, worked out once for all its statements and remember()."""
        if self._eventful_for[0] != sentence.start:
            self._eventful_for = (sentence.start, _where_things_happen(sentence, self.in_sentence(sentence)))
        return self._eventful_for[1]

    def _city_of(self, sentence: Span, ref: PlaceRef) -> PlaceRef:
        """ "the Al-Rawdah neighbourhood in the north of the city": a neighbourhood of the town the story is in."""
        words = lower_words(sentence.doc)
        town = self.last_town
        if ref.end < sentence.end and words[ref.end] in NEIGHBOURHOOD_WORDS and town is not None and \
                town.mention.location != ref.mention.location and (ref.end + 1 >= sentence.end or words[ref.end + 1] != "of"):
            return PlaceRef(town.mention, ref.start, ref.end)
        return ref

    def wide_area(self, country: str | None) -> PlaceRef | None:
        """Where a running total without a place of its own is counted: the last region named in the
        country the article is about, else that country."""
        if self.last_region is not None and self.last_region.mention.country_code == country:
            return self.last_region
        named = [r for r in self.refs if is_country(r) and r.mention.country_code == country]
        return named[-1] if named else self.last_country

    def remember(self, sentence: Span) -> None:
        """The sentence's places, for the sentences that lean on them. The town a sentence is about is the
        first it names ("shelled the town of Darat Izza in the western countryside of Aleppo"), not the
        places that locate it; "the city" is the town named last."""
        refs = self._eventful(sentence)
        towns = [r for r in refs if not is_area(r)]
        # "Bohodukhiv district: a drone hit a car in Zolochiv": the heading's district frames the town
        towns = [r for r in towns if getattr(r.mention, "relation", None) != "area"] or towns
        for ref in refs:
            if is_country(ref):
                self.last_country = ref
            elif is_area(ref) and ref.mention.admin1:
                self.last_region = ref
        if towns:
            # "the city" points back to the town named last; a sentence with no place at all continues the
            # one the previous sentence was about, in its paragraph or, failing that, in the story
            self.last_town, self.paragraph_place, self.story_place = towns[-1], towns[0], towns[0]
        elif self.last_region is not None and self.last_region in refs:
            self.paragraph_place = self.last_region


def _where_things_happen(sentence: Span, refs: list[PlaceRef]) -> list[PlaceRef]:
    """The sentence's places less those that only say who the victims were, where they were treated, or
    which city a neighbourhood belongs to."""
    return _wholes(sentence.doc, [r for r in refs if not _where_treated(sentence, r) and not _in_subset(sentence, r)])


def _wholes(doc: Doc, refs: list[PlaceRef]) -> list[PlaceRef]:
    """Without the places named as a part of the next one ("the Tekstylshchyk neighbourhood of Donetsk")."""
    parts = place_choice_words().part_words
    return [r for r, following in zip(refs, [*refs[1:], None])
            if not (following is not None and r.end + 2 <= following.start and doc[r.end].lower_ in parts
                    and doc[r.end + 1].lower_ == "of")]


def _in_subset(sentence: Span, ref: PlaceRef) -> bool:
    """ ", among them two commanders responsible for attacks in Beledweyne": who the victims were, not where."""
    words = lower_words(sentence.doc)
    for i in range(ref.start - 1, sentence.start, -1):
        if words[i] in CLAUSE_BREAKS or words[i] == ".":
            return False
        if words[i] == ",":
            return i + 1 < ref.start and words[i + 1] in SUBSET_OPENERS  # the appositive ends at a comma
    return False


def _where_treated(sentence: Span, ref: PlaceRef) -> bool:
    """ "taken to the Belgorod city hospital", "a hospital in Bahir Dar": where victims were cared for."""
    choice = place_choice_words()
    words = lower_words(sentence.doc)
    around = words[max(sentence.start, ref.start - choice.care_window):ref.start] + \
        words[ref.end:min(sentence.end, ref.end + choice.care_window)]
    return not choice.care_words.isdisjoint(around)


def _first_town(doc: Doc, places: list[PlaceRef]) -> tuple[PlaceRef, bool]:
    """The place a statement opens with, before the places that locate it ("an airstrike on Sarmin, east of
    Idlib, killed ...", "in neighbouring Ituri province, militiamen attacked a site near Djugu, killing"):
    the first place named, or the first town after a region that sets the scene; not a place fire came
    from ("shells fired from positions in Bahri struck a market in Omdurman"). Several when the next one is
    joined by "and" ("at Idlib and the western Aleppo countryside")."""
    targets = [r for r in places if not _origin(doc, r)] or places
    first = targets[0]
    following = targets[1:]
    if is_area(first) and following and not _joined_by_and(doc, first, following[0]):
        first = next((r for r in following if not is_area(r)), first)
        following = targets[targets.index(first) + 1:]
    return first, bool(following) and _joined_by_and(doc, first, following[0])


def _origin(doc: Doc, ref: PlaceRef) -> bool:
    return any(t.lower_ == "from" for t in doc[max(0, ref.start - ORIGIN_WINDOW):ref.start])


def _heading_place(sentence: Span, places: list[PlaceRef], start: int) -> PlaceRef | None:
    doc = sentence.doc
    colon = next((i for i in range(sentence.start, min(sentence.end, sentence.start + HEADING_TOKENS))
                  if doc[i].text == ":"), None)
    if colon is None or start < colon:
        return None
    return next((r for r in places if r.start < colon), None)


def _joined_by_and(doc: Doc, first: PlaceRef, second: PlaceRef) -> bool:
    between = {t.lower_ for t in doc[first.end:second.start]}
    return "and" in between and second.start - first.end <= 6


class DateFinder:
    """Chooses the date of a statement from the time stage's expressions."""

    def __init__(self, doc: Doc, time_expressions: list, published: date) -> None:
        self.published = published
        self.expressions = []
        for expression in time_expressions:
            # A duration anchored in the calendar ("over the past week") dates as well as a date does.
            if expression.type == "SET" or expression.date_start is None or expression.date_end is None:
                continue
            span = doc.char_span(expression.char_start, expression.char_end, alignment_mode="expand")
            if span is not None:
                self.expressions.append((span.start, span.end, expression))
        self.expressions.sort(key=lambda item: item[0])  # stable: already sorted in practice
        self._clock_times = {id(expression) for _, _, expression in self.expressions if _clock_only(expression)}
        self._starts = [start for start, _, _ in self.expressions]
        self.story_date: EventDate | None = None

    def _in(self, sentence: Span) -> list:
        """Expressions in the sentence that can date something already reported (not after publication)."""
        here = self.expressions[bisect_left(self._starts, sentence.start):bisect_left(self._starts, sentence.end)]
        return [(s, e, x) for s, e, x in here if x.date_start <= self.published]

    def _event_date(self, expression) -> EventDate:
        # A range reaching past publication ends there ("this week"); one wholly after it ("next week")
        # keeps its own end, so the end is never before the start.
        end = expression.date_end if expression.date_start > self.published else min(expression.date_end,
                                                                                      self.published)
        return EventDate(expression.date_start, end, _precision(expression), expression.text)

    def date_for(self, sentence: Span, start: int, end: int) -> EventDate:
        doc = sentence.doc
        # "134 killed in January, an increase compared with December": a comparison is not the date.
        here = [item for item in self._in(sentence)
                if not COMPARISON_WORDS.intersection(t.lower_ for t in doc[max(sentence.start, item[0] - 2):item[0]])]
        # A bare clock time ("at around 14:00", a live blog's "06:45") says when in the day, not which day:
        # the day the story established ("Over the past day", "Overnight") stands.
        dated = [item for item in here if id(item[2]) not in self._clock_times]
        if dated:
            _, _, expression = min(dated, key=lambda item: abs(item[0] - start))
            return self._event_date(expression)
        if self.story_date is not None:
            return self.story_date
        if here:
            _, _, expression = min(here, key=lambda item: abs(item[0] - start))
            return self._event_date(expression)
        return EventDate(self.published, self.published, "unknown", None)

    def observe(self, sentence: Span) -> None:
        """The story's date moves with each past date a sentence establishes ("Overnight, the enemy
        launched missiles at Mykolaiv." dates the casualties of the next sentence); periods and
        future dates do not move it."""
        for _, _, expression in self._in(sentence):
            found = self._event_date(expression)
            if not is_period(found) and id(expression) not in self._clock_times:
                self.story_date = found


CLOCK_ONLY = re.compile(r"(?:(?:at|around|about|approximately|shortly|after|before|until|by|just)\s+)*"
                        r"\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|h|hrs|gmt|utc|local time|\w+ time)?",
                        re.IGNORECASE)


def _clock_only(expression) -> bool:
    return expression.type == "TIME" and CLOCK_ONLY.fullmatch(expression.text.strip()) is not None


def _precision(expression) -> str:
    span_days = (expression.date_end - expression.date_start).days
    precision = expression.precision
    if precision in ("day", "night"):
        return "day" if span_days <= 1 else "range"
    if precision in ("week", "weekend"):
        return "week"
    if precision in ("season", "quarter", "half"):
        return "range"
    if precision in ("decade", "century"):
        return "year"
    return precision


def is_period(event_date: EventDate) -> bool:
    return (event_date.end - event_date.start).days > MULTI_DAY
