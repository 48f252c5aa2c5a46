"""Find the phrases of a word list in a spaCy Doc (whole tokens, case-insensitive), with labels.

A thin layer over spaCy's PhraseMatcher: overlapping matches are resolved longest-first, so
"lost their lives" wins over "lost", and "death toll" over "toll". A tagger matches a document once
and keeps the hits on it; asking for one sentence's hits (which the incident stage does many times
per sentence) cuts them out of that list.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from builder.segment import english, tokens_text


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # token index in the doc
    end: int
    label: str
    text: str


class Tagger:
    """Hits of one document, found once and kept in the Doc's user_data."""

    def _match(self, doc: Doc) -> list[tuple[str, int, int]]:
        raise NotImplementedError

    def find(self, doclike: Doc | Span) -> list[Hit]:
        """Non-overlapping hits, longest first, in text order; token indices are the doc's own."""
        doc = doclike.doc if isinstance(doclike, Span) else doclike
        key = ("builder.tagger", id(self))
        found = doc.user_data.get(key)
        if found is None:
            hits = _longest_first(doc, self._match(doc))
            found = doc.user_data[key] = (hits, [h.start for h in hits])
        hits, starts = found
        if not isinstance(doclike, Span):
            return hits
        first = bisect_left(starts, doclike.start)
        last = bisect_left(starts, doclike.end, first)
        return [h for h in hits[first:last] if h.end <= doclike.end]


def _longest_first(doc: Doc, matches: list[tuple[str, int, int]]) -> list[Hit]:
    taken: set[int] = set()
    hits = []
    for label, start, end in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1])):
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            hits.append(Hit(start, end, label, tokens_text(doc, start, end)))
    return sorted(hits, key=lambda h: h.start)


class PhraseTagger(Tagger):
    """phrases: label -> list of phrases. One phrase may carry several labels (kept as a sorted tuple)."""

    def __init__(self, phrases: Mapping[str, Iterable[str]]) -> None:
        nlp = english()
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        labels_of: dict[str, set[str]] = {}
        for label, items in phrases.items():
            for phrase in items:
                labels_of.setdefault(phrase.lower(), set()).add(label)
        self._labels: dict[str, tuple[str, ...]] = {}
        for phrase, labels in labels_of.items():
            key = "|".join(sorted(labels))
            self._labels[key] = tuple(sorted(labels))
            self._matcher.add(key, [nlp.make_doc(phrase)])
        self._strings = nlp.vocab.strings

    def labels(self, hit: Hit) -> tuple[str, ...]:
        return self._labels[hit.label]

    def _match(self, doc: Doc) -> list[tuple[str, int, int]]:
        return [(self._strings[match_id], start, end) for match_id, start, end in self._matcher(doc)]


def is_month(hit: Hit) -> bool:
    """ "11 May" is a month, not the modal "may" a word list holds: English capitalises months."""
    return hit.text == "May"
