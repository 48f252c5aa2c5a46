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
from spacy.attrs import SENT_START
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
    # Set through an array: Token.is_sent_start scans the whole doc on every assignment, which made
    # a million-character article with thousands of lines take minutes.
    starts = doc.to_array(SENT_START)
    changed = False
    for token in doc[:-1]:
        if ("\n" in token.text or "\n" in token.whitespace_) and starts[token.i + 1] != 1:
            starts[token.i + 1] = 1
            changed = True
    if changed:
        doc.from_array([SENT_START], starts.reshape(-1, 1))
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
    return english()(text)


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
