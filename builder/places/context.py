"""What the words around a place name say about it: where the reporter files from (a dateline), not a
place at all (a ship, a person, a common word, a neighbourhood named beside its city), a government
speaking or acting (an actor), a region, a point relative to the place, or the town rather than the
region of the same name ("Idlib city").

Reads  : the spans match.py found, the Doc, the rule files.
Returns: for each span a Reading (role, relation, geo_precision, rule id), or None for a not-place.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from spacy.tokens import Doc

from builder.places import rules
from builder.places.gazetteer import Gazetteer
from builder.places.match import Span
from builder.segment import text_of

WINDOW_CHARS = 120  # context looked at on each side of a name, within its sentence (datelines: its line)
# A capital stands for its government ("Moscow kept up its campaign") only when it is a city of this size:
# small capitals bear names common elsewhere (Victoria, Kingston).
CAPITAL_POPULATION = 100_000
# A common-word name ("Police", "Nova") is a place only when a town this big bears it.
BIG_PLACE = 100_000
# Capitalised words that may stand just before a place name without making it part of a longer name.
_DIRECTION_WORDS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east",
                              "west", "greater", "upper", "lower", "occupied"})


@dataclass(frozen=True, slots=True)
class Reading:
    role: str  # location | actor | dateline
    relation: str | None  # in, near, outskirts, direction, area, part, region, country
    geo_precision: int | None  # None: take the precision of the resolved entry
    rule: str
    wants_region: bool = False  # a region phrase: resolve to the admin-1 unit
    wants_settlement: bool = False  # "Idlib city", "the town of X", a dateline: the town, not a region
    locative: bool = False  # a locative preposition stands just before the name ("in X", "from X")


def read_spans(doc: Doc, spans: list[Span], gazetteer: Gazetteer, text: str | None = None) -> list[Reading | None]:
    surnames = _surnames(doc, spans)
    text = text_of(doc) if text is None else text  # Doc.text rebuilds the string on every access
    return [None if span.demonym else _read(doc, text, span, gazetteer, surnames) for span in spans]


def _read(doc: Doc, text: str, span: Span, gazetteer: Gazetteer, surnames: set[str]) -> Reading | None:
    if not span.aliases and _common_word(span, gazetteer):
        return None
    if _part_of_longer_name(doc, span) or span.key in surnames:
        return None
    kinds = _kinds(span, gazetteer)
    families = rules.context_rules()
    line_start = text.rfind("\n", max(0, span.start_char - WINDOW_CHARS), span.start_char) + 1
    line_end = text.find("\n", span.end_char, span.end_char + WINDOW_CHARS)
    line_before = text[max(line_start, span.start_char - WINDOW_CHARS):span.start_char]
    line_after = text[span.end_char:line_end if line_end >= 0 else span.end_char + WINDOW_CHARS]
    for rule in families["dateline"]:
        if _fires(rule, span, kinds, line_before, line_after):
            # the dateline's first name is a town ("IDLIB —"); one after it a region or country
            return Reading("dateline", None, None, rule.id, wants_settlement=not line_before.strip())
    before = text[max(span.sentence_start_char, span.start_char - WINDOW_CHARS):span.start_char]
    after = text[span.end_char:min(span.sentence_end_char, span.end_char + WINDOW_CHARS)]
    for rule in families["not_place"]:
        if _fires(rule, span, kinds, before, after):
            return None
    for rule in families["actor"]:
        if _fires(rule, span, kinds, before, after):
            return Reading("actor", None, None, rule.id)
    for rule in families["region"]:
        if _fires(rule, span, kinds, before, after):
            return Reading("location", rule.relation, rule.geo_precision, rule.id, wants_region=True)
    town = next((rule.id for rule in families["settlement"] if _fires(rule, span, kinds, before, after)), None)
    locative = _locative(before)
    for rule in families["relative"]:
        if _fires(rule, span, kinds, before, after):
            return Reading("location", rule.relation, rule.geo_precision, rule.id, wants_settlement=bool(town),
                           locative=locative)
    return Reading("location", None, None, town or "name", wants_settlement=bool(town), locative=locative)


@cache
def _locative_pattern() -> regex.Pattern:
    words = sorted(rules.word_lists()["locative"], key=len, reverse=True)
    return regex.compile(r"\b(?:" + "|".join(regex.escape(w) for w in words) + r")\s+$",
                         regex.IGNORECASE | regex.REVERSE)


def _locative(before: str) -> bool:
    return bool(_locative_pattern().search(before))


def _fires(rule: rules.ContextRule, span: Span, kinds: frozenset[str], before: str, after: str) -> bool:
    # Cheapest test first: `after` is matched at one position, `before` searched over the whole window.
    if rule.applies_to and not rule.applies_to & kinds:
        return False
    if rule.names and not rule.names.fullmatch(span.text):
        return False
    if rule.after and not rule.after.match(after):
        return False
    if rule.before and not rule.before.search(before):
        return False
    return not (rule.unless_before and rule.unless_before.search(before))


def _kinds(span: Span, gazetteer: Gazetteer) -> frozenset[str]:
    """What the name may be, for rules' applies_to: alias, country, admin1, place, capital."""
    kinds = {"alias"} if span.aliases else set()
    for index in span.candidates:
        place = gazetteer.place(index)
        kinds.add("place" if place.kind == "district" else place.kind)
        if place.capital and place.population >= CAPITAL_POPULATION and index not in span.alternates:
            kinds.add("capital")
    return frozenset(kinds)


def _common_word(span: Span, gazetteer: Gazetteer) -> bool:
    if span.key not in gazetteer.common:
        return False
    return max((gazetteer.place(i).population for i in span.candidates), default=0) < BIG_PLACE


def _part_of_longer_name(doc: Doc, span: Span) -> bool:
    """A place-like word inside a person's or an organisation's name: "Volodymyr Zelenskyy",
    "Dmytro Orlov", "Kyiv Independent". A capitalised neighbour that is not a sentence opener, a
    direction word, a region word or another place marks it."""
    if _after_name_word(doc, span):
        return True
    if span.end < span.sentence_end:
        following = doc[span.end]
        if following.is_alpha and following.text[0].isupper() and not following.is_stop:
            return not _region_or_area_word(following.lower_)
    return False


def _region_or_area_word(word: str) -> bool:
    words = rules.word_lists()
    return any(word in words[name] for name in ("region_word", "region_words", "area_word", "area_words"))


def _in_word_lists(word: str) -> bool:
    return any(word in entries for entries in rules.word_lists().values())


def _surnames(doc: Doc, spans: list[Span]) -> set[str]:
    """Last words of person-like names ("Dmytro Orlov"), so a later "Orlov said" is not the town Orlov."""
    return {span.key for span in spans if span.end - span.start == 1 and _after_name_word(doc, span)}


def _after_name_word(doc: Doc, span: Span) -> bool:
    """The word before the span is capitalised mid-sentence and is no opener, direction or demonym."""
    if span.start <= span.sentence_start:
        return False
    previous = doc[span.start - 1]
    if previous.i == span.sentence_start and _in_word_lists(previous.lower_):
        return False  # "Outside Kharkiv", "Near Izyum": capitalised only because it opens the sentence
    return (previous.is_alpha and previous.text[0].isupper() and not previous.is_stop
            and previous.lower_ not in _DIRECTION_WORDS and previous.lower_ not in rules.demonyms())
