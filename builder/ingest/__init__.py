"""Ingest: read a raw batch (a folder or one file) into articles, and say what could not be read.

Reads  : files under RAW (.txt, .md, .jsonl, .json, .csv, .html), in sorted path order.
Yields : Article for each usable record, Problem for each file, record or duplicate that is not used.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from builder.errors import BuilderError, Problem
from builder.ingest.articles import Article, DuplicateFilter, make_article
from builder.ingest.csvfile import read_csv
from builder.ingest.decode import UndecodableError
from builder.ingest.html import read_html
from builder.ingest.jsonfile import read_json, read_jsonl
from builder.ingest.records import RawRecord, replace_lone_surrogates
from builder.ingest.text import read_text_file

__all__ = ["Article", "InputFile", "READERS", "read_batch"]

Reader = Callable[[Path, str], Iterator[RawRecord | Problem]]
READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".md": read_text_file,
    ".markdown": read_text_file,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".html": read_html,
    ".htm": read_html,
}


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file of the batch, for the manifest: what was read, or why it was skipped."""

    path: str
    sha256: str | None
    bytes: int | None
    skipped: str | None = None


def display_path(path: Path, root: Path) -> str:
    """The path relative to the batch root, always valid UTF-8 (odd bytes in names become U+FFFD)."""
    relative = path.relative_to(root).as_posix() if path != root else path.name
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _is_documentation(name: str) -> bool:
    return name.startswith((".", "_")) or name.lower().startswith("readme")


def list_batch(raw: Path) -> list[tuple[Path, str, str | None]]:
    """Every file under `raw` as (path, display path, why it is not read or None), sorted by path."""
    if not raw.exists():
        raise BuilderError(f"{raw}: no such file or folder")
    if raw.is_file():
        return [(raw, raw.name, None)]
    root = raw.resolve()
    entries: list[tuple[Path, str | None]] = []

    def unreadable(error: OSError) -> None:  # os.walk skips a folder it cannot list unless told
        entries.append((Path(error.filename or raw), "unreadable-folder"))

    for folder, subfolders, names in os.walk(raw, onerror=unreadable, followlinks=False):
        for sub in [s for s in subfolders if s.startswith(".") or (Path(folder) / s).is_symlink()]:
            subfolders.remove(sub)
            if not sub.startswith("."):
                entries.append((Path(folder) / sub, "symlinked-folder"))
        for sub in [s for s in subfolders if _is_builder_output(Path(folder) / s)]:
            subfolders.remove(sub)  # `builder build . --out output` must not read its own last output
            entries.append((Path(folder) / sub, "builder-output"))
        entries.extend((Path(folder) / name, None) for name in names)
    listed = []
    for path, skip in entries:
        if skip is None:
            if _is_documentation(path.name):
                skip = "not-an-article"
            elif path.is_symlink():
                skip = _link_problem(path, root)
            if skip is None and path.suffix.lower() not in READERS:
                skip = "unsupported-format"
            elif skip is None and not _is_regular_file(path):
                skip = "not-a-regular-file"
        listed.append((path, display_path(path, raw), skip))
    return sorted(listed, key=lambda entry: entry[1])


def _is_builder_output(folder: Path) -> bool:
    """A build output or a release: its manifest.json says builder wrote it."""
    manifest = folder / "manifest.json"
    try:
        return manifest.is_file() and json.loads(manifest.read_text(encoding="utf-8")).get("tool") == "builder"
    except (OSError, ValueError, AttributeError):
        return False


def _link_problem(link: Path, root: Path) -> str | None:
    """Why a symbolic link to a file is not read, or None when it points at a file inside the batch."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link, or a loop (RuntimeError before Python 3.13)
        return "broken-link"
    return None if target.is_relative_to(root) else "outside-raw-folder"


def _is_regular_file(path: Path) -> bool:
    """A named pipe or device would block or never end when read; only regular files are articles."""
    try:
        return path.is_file()
    except OSError:
        return False


_NOT_INPUTS = {  # skipped by design: listed in the manifest's inputs, not rejected
    "not-an-article": "documentation or hidden file",
    "builder-output": "a folder builder wrote (a build output or a release), not raw input",
}
_SKIP_MESSAGES = {
    "symlinked-folder": "a symbolic link to a folder is not followed; copy the files into the batch instead",
    "outside-raw-folder": "a symbolic link pointing outside the raw folder is not read",
    "broken-link": "a symbolic link whose target does not exist (or that points back to itself) is not read",
    "not-a-regular-file": "not a regular file (a named pipe, socket or device) and is not read",
    "unreadable-folder": "cannot list this folder (permissions?); its files were not read",
    "unsupported-format": "unsupported file type; expected one of " + ", ".join(sorted(READERS)),
}


def read_batch(
    raw: str | Path,
    *,
    published: date | None = None,
    today: date | None = None,
    inputs: list[InputFile] | None = None,
) -> Iterator[Article | Problem]:
    """Read every article of a raw batch. `published` dates files that carry no date of their own;
    `inputs`, when given, collects each file's sha256 for the manifest."""
    today = today or date.today()
    duplicates = DuplicateFilter()
    for path, shown, skip in list_batch(Path(raw)):
        if skip in _NOT_INPUTS:
            if inputs is not None:
                inputs.append(InputFile(shown, None, None, _NOT_INPUTS[skip]))
            continue
        if skip:
            yield Problem(shown, None, "ingest", skip, _SKIP_MESSAGES[skip])
            continue
        if inputs is not None:
            inputs.append(InputFile(shown, *_fingerprint(path)))
        read_anything = False
        for item in _read_file(path, shown):
            read_anything = True
            if isinstance(item, Problem):
                yield item
                continue
            if item.replaced_bytes:
                yield Problem(shown, item.line, "ingest", "invalid-bytes-replaced",
                              f"{item.replaced_bytes} byte(s) were not valid {item.encoding} and were replaced "
                              "with U+FFFD; the article was kept", severity="warning")
            if surrogates := replace_lone_surrogates(item):
                yield Problem(shown, item.line, "ingest", "invalid-characters-replaced",
                              f"{surrogates} escape(s) such as \\ud800 were half of a character and were "
                              "replaced with U+FFFD; the article was kept", severity="warning")
            try:
                article = make_article(item, published, today)
            except Exception as error:  # one odd record must not stop a batch of thousands
                yield Problem(shown, item.line, "ingest", "record-failed",
                              f"cannot make an article of this record: {type(error).__name__}: {error}")
                continue
            if isinstance(article, Article):
                article = duplicates.check(article) or article
            yield article
        if not read_anything:
            yield Problem(shown, None, "ingest", "no-records",
                          "the file holds no records (an empty list, a header without rows, only blank lines)")


def _read_file(path: Path, shown: str) -> Iterator[RawRecord | Problem]:
    try:
        if path.stat().st_size == 0:
            yield Problem(shown, None, "ingest", "empty-file", "the file is empty")
            return
        yield from READERS[path.suffix.lower()](path, shown)
    except UndecodableError as error:
        yield Problem(shown, None, "ingest", "binary-file", str(error))
    except OSError as error:
        yield Problem(shown, None, "ingest", "unreadable-file", f"cannot read the file: {error.strerror or error}")
    except Exception as error:  # one broken file must not stop a batch of thousands
        yield Problem(shown, None, "ingest", "reader-failed",
                      f"the {path.suffix} reader failed: {type(error).__name__}: {error}")


def _fingerprint(path: Path) -> tuple[str | None, int | None]:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest(), path.stat().st_size
    except OSError:
        return None, None
