"""Where a table's Parquet lives in an output folder, and reading it back, whichever layout wrote it.

Layouts: `single` writes `FOLDER/TABLE.parquet`, one file; `partitioned` writes the folder
`FOLDER/TABLE/` of parts `part-00000.parquet`, `part-00001.parquet`, ... (one per chunk of articles
the build writes), each with the table's full schema, and an empty table still gets one part without
rows: the folder reads as one dataset in pyarrow, pandas, polars, DuckDB and Dask, and a part at a time
fits in memory however large the build.

Every reader in builder (load_table, the events step of a build, report, export, release) finds a table
with `table_path` and reads it with `read_table` or `iter_batches`, so each works on either layout.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow
import pyarrow.parquet as pq

from builder.errors import BuilderError
from builder.tables import arrow_schema

LAYOUTS = ("single", "partitioned")
PART_NAME = "part-{:05d}.parquet"  # name order is row order for every reader up to 100,000 parts (10^8 articles)


def check_layout(layout: str) -> None:
    if layout not in LAYOUTS:
        raise BuilderError(f"unknown Parquet layout {layout!r}; choose from {', '.join(LAYOUTS)}")


def parquet_path(folder: Path, table: str, layout: str) -> Path:
    """Where a writer puts the table: the file TABLE.parquet or the partition folder TABLE/."""
    check_layout(layout)
    return folder / f"{table}.parquet" if layout == "single" else folder / table


def table_path(folder: str | Path, table: str) -> Path | None:
    """The table's Parquet in `folder`: TABLE.parquet or the partition folder TABLE/; None when neither."""
    single, partitioned = Path(folder) / f"{table}.parquet", Path(folder) / table
    if single.is_file():
        return single
    return partitioned if partitioned.is_dir() else None


def table_files(folder: str | Path, table: str) -> list[Path]:
    """The Parquet files that hold the table, in row order (a partition folder's parts by name; hidden
    and `_` files are skipped, as pyarrow skips them)."""
    path = table_path(folder, table)
    if path is None:
        raise BuilderError(f"{folder}: no such table file, {table}.parquet or a folder {table}/ of parts (was it "
                           "built with --format parquet, by this version of builder?)")
    if path.is_file():
        return [path]
    return sorted(part for part in path.iterdir()
                  if part.suffix == ".parquet" and part.is_file() and not part.name.startswith((".", "_")))


def read_table(folder: str | Path, table: str, columns: list[str] | None = None) -> pyarrow.Table:
    """The whole table (or some of its columns), its parts joined in order."""
    pieces = [pq.read_table(path, columns=columns) for path in table_files(folder, table)]
    if not pieces:
        empty = arrow_schema(table).empty_table()
        return empty if columns is None else empty.select(columns)
    return pieces[0] if len(pieces) == 1 else pyarrow.concat_tables(pieces)


def iter_batches(folder: str | Path, table: str, batch_rows: int,
                 columns: list[str] | None = None) -> Iterator[pyarrow.Table]:
    """The table in slices of exactly `batch_rows` rows (the last one shorter), across files and row
    groups: both layouts of the same rows give the same slices, so what is written from them is the same."""
    held: list[pyarrow.RecordBatch] = []
    count = 0
    for path in table_files(folder, table):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=batch_rows, columns=columns):
            held.append(batch)
            count += batch.num_rows
            while count >= batch_rows:
                joined = pyarrow.Table.from_batches(held)
                yield joined.slice(0, batch_rows)
                rest = joined.slice(batch_rows)
                held, count = rest.to_batches(), rest.num_rows
    if count:
        yield pyarrow.Table.from_batches(held)


def count_rows(folder: str | Path, table: str) -> int:
    """Rows in the table, from the files' metadata."""
    return sum(pq.ParquetFile(path).metadata.num_rows for path in table_files(folder, table))


def column_names(folder: str | Path, table: str) -> list[str]:
    """The columns the table's files hold (those of the schema it was written with)."""
    files = table_files(folder, table)
    return pq.read_schema(files[0]).names if files else arrow_schema(table).names
