"""The timex evaluation: scoring conventions on a tiny corpus written here, and the command."""

from __future__ import annotations

import json
import lzma
from datetime import date

from click.testing import CliRunner

from builder.evaluate.timex import Timex, command, match_relaxed, read_corpus, score_corpus

DOC = "Troops left on Saturday. Talks resume next week, 2022-09-10."


def _write_corpus(folder, compress=False):
    folder.mkdir()
    (folder / "tiny.docs.jsonl").write_text(json.dumps(
        {"doc": "d1", "dct": "2022-09-10", "text": DOC, "ignore_spans": [[49, 59]]}) + "\n", encoding="utf-8")
    gold = [{"doc": "d1", "start": 15, "end": 23, "type": "DATE", "value": "2022-09-10"},  # Saturday
            {"doc": "d1", "start": 37, "end": 46, "type": "DATE", "value": "2022-W37"},  # next week
            {"doc": "d1", "start": 0, "end": 6, "type": "DURATION", "value": "P1D"},  # a gold nobody finds
            {"doc": "d1", "start": 49, "end": 59, "type": "DATE", "value": "2022-09-10"}]  # ignored
    lines = "".join(json.dumps(g) + "\n" for g in gold)
    if compress:
        with lzma.open(folder / "tiny.jsonl.xz", "wt", encoding="utf-8") as handle:
            handle.write(lines)
    else:
        (folder / "tiny.jsonl").write_text(lines, encoding="utf-8")


def fixed_extractor(text, published):
    # Saturday exact; "week" overlaps "next week" with a wrong value; one false alarm; one inside ignore_spans
    return [Timex(15, 23, "DATE", "2022-09-10"), Timex(42, 46, "DATE", "2022-W36"), Timex(25, 30, "DATE", "X"),
            Timex(49, 59, "DATE", "2022-09-10")]


def test_scores_follow_the_conventions(tmp_path):
    _write_corpus(tmp_path / "tiny")
    documents, gold = read_corpus(tmp_path / "tiny")
    figures = score_corpus(documents, gold, fixed_extractor)
    assert (figures.strict.true_positives, figures.strict.predicted, figures.strict.gold) == (1, 3, 3)
    assert figures.relaxed.true_positives == 2
    assert figures.value.true_positives == 1
    assert figures.type.true_positives == 2
    assert figures.documents == 1


def test_relaxed_matching_is_one_to_one():
    predicted = [Timex(0, 10, "DATE", "a"), Timex(2, 4, "DATE", "b")]
    expected = [Timex(0, 10, "DATE", "a")]
    assert match_relaxed(predicted, expected) == [(predicted[0], expected[0])]


def test_compressed_gold_is_read(tmp_path):
    _write_corpus(tmp_path / "tiny", compress=True)
    documents, gold = read_corpus(tmp_path / "tiny")
    assert documents[0].dct == date(2022, 9, 10) and len(gold["d1"]) == 4


def test_the_command_prints_both_extractors(tmp_path):
    _write_corpus(tmp_path / "tiny")
    result = CliRunner().invoke(command, [str(tmp_path / "tiny")])
    assert result.exit_code == 0, result.output
    assert "tiny: 1 documents, 4 gold TIMEX3" in result.output
    assert "builder" in result.output and "dateparser" in result.output
    assert result.output.count("documents/s") == 2 and result.output.count("per CPU second") == 2


def test_a_folder_without_a_corpus_is_an_error(tmp_path):
    result = CliRunner().invoke(command, [str(tmp_path)])
    assert result.exit_code != 0 and "no *.docs.jsonl" in result.output


def test_the_dateparser_baseline_is_valued_at_its_own_period():
    from builder.evaluate.timex import dateparser_extractor

    found = dateparser_extractor("The plant was built in 1998. It was hit on 8 September 2022.", date(2022, 9, 10))
    assert {(t.type, t.value) for t in found} >= {("DATE", "1998"), ("DATE", "2022-09-08")}


def test_ranges_are_scored_as_their_two_ends_unless_asked_whole():
    from builder.evaluate.timex import builder_extractor

    text = "Ukraine advanced from September 6 to 9."
    ends = builder_extractor(text, date(2022, 9, 10))
    assert [(text[t.start:t.end], t.type, t.value) for t in ends] == [("September 6", "DATE", "2022-09-06"),
                                                                       ("9", "DATE", "2022-09-09")]
    whole = builder_extractor(text, date(2022, 9, 10), range_ends=False)
    assert [(text[t.start:t.end], t.value) for t in whole] == [("from September 6 to 9", "P4D")]
