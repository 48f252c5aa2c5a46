"""Places: find and resolve every place an article names, offline.

Reads  : a spaCy Doc from builder.segment.segment(article text).
Returns: PlaceMentions sorted by char_start: the words, the gazetteer entry (GeoNames id or KATOTTG code),
         admin1/admin2, country, coordinates, geo_precision (1 place, 2 near/part, 3 region), role
         (location | actor) and the rule that fired.

    >>> from builder.segment import segment
    >>> [m.location for m in extract_places(segment("Shelling hit Izyum."))]    # doctest: +SKIP
    ['Izium']
"""

from __future__ import annotations

from spacy.tokens import Doc

from builder.places.context import read_spans
from builder.places.gazetteer import compile_gazetteer, load_gazetteer
from builder.places.geocode import geocode
from builder.places.match import find_spans
from builder.places.mention import PlaceMention
from builder.places.unlisted import find_unlisted
from builder.segment import text_of

__all__ = ["PlaceMention", "compile_gazetteer", "extract_places", "load_gazetteer", "places_in_text"]


def extract_places(doc: Doc) -> list[PlaceMention]:
    gazetteer = load_gazetteer()
    text = text_of(doc)  # Doc.text rebuilds the string from the tokens on every access
    spans = find_spans(doc, gazetteer, text)
    listed = geocode(text, spans, read_spans(doc, spans, gazetteer, text), gazetteer)
    unlisted = find_unlisted(text, [sentence.start_char for sentence in doc.sents], listed)
    return sorted(listed + unlisted, key=lambda m: m.char_start) if unlisted else listed


def places_in_text(text: str) -> list[PlaceMention]:
    """Places in a raw text, normalised as ingest does so offsets match the articles table's text."""
    from builder.ingest.articles import normalise_text
    from builder.segment import segment

    return extract_places(segment(normalise_text(text)))
