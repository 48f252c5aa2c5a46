"""JSON Lines (one record per line) and JSON (a list of records, or one record) files."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from builder.errors import Problem, excerpt_of
from builder.ingest.decode import decoded_lines, read_decoded
from builder.ingest.records import RawRecord, canonical_fields

_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\r\n"
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
    decoded = read_decoded(path)
    text = decoded.text.lstrip("\ufeff")
    position = _skip_whitespace(text, 0)
    if text.startswith("[", position):
        yield from _iter_array(text, position + 1, rel, decoded.encoding, decoded.replaced)
        return
    try:
        value, end = _DECODER.raw_decode(text, position)
    except json.JSONDecodeError as error:
        yield Problem(rel, error.lineno, "ingest", "bad-json", f"column {error.colno}: {error.msg}")
        return
    except _UNREADABLE_VALUE as error:
        yield Problem(rel, text.count("\n", 0, position) + 1, "ingest", "bad-json", _unreadable_message(error))
        return
    if _skip_whitespace(text, end) != len(text):
        yield Problem(rel, text.count("\n", 0, end) + 1, "ingest", "bad-json", "extra data after the JSON value")
        return
    yield _record_or_problem(value, rel, text.count("\n", 0, position) + 1, decoded.encoding, decoded.replaced)


def _iter_array(text: str, position: int, rel: str, encoding: str, replaced: int) -> Iterator[RawRecord | Problem]:
    """Walk a top-level array element by element so each record knows the line it starts on."""
    line, counted_to = 1, 0
    while True:
        position = _skip_whitespace(text, position)
        if text.startswith("]", position):
            return
        line += text.count("\n", counted_to, position)
        counted_to = position
        try:
            value, end = _DECODER.raw_decode(text, position)
        except json.JSONDecodeError as error:
            yield Problem(rel, error.lineno, "ingest", "bad-json",
                          f"column {error.colno}: {error.msg}; records after this point were not read")
            return
        except _UNREADABLE_VALUE as error:
            yield Problem(rel, line, "ingest", "bad-json",
                          f"{_unreadable_message(error)}; records after this point were not read")
            return
        # Replaced bytes are counted for the file; attribute them to its first record only.
        yield _record_or_problem(value, rel, line, encoding, replaced)
        replaced = 0
        position = _skip_whitespace(text, end)
        if text.startswith(",", position):
            position += 1
        elif not text.startswith("]", position):
            yield Problem(rel, text.count("\n", 0, position) + 1, "ingest", "bad-json",
                          "expected ',' or ']' after a record; records after this point were not read")
            return


def _skip_whitespace(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WHITESPACE:
        position += 1
    return position
