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

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, LENGTH, LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

MAX_CHARS = 2_000_000  # one scraped article can be a million characters
TOKENIZER_CACHE = 200_000  # chunks spaCy's tokenizer keeps the splitting of (its default: 10,000)
_CHUNK = re.compile(r"\S+")  # the tokenizer splits text into runs of space and non-space characters
_TEXT = "builder.text"  # user_data key of the text a Doc was made from
_LOWER = "builder.lower"  # user_data key of its tokens in lower case
_OFFSETS = "builder.offsets"  # user_data key of its tokens' character starts and ends


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@Language.component("paragraph_breaks")
def _paragraph_breaks(doc: Doc) -> Doc:
    """A token after a line break starts a sentence. Only whitespace tokens hold line breaks (spaCy keeps
    at most one plain space as a token's trailing whitespace and makes any other run of whitespace a
    token), so only those are looked at. Flags are read and written as arrays: iterating the Doc builds a
    Token object per token, and setting Token.is_sent_start checks the whole Doc each time."""
    if len(doc) < 2:
        return doc
    flags = doc.to_array([IS_SPACE, SENT_START])
    breaks = [index for index in numpy.flatnonzero(flags[:-1, 0]).tolist() if "\n" in doc[index].text_with_ws]
    if breaks:
        starts = flags[:, 1].copy()
        starts[numpy.array(breaks) + 1] = 1
        doc.from_array([SENT_START], starts)
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
    # Most texts have no sentence that long: the gaps between sentence starts (and the ends) say so
    # without a look at each token.
    bounds = numpy.concatenate(([0], numpy.flatnonzero(starts[1:] == 1) + 1, [len(doc)]))
    if numpy.diff(bounds).max() <= MAX_SENTENCE_TOKENS:
        return doc
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
    nlp.tokenizer.max_cache_size = TOKENIZER_CACHE  # see _warm_tokenizer_cache
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paragraph_breaks")
    nlp.add_pipe("long_sentence_breaks")
    return nlp


def segment(text: str) -> Doc:
    nlp = english()
    _warm_tokenizer_cache(nlp, text)
    doc = nlp(text) if _LONG_RUN.search(text) is None else nlp(_tokenize_cutting_long_runs(nlp, text))
    doc.user_data[_TEXT] = text  # for text_of: Doc.text joins every token again on each access
    return doc


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


_warmed: set[str] = set()  # chunks (runs of non-space) already offered to the tokenizer's cache


def _warm_tokenizer_cache(nlp: Language, text: str) -> None:
    """Have spaCy's tokenizer cache the article's chunks first, so tokenizing it mostly reads its cache.

    The tokenizer caches how it split each chunk, but after a chunk that is a special case ("U.S.", "—",
    "Mr.") it caches nothing more in that Doc (spacy/tokenizer.pyx, _save_cached: has_special is never
    reset), so most of an article's chunks were split again in every article. Offered once in a Doc of
    their own, ordinary chunks first, they are cached; splitting, and so every token, stays the same.
    """
    if len(_warmed) > TOKENIZER_CACHE:
        _warmed.clear()
    new = {chunk for chunk in _CHUNK.findall(text) if len(chunk) < LONG_RUN} - _warmed
    if not new:
        return
    _warmed.update(new)
    special = nlp.tokenizer.rules
    # Chunks with punctuation may hold a special case inside ("(AP)"): last, so they stop nothing.
    plain = sorted((chunk for chunk in new if chunk not in special), key=lambda chunk: not chunk.isalnum())
    nlp.tokenizer(" ".join(plain))


def text_of(doc: Doc) -> str:
    """The text a Doc was made from (equal to doc.text): kept by segment(), rebuilt for any other Doc."""
    return doc.user_data.get(_TEXT, None) or doc.text


def lower_words(doc: Doc) -> list[str]:
    """The doc's tokens in lower case, built once per doc: stages slice it instead of creating a spaCy
    Token object per token per look (the costliest thing in their profiles). Read as one array of the
    LOWER attribute, which is what Token.lower_ gives, without a Token object per token either."""
    words = doc.user_data.get(_LOWER)
    if words is None:
        strings = doc.vocab.strings
        words = doc.user_data[_LOWER] = [strings[key] for key in doc.to_array(LOWER).tolist()] if len(doc) else []
    return words


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Each token's start and end character in the text, built once per doc (as lower_words is), so that
    the words of a token range are a slice of the text, not a spaCy Span made and joined."""
    offsets = doc.user_data.get(_OFFSETS)
    if offsets is None:
        columns = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        offsets = doc.user_data[_OFFSETS] = ([start for start, _ in columns],
                                             [start + length for start, length in columns])
    return offsets


def tokens_text(doc: Doc, start: int, end: int) -> str:
    """The text of tokens [start, end), as doc[start:end].text gives it."""
    starts, ends = token_offsets(doc)
    return text_of(doc)[starts[start]:ends[end - 1]] if end > start else ""


def sentences(doc: Doc) -> list[Sentence]:
    """Sentences without surrounding whitespace; empty (whitespace-only) sentences are left out."""
    found = []
    text = text_of(doc)
    for span in doc.sents:
        start, end = span.start_char, span.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            found.append(Sentence(start, end, text[start:end]))
    return found
