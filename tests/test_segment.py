"""Segmentation: a line break always ends a sentence, however the whitespace around it is mixed."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.segment import english, segment, sentences

PIECES = ["Kharkiv", "was", "shelled", ".", ",", "Enerhodar Updates", "—", " ", "  ", "\n", "\n\n", " \n", "\t",
          "\r\n", "\u00a0", "\u2028", "3", "a.m.", "(AP)", "'s", "Mr.", "KYIV"]


def reference_sentence_starts(text: str) -> list[bool]:
    """What paragraph_breaks must give: spaCy's sentences, and a start after every token whose text or
    trailing whitespace holds a line break (the plain definition, one Token object at a time)."""
    nlp = english()
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    starts = [bool(token.is_sent_start) for token in doc]
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            starts[token.i] = True
    return starts


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join) | st.text(max_size=80))
def test_paragraph_breaks_start_sentences(text):
    assert [bool(token.is_sent_start) for token in segment(text)] == reference_sentence_starts(text)


def test_a_heading_line_is_its_own_sentence():
    text = "Enerhodar Updates\nShelling hit the town overnight. Two people were hurt."
    assert [s.text for s in sentences(segment(text))] == [
        "Enerhodar Updates", "Shelling hit the town overnight.", "Two people were hurt."]


REFERENCE_TOKENIZER = spacy.blank("en").tokenizer  # spaCy's own, not warmed by segment()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES + ["U.S.-backed", "can't", "Mr.", "(Kyiv)", "km2", "o'clock"]),
                         max_size=20).map(" ".join), min_size=1, max_size=4))
def test_warming_the_tokenizer_cache_changes_no_token(texts):
    """segment() first offers an article's chunks to spaCy's tokenizer cache: the tokens are those of
    spaCy's tokenizer left to itself."""
    fresh = REFERENCE_TOKENIZER
    for text in texts:
        assert [(t.text, t.whitespace_, t.norm_) for t in segment(text)] == [
            (t.text, t.whitespace_, t.norm_) for t in fresh(text)]
