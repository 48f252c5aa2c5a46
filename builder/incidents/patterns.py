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
from spacy.tokens import Doc

from builder.incidents.phrases import Tagger
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


class PatternTagger(Tagger):
    """patterns: label -> list of patterns."""

    def __init__(self, patterns: Mapping[str, Iterable[str]]) -> None:
        nlp = english()
        self._matcher = Matcher(nlp.vocab)
        self._key_words: set[str] = set()
        self._longest = 1
        for label, items in patterns.items():
            compiled = [compile_pattern(item) for item in items]
            for pattern in compiled:
                self._key_words.update(_key_words(pattern))
                self._longest = max(self._longest, len(pattern))
            if compiled:
                self._matcher.add(label, compiled)
        self._strings = nlp.vocab.strings

    def _match(self, doc: Doc) -> list[tuple[str, int, int]]:
        # Every match holds one of the patterns' telling words, and most text holds none: the Matcher
        # (slow per token) only reads the stretches around them.
        words = lower_words(doc)
        windows: list[list[int]] = []
        for index, word in enumerate(words):
            if word in self._key_words:
                start, end = max(0, index - self._longest), min(len(words), index + self._longest)
                if windows and start <= windows[-1][1]:
                    windows[-1][1] = end
                else:
                    windows.append([start, end])
        found = set()
        for start, end in windows:
            for match_id, first, last in self._matcher(doc[start:end]):
                found.add((self._strings[match_id], start + first, start + last))
        return sorted(found)
