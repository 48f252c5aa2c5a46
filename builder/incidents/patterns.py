"""Token patterns written as plain text in the word lists, compiled to spaCy Matcher patterns.

A pattern is words separated by spaces; each word may list alternatives with "|" and end in "?" when
it is optional; "*" stands for any one word:

    took|taken|taking full|complete|effective? control of|over
    pushed|drove * *? *? out of|from

match "took control of", "have taken full control over", "pushed Russian forces out of", ... Matching is
on lower-case tokens; overlaps resolve longest first, like PhraseTagger.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from builder.incidents.phrases import Hit
from builder.segment import english, lower_words


class PatternError(ValueError):
    """A pattern that cannot be compiled; the message names it."""


def compile_pattern(text: str) -> list[dict]:
    tokens = []
    for word in text.lower().split():
        optional = word.endswith("?") and len(word) > 1
        word = word[:-1] if optional else word
        if word == "*":
            tokens.append({"OP": "?"} if optional else {})
            continue
        alternatives = [w for w in word.split("|") if w]
        if not alternatives:
            raise PatternError(f"empty word in pattern {text!r}")
        # spaCy splits hyphens and apostrophes off ("pull-out", "russia's"); compare on the same tokens.
        if any(len(english().make_doc(w)) != 1 for w in alternatives):
            raise PatternError(f"{word!r} in {text!r} is more than one token; write its parts as separate words")
        spec: dict = {"LOWER": {"IN": alternatives}} if len(alternatives) > 1 else {"LOWER": alternatives[0]}
        if optional:
            spec["OP"] = "?"
        tokens.append(spec)
    if not tokens or all(t.get("OP") == "?" or "LOWER" not in t for t in tokens):
        raise PatternError(f"pattern {text!r} matches nothing or everything")
    return tokens


# Words too common to tell whether a sentence could hold a pattern ("was retaken": look for "retaken").
COMMON_WORDS = {"was", "were", "is", "are", "has", "have", "had", "been", "be", "the", "a", "an", "its", "their",
                "of", "over", "in", "into", "to", "by", "out", "back", "from", "under", "now", "came", "comes",
                "control", "full", "complete", "positions"}


def _key_words(pattern: list[dict]) -> set[str]:
    """The words of the pattern's most telling required token: a sentence without one cannot match."""
    required = [set(t["LOWER"]["IN"]) if isinstance(t["LOWER"], dict) else {t["LOWER"]}
                for t in pattern if t.get("OP") != "?" and "LOWER" in t]
    telling = [words for words in required if not words & COMMON_WORDS]
    return min(telling or required, key=len)


class PatternTagger:
    """patterns: label -> list of patterns."""

    def __init__(self, patterns: Mapping[str, Iterable[str]]) -> None:
        nlp = english()
        self._matcher = Matcher(nlp.vocab)
        self._key_words: set[str] = set()
        for label, items in patterns.items():
            compiled = [compile_pattern(item) for item in items]
            for pattern in compiled:
                self._key_words.update(_key_words(pattern))
            if compiled:
                self._matcher.add(label, compiled)
        self._strings = nlp.vocab.strings

    def find(self, doc: Doc | Span) -> list[Hit]:
        # Most sentences hold none of the patterns' telling words; the Matcher is slow to say so.
        words = lower_words(doc.doc if isinstance(doc, Span) else doc)
        start, end = (doc.start, doc.end) if isinstance(doc, Span) else (0, len(doc))
        if self._key_words.isdisjoint(words[start:end]):
            return []
        whole = doc.doc if isinstance(doc, Span) else doc
        matches = sorted(self._matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1]))
        offset = doc.start if isinstance(doc, Span) else 0  # the Matcher gives span-relative indices
        taken: set[int] = set()
        hits = []
        for match_id, start, end in matches:
            start, end = start + offset, end + offset
            if taken.isdisjoint(range(start, end)):
                taken.update(range(start, end))
                hits.append(Hit(start, end, self._strings[match_id], whole[start:end].text))
        return sorted(hits, key=lambda h: h.start)
