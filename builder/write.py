"""Write tables as Parquet and CSV into a temporary sibling folder, then swap it in atomically.

A crash at any point leaves the previous output folder as it was: the new folder only becomes
visible through a single rename (Linux renameat2 RENAME_EXCHANGE; elsewhere two renames, with the
old folder kept until the new one is in place). A folder that must never be replaced (a release)
appears with one rename that refuses an existing target (renameat2 RENAME_NOREPLACE).

Temporary folders are named `.NAME.tmp-HOST-PID-RANDOM` (and `.NAME.old-...`): a process killed
outright (SIGKILL, power cut) leaves its temporary folder behind, and the next writer into the same
parent folder removes those whose process, on this machine, no longer runs. Readers never look at
hidden folders, so a leftover is harmless until then.

Parquet is the working copy: every table is written as Parquet in the temporary folder, so a later
step can read a finished table back (events are derived from the incidents); when Parquet is not
among the formats asked for, those files are removed before the folder appears. Parquet is one file
per table or a folder of parts per table (builder/layout.py); CSV is always one file per table.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import hashlib
import json
import os
import re
import shutil
import socket
import uuid
from pathlib import Path
from typing import TextIO

import pandas as pd
import pyarrow
import pyarrow.parquet as pq

from builder.errors import BuilderError
from builder.layout import PART_NAME, check_layout, parquet_path, read_table
from builder.tables import arrow_schema, csv_ready, from_arrow, to_arrow

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
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]
_TEMPORARY = re.compile(r"^\..+\.(?:tmp|old)-(?P<host>[0-9a-f]{6})-(?P<pid>\d+)-[0-9a-f]{12}$", re.DOTALL)


class _TableSink:
    """One table's files in the temporary folder, appended to batch by batch: in the single layout each
    append is a row group of TABLE.parquet, in the partitioned layout a part of its own in TABLE/."""

    def __init__(self, folder: Path, table: str, formats: tuple[str, ...], layout: str) -> None:
        self.table = table
        self.rows = 0
        self.parts = 0
        self.parquet_path = parquet_path(folder, table, layout)
        self._parquet: pq.ParquetWriter | None = None  # the single layout's file writer
        if layout == "single":
            self._parquet = pq.ParquetWriter(self.parquet_path, arrow_schema(table), **PARQUET_OPTIONS)
        else:
            self.parquet_path.mkdir()
        self._csv: TextIO | None = None
        if "csv" in formats:
            self._csv = open(folder / f"{table}.csv", "w", encoding="utf-8", newline="")
            self._csv.write(",".join(arrow_schema(table).names) + "\n")
        self._open = True

    def append(self, frame: pd.DataFrame) -> None:
        if not self._open:
            raise RuntimeError(f"the {self.table} table is finished; nothing more can be appended")
        if frame.empty:
            return
        self.rows += len(frame)
        self._write_parquet(to_arrow(self.table, frame))
        if self._csv is not None:
            csv_ready(frame).to_csv(self._csv, index=False, header=False, lineterminator="\n")

    def _write_parquet(self, data: pyarrow.Table) -> None:
        if self._parquet is not None:
            self._parquet.write_table(data)
            return
        # The schema's own pandas metadata, as the single file has it (from_pandas records the frame's).
        pq.write_table(data.replace_schema_metadata(arrow_schema(self.table).metadata),
                       self.parquet_path / PART_NAME.format(self.parts), **PARQUET_OPTIONS)
        self.parts += 1

    def files(self, formats: tuple[str, ...]) -> list[str]:
        """The table's files, relative to the output folder."""
        parquet = [self.parquet_path.name] if self._parquet is not None else [
            f"{self.parquet_path.name}/{PART_NAME.format(part)}" for part in range(self.parts)]
        return [*(parquet if "parquet" in formats else []), *([f"{self.table}.csv"] if "csv" in formats else [])]

    def finish(self) -> None:
        """Close the files; an empty partitioned table gets one part without rows, where readers find its schema."""
        if self._open and self._parquet is None and not self.parts:
            self._write_parquet(arrow_schema(self.table).empty_table())
        self.close()

    def close(self) -> None:
        if not self._open:
            return
        for handle in (self._parquet, self._csv):
            if handle is not None:
                handle.close()
        self._open = False

    def remove_parquet(self) -> None:
        if self.parquet_path.is_dir():
            shutil.rmtree(self.parquet_path)
        else:
            self.parquet_path.unlink()


class OutputWriter:
    """Context manager: `with OutputWriter(out, tables) as w: w.append(...); w.commit(manifest)`.

    Leaving the block without commit() (an exception, Ctrl-C) removes the temporary folder and
    leaves the previous output untouched. `note` is the folder's README.md; with `replace=False`
    the folder must not exist yet, and commit() never replaces one that appeared meanwhile.
    `layout` is how Parquet is laid out: `single` or `partitioned` (builder/layout.py).
    """

    def __init__(self, out: str | Path, tables: list[str], formats: tuple[str, ...] = FORMATS, *,
                 note: str = FOLDER_NOTE_TEXT, replace: bool = True, layout: str = "single") -> None:
        unknown = set(formats) - set(FORMATS)
        if unknown or not formats:
            raise BuilderError(f"unknown output format(s) {sorted(unknown)}; choose from {', '.join(FORMATS)}")
        check_layout(layout)
        self.final = Path(out)
        self.replace = replace
        if replace:
            check_replaceable(self.final)
        elif self.final.exists():
            raise BuilderError(f"{self.final}: already exists and is never replaced; choose a new name")
        self.final.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(self.final.parent)
        self.temporary = temporary_sibling(self.final, "tmp")
        self.temporary.mkdir()
        self.formats = formats
        self.layout = layout
        self._sinks = {table: _TableSink(self.temporary, table, formats, layout) for table in tables}
        self._committed = False
        (self.temporary / FOLDER_NOTE).write_text(note, encoding="utf-8")

    def __enter__(self) -> OutputWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self._committed:
            for sink in self._sinks.values():
                sink.close()
            shutil.rmtree(self.temporary, ignore_errors=True)

    def append(self, table: str, frame: pd.DataFrame) -> None:
        self._sinks[table].append(frame)

    def row_counts(self) -> dict[str, int]:
        return {table: sink.rows for table, sink in self._sinks.items()}

    def files(self) -> dict[str, list[str]]:
        """Finish every table; returns each table's files relative to the folder (a partition folder's parts)."""
        self._finish_sinks()
        return {table: sink.files(self.formats) for table, sink in self._sinks.items()}

    def read(self, table: str, columns: list[str] | None = None) -> pd.DataFrame:
        """Finish a table and read it back from the temporary folder, typed as its schema says."""
        return from_arrow(table, self.read_arrow(table, columns))

    def read_arrow(self, table: str, columns: list[str] | None = None) -> pyarrow.Table:
        """Finish a table and read it back as Arrow (a fraction of a DataFrame's memory for a large table)."""
        self._sinks[table].finish()
        return read_table(self.temporary, table, columns)

    def finish_tables(self) -> Path:
        """Close every table's files; returns the temporary folder, where they can now be read."""
        self._finish_sinks()
        return self.temporary

    def write_text(self, name: str, text: str) -> None:
        """Add a text file (UTF-8, Unix newlines) beside the tables."""
        (self.temporary / name).write_text(text, encoding="utf-8", newline="\n")

    def commit(self, manifest: dict) -> Path:
        self._finish_sinks()
        if "parquet" not in self.formats:
            for sink in self._sinks.values():
                sink.remove_parquet()
        write_text_atomic(self.temporary / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        _fsync_tree(self.temporary)
        if self.replace:
            replace_folder(self.temporary, self.final)
        else:
            rename_without_replacing(self.temporary, self.final)
        self._committed = True
        return self.final

    def _finish_sinks(self) -> None:
        for sink in self._sinks.values():
            sink.finish()


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


def temporary_sibling(final: Path, kind: str) -> Path:
    """A hidden name beside `final` that says which process on which machine made it."""
    return final.with_name(f".{final.name}.{kind}-{_HOST}-{os.getpid()}-{uuid.uuid4().hex[:12]}")


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary folders and files in `folder` that a killed build or release left behind:
    made on this machine by a process that no longer runs. Returns what was removed."""
    removed = []
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        match = _TEMPORARY.match(entry.name)
        if match is None or match["host"] != _HOST or _is_running(int(match["pid"])):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed.append(entry)
    return removed


def _is_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def write_text_atomic(path: Path, text: str) -> None:
    temporary = temporary_sibling(path, "tmp")
    try:
        with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _fsync_tree(folder: Path) -> None:
    for path in folder.iterdir():
        if path.is_dir() and not path.is_symlink():  # a partitioned table's parts
            _fsync_tree(path)
        elif path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


_RENAME_NOREPLACE = 1
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2(first: Path, second: Path, flags: int) -> int | None:
    """Linux renameat2: 0 on success, the errno on failure, None where the call does not exist."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return None
    renameat2 = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return None
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), flags)
    return 0 if result == 0 else ctypes.get_errno()


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step where the kernel can; False where not."""
    return _renameat2(first, second, _RENAME_EXCHANGE) == 0


def rename_without_replacing(new: Path, final: Path) -> None:
    """Make `new` appear at `final` only if nothing is there, in one step; raise if something is."""
    outcome = _renameat2(new, final, _RENAME_NOREPLACE)
    if outcome in (None, errno.EINVAL, errno.ENOSYS):  # no renameat2 here, or not on this file system
        if final.exists():
            outcome = errno.EEXIST
        else:
            os.rename(new, final)
            return
    if outcome == errno.EEXIST:
        raise BuilderError(f"{final}: appeared while it was being written and is never replaced; choose a new name")
    if outcome:
        raise OSError(outcome, os.strerror(outcome), str(final))


def replace_folder(new: Path, final: Path) -> None:
    """Make `new` appear at `final`; the previous `final` is removed only once `new` is in place."""
    if not final.exists():
        os.rename(new, final)
        return
    if _exchange(new, final):
        shutil.rmtree(new)  # after the exchange it holds the previous output
        return
    previous = temporary_sibling(final, "old")
    os.rename(final, previous)
    os.rename(new, final)
    shutil.rmtree(previous)
