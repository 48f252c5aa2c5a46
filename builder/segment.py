"""Segment: tokens and sentences for an article text, with character offsets into that text.

Reads  : article text.
Returns: a spaCy Doc (tokens, sentence starts) that the place and incident stages share, so the
         text is tokenised once. Paragraph breaks always end a sentence: scraped headings and
         dateline lines ("Enerhodar Updates") carry no full stop.
"""

from __future__ import annotations

import re
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


# Prose sentences are tens of tokens long (62 at most in raw/ and the gold articles); hundreds of tokens
# without a full stop are a flattened table or a scraped blob. Each statement in a sentence looks at its
# clause and sentence, so one sentence of 60,000 tokens took minutes: it is cut every 400 tokens.
MAX_SENTENCE_TOKENS = 400
_CUT_AFTER = {",", ";", ":", "|", "—", "–"}
_CUT_LOOKBACK = 100


@Language.component("long_sentence_breaks")
def _long_sentence_breaks(doc: Doc) -> Doc:
    if len(doc) <= MAX_SENTENCE_TOKENS:
        return doc
    starts = doc.to_array(SENT_START)
    changed = False
    last = 0
    for i in range(1, len(doc)):
        if starts[i] == 1:
            last = i
        elif i - last >= MAX_SENTENCE_TOKENS:  # cut after a comma or semicolon near the limit, if any
            last = next((j + 1 for j in range(i - 1, i - _CUT_LOOKBACK, -1) if doc[j].text in _CUT_AFTER), i)
            starts[last] = 1
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
    nlp.add_pipe("long_sentence_breaks")
    return nlp


def segment(text: str) -> Doc:
    nlp = english()
    if _LONG_RUN.search(text) is None:
        return nlp(text)
    return nlp(_tokenize_cutting_long_runs(nlp, text))


# spaCy strips prefixes and suffixes from a run without spaces one character at a time, searching the
# rest of the run each time: 100,000 "=" or quotes took half an hour. A run this long is never a word
# (a separator line, a blob pasted by a scraper); it is cut into tokens of RUN_PIECE characters.
LONG_RUN = 500
RUN_PIECE = 100
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN},}}")


def _tokenize_cutting_long_runs(nlp: Language, text: str) -> Doc:
    """The tokens of `text`, with long runs cut into pieces; the doc's text is exactly `text`."""
    parts, position = [], 0
    for match in _LONG_RUN.finditer(text):
        if match.start() > position:
            parts.append(nlp.tokenizer(text[position:match.start()]))
        run = match.group()
        pieces = [run[i:i + RUN_PIECE] for i in range(0, len(run), RUN_PIECE)]
        parts.append(Doc(nlp.vocab, words=pieces, spaces=[False] * len(pieces)))
        position = match.end()
    if position < len(text):
        parts.append(nlp.tokenizer(text[position:]))
    return Doc.from_docs(parts, ensure_whitespace=False)


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
