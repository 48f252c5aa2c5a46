"""builder/segment.py: tokens and sentences index the text exactly, fast on any text."""

from __future__ import annotations

import time
from datetime import date

import pytest

from builder.pipeline import analyse_text
from builder.segment import MAX_SENTENCE_TOKENS, RUN_PIECE, segment, sentences


def test_a_paragraph_break_ends_a_sentence():
    text = "Enerhodar Updates\n\nTwo people were wounded. Shelling continued\nthe next morning"
    assert [s.text for s in sentences(segment(text))] == [
        "Enerhodar Updates", "Two people were wounded.", "Shelling continued", "the next morning"]


@pytest.mark.parametrize("run", ['"' * 100_000, "=" * 100_000, ":)" * 50_000, "_" * 600 + "x" * 600])
def test_a_long_run_without_spaces_is_cut_not_a_hang(run):
    # spaCy's affix splitting is quadratic in a run without spaces: 100,000 "=" took half an hour.
    text = f"Officials said:\n\n{run}\n\nTwo people were killed in Kharkiv on Friday."
    started = time.perf_counter()
    doc = segment(text)
    assert time.perf_counter() - started < 5
    assert doc.text == text and "".join(t.text_with_ws for t in doc) == text
    assert max(len(t) for t in doc) <= RUN_PIECE
    assert sentences(doc)[-1].text == "Two people were killed in Kharkiv on Friday."
    (incident,) = analyse_text(text, date(2024, 1, 1)).incidents
    assert (incident.location, incident.killed) == ("Kharkiv", 2)
    assert text[incident.char_start:incident.char_end] == incident.sentence


def test_runs_shorter_than_a_cut_are_tokenized_as_usual():
    text = "See https://example.com/" + "a" * 300 + " for details."
    assert [t.text for t in segment(text)][-3:] == ["for", "details", "."]
    assert any(t.text.startswith("https://example.com/") and len(t) > RUN_PIECE for t in segment(text))


def test_a_sentence_of_thousands_of_tokens_is_cut_after_commas():
    table = "Kharkiv 5 killed, " * 3000  # a flattened table: 12,000 tokens and no full stop
    lengths = [len(sentence) for sentence in segment(table).sents]
    assert max(lengths) <= MAX_SENTENCE_TOKENS and sum(lengths) == len(segment(table))
    assert all(sentence.text.rstrip().endswith(",") for sentence in list(segment(table).sents)[:-1])


def test_one_endless_sentence_of_statements_stays_fast():
    # Each statement looked at its whole clause and sentence: 10,000 of them in one sentence took 8 minutes.
    text = "at least 5 people were killed " * 5000
    started = time.perf_counter()
    incidents = analyse_text(text, date(2024, 1, 1)).incidents
    assert time.perf_counter() - started < 30
    assert incidents and all(text[i.char_start:i.char_end] == i.sentence for i in incidents)
