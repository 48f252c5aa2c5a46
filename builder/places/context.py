"""What the words around a place name say about it: not a place at all (a ship, a person, a common
word), a government speaking (an actor), a region, or a point relative to the place.

Reads  : the spans match.py found, the Doc, the rule files.
Returns: for each span a Reading (role, relation, geo_precision, rule id), or None for a not-place.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from builder.places import rules
from builder.places.gazetteer import Gazetteer
from builder.places.match import Span

WINDOW_CHARS = 120  # context looked at on each side of a name, within its sentence
# A common-word name ("Police", "Nova") is a place only when a town this big bears it.
BIG_PLACE = 100_000
# Capitalised words that may stand just before a place name without making it part of a longer name.
_DIRECTION_WORDS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east",
                              "west", "greater", "upper", "lower", "occupied"})


@dataclass(frozen=True, slots=True)
class Reading:
    role: str  # location | actor
    relation: str | None  # in, near, outskirts, direction, area, part, region, country
    geo_precision: int | None  # None: take the precision of the resolved entry
    rule: str
    wants_region: bool = False  # a region phrase: resolve to the admin-1 unit


def read_spans(doc: Doc, spans: list[Span], gazetteer: Gazetteer) -> list[Reading | None]:
    surnames = _surnames(doc, spans)
    text = doc.text  # a property that rebuilds the string on every access
    return [None if span.demonym else _read(doc, text, span, gazetteer, surnames) for span in spans]


def _read(doc: Doc, text: str, span: Span, gazetteer: Gazetteer, surnames: set[str]) -> Reading | None:
    if not span.aliases and _common_word(span, gazetteer):
        return None
    if _part_of_longer_name(doc, span) or span.key in surnames:
        return None
    before = text[max(span.sentence_start_char, span.start_char - WINDOW_CHARS):span.start_char]
    after = text[span.end_char:min(span.sentence_end_char, span.end_char + WINDOW_CHARS)]
    families = rules.context_rules()
    for rule in families["not_place"]:
        if _fires(rule, before, after):
            return None
    for rule in families["actor"]:
        if _fires(rule, before, after):
            return Reading("actor", None, None, rule.id)
    for rule in families["region"]:
        if _fires(rule, before, after):
            return Reading("location", rule.relation, rule.geo_precision, rule.id, wants_region=True)
    for rule in families["relative"]:
        if _fires(rule, before, after):
            return Reading("location", rule.relation, rule.geo_precision, rule.id)
    return Reading("location", None, None, "name")


def _fires(rule: rules.ContextRule, before: str, after: str) -> bool:
    if rule.unless_before and rule.unless_before.search(before):
        return False
    return bool(rule.pattern.search(before) if rule.side == "before" else rule.pattern.match(after))


def _common_word(span: Span, gazetteer: Gazetteer) -> bool:
    if span.key not in gazetteer.common:
        return False
    return max(gazetteer.place(i).population for i in span.candidates) < BIG_PLACE


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
