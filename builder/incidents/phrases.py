"""Find the phrases of a word list in a spaCy Doc (whole tokens, case-insensitive), with labels.

A thin layer over spaCy's PhraseMatcher: overlapping matches are resolved longest-first, so
"lost their lives" wins over "lost", and "death toll" over "toll".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from builder.segment import english


@dataclass(frozen=True, slots=True)
class Hit:
    start: int  # token index in the doc
    end: int
    label: str
    text: str


class PhraseTagger:
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

    def find(self, doc: Doc | Span) -> list[Hit]:
        """Non-overlapping hits, longest first, in text order; token indices are the doc's own."""
        matches = sorted(self._matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1]))
        whole = doc.doc if isinstance(doc, Span) else doc  # on a Span the matcher gives doc indices
        taken: set[int] = set()
        hits = []
        for match_id, start, end in matches:
            if taken.isdisjoint(range(start, end)):
                taken.update(range(start, end))
                hits.append(Hit(start, end, self._strings[match_id], whole[start:end].text))
        return sorted(hits, key=lambda h: h.start)
