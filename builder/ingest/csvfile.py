"""CSV files with a header row naming the record fields (text, published, id, title, ...)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from builder.errors import Problem, excerpt_of
from builder.ingest.decode import decoded_lines
from builder.ingest.records import RawRecord, canonical_fields

# One article can be a million characters; the csv module's default cell limit is 128 KiB.
csv.field_size_limit(1 << 30)


class _LineFeed:
    """Feeds decoded lines to csv.reader while remembering where each record starts."""

    def __init__(self, lines: Iterator[tuple[int, str, int]]) -> None:
        self._lines = lines
        self.current_line = 0
        self.replaced = 0

    def __iter__(self) -> Iterator[str]:
        for number, text, replaced in self._lines:
            self.current_line = number
            self.replaced += replaced
            yield text


def read_csv(path: Path, rel: str) -> Iterator[RawRecord | Problem]:
    with path.open("rb") as stream:
        encoding, lines = decoded_lines(stream)
        feed = _LineFeed(lines)
        rows = csv.reader(feed)
        try:
            header = [name.lstrip("\ufeff").strip() for name in next(rows)]
        except StopIteration:
            yield Problem(rel, 1, "ingest", "empty-file", "the CSV file is empty: expected a header row")
            return
        except csv.Error as error:
            yield Problem(rel, 1, "ingest", "bad-csv", f"cannot read the header row: {error}")
            return
        if "text" not in canonical_fields(dict.fromkeys(header, "x")):
            yield Problem(rel, 1, "ingest", "missing-text-column",
                          f"the header {header} has no text column: name one 'text', 'body' or 'content'")
            return
        while True:
            start = feed.current_line + 1
            feed.replaced = 0
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as error:
                yield Problem(rel, start, "ingest", "bad-csv", f"{error}; records after this point were not read")
                return
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield Problem(rel, start, "ingest", "csv-field-count",
                              f"expected {len(header)} fields as in the header, found {len(row)} "
                              "(an unquoted comma or newline in a cell?)",
                              excerpt=excerpt_of(",".join(row)))
                continue
            yield RawRecord(rel, start, canonical_fields(dict(zip(header, row))), encoding, feed.replaced)
