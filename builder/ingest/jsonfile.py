"""JSON Lines (one record per line) and JSON (a list of records, or one record) files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from builder.errors import Problem, excerpt_of
from builder.ingest.decode import TextWindow, decoded_lines, detect_stream_encoding
from builder.ingest.records import RawRecord, canonical_fields

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\r\n"
_CHUNK_CHARS = 1 << 20  # a JSON list is read this much at a time
_KEEP_CHARS = 1 << 20  # text already read is dropped once this much of it is behind the reader
# Valid JSON Python will not hold: nesting deeper than the recursion limit, integers of thousands of digits.
_UNREADABLE_VALUE = (RecursionError, ValueError)


def _unreadable_message(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "the value is nested too deeply (lists or objects inside each other hundreds of times)"
    return f"a value cannot be read: {error}"


def _record_or_problem(value: object, rel: str, line: int, encoding: str, replaced: int) -> RawRecord | Problem:
    if not isinstance(value, dict):
        return Problem(rel, line, "ingest", "not-a-record",
                       f"expected a JSON object with 'text' and 'published', found a {type(value).__name__}",
                       excerpt=excerpt_of(json.dumps(value, ensure_ascii=False)[:200]))
    return RawRecord(rel, line, canonical_fields(value), encoding, replaced)


def read_jsonl(path: Path, rel: str) -> Iterator[RawRecord | Problem]:
    with path.open("rb") as stream:
        encoding, lines = decoded_lines(stream)
        for number, line, replaced in lines:
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as error:
                yield Problem(rel, number, "ingest", "bad-json",
                              f"column {error.colno}: {error.msg} (a truncated or broken line)",
                              excerpt=excerpt_of(line))
                continue
            except _UNREADABLE_VALUE as error:
                yield Problem(rel, number, "ingest", "bad-json", _unreadable_message(error), excerpt=excerpt_of(line))
                continue
            yield _record_or_problem(value, rel, number, encoding, replaced)


def read_json(path: Path, rel: str) -> Iterator[RawRecord | Problem]:
    """A list of records is streamed record by record (a 100 MB list written on one line is never held
    whole); a single record is read whole."""
    with path.open("rb") as stream:
        window = TextWindow(stream, detect_stream_encoding(stream), _CHUNK_CHARS)
        position = _skip_whitespace(window, 0)
        if window.text.startswith("\ufeff", position):
            position = _skip_whitespace(window, position + 1)
        if window.text.startswith("[", position):
            yield from _iter_array(window, position + 1, rel)
            return
        while window.more():
            pass
    text = window.text
    try:
        value, end = _DECODER.raw_decode(text, position)
    except json.JSONDecodeError as error:
        yield Problem(rel, error.lineno, "ingest", "bad-json", f"column {error.colno}: {error.msg}")
        return
    except _UNREADABLE_VALUE as error:
        yield Problem(rel, text.count("\n", 0, position) + 1, "ingest", "bad-json", _unreadable_message(error))
        return
    if _skip_whitespace(window, end) != len(text):
        yield Problem(rel, text.count("\n", 0, end) + 1, "ingest", "bad-json", "extra data after the JSON value")
        return
    yield _record_or_problem(value, rel, text.count("\n", 0, position) + 1, window.encoding, window.replaced)


def _iter_array(window: TextWindow, position: int, rel: str) -> Iterator[RawRecord | Problem]:
    """Walk a top-level array element by element so each record knows the line it starts on."""
    line, counted_to, reported = window.first_line, 0, 0
    while True:
        position = _skip_whitespace(window, position)
        if window.text.startswith("]", position):
            return
        line += window.text.count("\n", counted_to, position)
        counted_to = position
        while True:
            try:
                value, end = _DECODER.raw_decode(window.text, position)
            except json.JSONDecodeError as error:
                if _maybe_cut_short(error, window.text) and window.more():
                    continue  # the record runs on past what has been read
                yield Problem(rel, window.first_line + error.lineno - 1, "ingest", "bad-json",
                              f"column {error.colno}: {error.msg}; records after this point were not read")
                return
            except _UNREADABLE_VALUE as error:
                yield Problem(rel, line, "ingest", "bad-json",
                              f"{_unreadable_message(error)}; records after this point were not read")
                return
            if end < len(window.text) or not window.more():  # a number may go on past the end
                break
        # Bytes replaced while reading are attributed to the record read next.
        yield _record_or_problem(value, rel, line, window.encoding, window.replaced - reported)
        reported = window.replaced
        position = _skip_whitespace(window, end)
        if window.text.startswith(",", position):
            position += 1
        elif not window.text.startswith("]", position):
            yield Problem(rel, window.first_line + window.text.count("\n", 0, position), "ingest", "bad-json",
                          "expected ',' or ']' after a record; records after this point were not read")
            return
        if position > _KEEP_CHARS:
            line += window.text.count("\n", counted_to, position)
            window.drop(position)
            position = counted_to = 0


def _maybe_cut_short(error: json.JSONDecodeError, text: str) -> bool:
    """Could reading more make this value valid? Only if the parser stopped at the end of the text read."""
    return error.pos >= len(text) - 16 or error.msg.startswith("Unterminated string")


def _skip_whitespace(window: TextWindow, position: int) -> int:
    """The next position that is not whitespace, reading on when the text read ends in whitespace."""
    while True:
        text = window.text
        while position < len(text) and text[position] in _WHITESPACE:
            position += 1
        if position < len(text) or not window.more():
            return position
