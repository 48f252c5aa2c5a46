"""Segment: tokens and sentences for an article text, with character offsets into that text.

Reads  : article text.
Returns: a spaCy Doc (tokens, sentence starts) that the place and incident stages share, so the
         text is tokenised once. Paragraph breaks always end a sentence: scraped headings and
         dateline lines ("Enerhodar Updates") carry no full stop.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MAX_CHARS = 2_000_000  # one scraped article can be a million characters


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@Language.component("paragraph_breaks")
def _paragraph_breaks(doc: Doc) -> Doc:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@cache
def english() -> Language:
    """The shared tokenizer: spaCy's rule-based English, no statistical model (nothing to download)."""
    nlp = spacy.blank("en")
    nlp.max_length = MAX_CHARS
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paragraph_breaks")
    return nlp


def segment(text: str) -> Doc:
    doc = english()(text)
    doc.user_data["builder.text"] = text
    return doc


def text_of(doc: Doc) -> str:
    """The doc's text; spaCy's Doc.text rebuilds it from every token on each access."""
    return doc.user_data.get("builder.text") or doc.text


def lower_words(doc: Doc) -> list[str]:
    """The doc's tokens in lower case, built once per doc: stages slice it instead of creating a spaCy
    Token object per token per look (the costliest thing in their profiles)."""
    words = doc.user_data.get("builder.lower")
    if words is None:
        words = doc.user_data["builder.lower"] = [token.lower_ for token in doc]
    return words


def sentences(doc: Doc) -> list[Sentence]:
    """Sentences without surrounding whitespace; empty (whitespace-only) sentences are left out."""
    found = []
    text = doc.text
    for span in doc.sents:
        start, end = span.start_char, span.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            found.append(Sentence(start, end, text[start:end]))
    return found
