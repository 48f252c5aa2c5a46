"""Write tables as Parquet and CSV into a temporary sibling folder, then swap it in atomically.

A crash at any point leaves the previous output folder as it was: the new folder only becomes
visible through a single rename (Linux renameat2 RENAME_EXCHANGE; elsewhere two renames, with the
old folder kept until the new one is in place).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
import uuid
from pathlib import Path
from typing import TextIO

import pandas as pd
import pyarrow.parquet as pq

from builder.errors import BuilderError
from builder.tables import arrow_schema, neutralise_formulas, to_arrow

FORMATS = ("parquet", "csv")
MANIFEST = "manifest.json"
FOLDER_NOTE = "README.md"
FOLDER_NOTE_TEXT = (
    "# Generated output\n\n"
    "Everything in this folder is written by `builder build` and replaced as a whole on the next build.\n"
    "Each table is here as Parquet (typed) and CSV (UTF-8, ISO dates); `manifest.json` lists the inputs,\n"
    "row counts and parameters. Do not edit these files: change `raw/` and build again.\n"
)
# Files a fresh checkout may hold in an output folder that was never built into.
PLACEHOLDERS = {FOLDER_NOTE, ".gitkeep"}
PARQUET_OPTIONS = {"compression": "zstd", "write_statistics": True}


class _TableSink:
    """One table's files in the temporary folder, appended to batch by batch."""

    def __init__(self, folder: Path, table: str, formats: tuple[str, ...]) -> None:
        self.table = table
        self.rows = 0
        self._parquet: pq.ParquetWriter | None = None
        self._csv: TextIO | None = None
        if "parquet" in formats:
            self._parquet = pq.ParquetWriter(folder / f"{table}.parquet", arrow_schema(table), **PARQUET_OPTIONS)
        if "csv" in formats:
            self._csv = open(folder / f"{table}.csv", "w", encoding="utf-8", newline="")
            self._csv.write(",".join(arrow_schema(table).names) + "\n")

    def append(self, frame: pd.DataFrame) -> None:
        if frame.empty:
            return
        self.rows += len(frame)
        if self._parquet is not None:
            self._parquet.write_table(to_arrow(self.table, frame))
        if self._csv is not None:
            neutralise_formulas(frame).to_csv(self._csv, index=False, header=False, lineterminator="\n")

    def close(self) -> None:
        for handle in (self._parquet, self._csv):
            if handle is not None:
                handle.close()


class OutputWriter:
    """Context manager: `with OutputWriter(out, tables) as w: w.append(...); w.commit(manifest)`.

    Leaving the block without commit() (an exception, Ctrl-C) removes the temporary folder and
    leaves the previous output untouched.
    """

    def __init__(self, out: str | Path, tables: list[str], formats: tuple[str, ...] = FORMATS) -> None:
        unknown = set(formats) - set(FORMATS)
        if unknown or not formats:
            raise BuilderError(f"unknown output format(s) {sorted(unknown)}; choose from {', '.join(FORMATS)}")
        self.final = Path(out)
        check_replaceable(self.final)
        self.final.parent.mkdir(parents=True, exist_ok=True)
        self.temporary = self.final.parent / f".{self.final.name}.tmp-{uuid.uuid4().hex[:12]}"
        self.temporary.mkdir()
        self.formats = formats
        self._sinks = {table: _TableSink(self.temporary, table, formats) for table in tables}
        self._committed = False

    def __enter__(self) -> OutputWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._committed:
            self._close_sinks()
            shutil.rmtree(self.temporary, ignore_errors=True)

    def append(self, table: str, frame: pd.DataFrame) -> None:
        self._sinks[table].append(frame)

    def row_counts(self) -> dict[str, int]:
        return {table: sink.rows for table, sink in self._sinks.items()}

    def commit(self, manifest: dict) -> Path:
        self._close_sinks()
        write_text_atomic(self.temporary / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        (self.temporary / FOLDER_NOTE).write_text(FOLDER_NOTE_TEXT, encoding="utf-8")
        _fsync_tree(self.temporary)
        replace_folder(self.temporary, self.final)
        self._committed = True
        return self.final

    def _close_sinks(self) -> None:
        for sink in self._sinks.values():
            sink.close()


def check_replaceable(folder: Path) -> None:
    """Refuse to replace a folder that builder did not write: `--out ~` must not delete a home folder."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise BuilderError(f"{folder}: exists and is not a folder")
    names = {entry.name for entry in folder.iterdir()}
    if names - PLACEHOLDERS and MANIFEST not in names:
        raise BuilderError(f"{folder}: refusing to replace a folder builder did not write (it has no "
                           f"{MANIFEST}); choose an empty or new --out folder")


def write_text_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.tmp-{uuid.uuid4().hex[:8]}")
    with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step where the kernel can (Linux renameat2); False where not."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    renameat2 = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0


def replace_folder(new: Path, final: Path) -> None:
    """Make `new` appear at `final`; the previous `final` is removed only once `new` is in place."""
    if not final.exists():
        os.rename(new, final)
        return
    if _exchange(new, final):
        shutil.rmtree(new)  # after the exchange it holds the previous output
        return
    previous = final.with_name(f".{final.name}.old-{uuid.uuid4().hex[:12]}")
    os.rename(final, previous)
    os.rename(new, final)
    shutil.rmtree(previous)
