"""Cut a release: an immutable, self-describing copy of a built output folder, `releases/VERSION/`.

Reads  : a built output folder (its manifest.json and every table's Parquet, one file or a folder of
         parts) and the earlier releases beside the new one (for the changelog).
Writes : releases/VERSION/ with every table as one Parquet file and one CSV file, whichever layout the
         build wrote (a release is a download: one file per table keeps it, its data package and its
         hashes simple), datapackage.json, CODEBOOK.md,
         CHANGELOG.md, CITATION.cff, README.md and manifest.json (sha256 of every other file), through a
         temporary folder that appears with one rename and never replaces an existing release.
Nothing in it depends on the clock: its dates come from the build's manifest, so cutting the same
version from the same output twice gives byte-identical files; the tables are read and written in slices
of a fixed number of rows, so the same rows give the same table files whichever layout the build had.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from builder import __version__
from builder.api import iter_table
from builder.errors import BuilderError
from builder.layout import table_path
from builder.release.changelog import changelog
from builder.release.citation import ATTRIBUTION, DEFAULT_TITLE, citation_cff, release_note
from builder.release.codebook import codebook
from builder.release.datapackage import data_package, file_digest
from builder.release.versions import previous_release, version_key
from builder.schemas import SCHEMA_VERSION, TABLES
from builder.write import FORMATS, MANIFEST, OutputWriter

PACKAGE_NAME = "conflict-dataset"


@dataclass
class ReleaseSummary:
    folder: Path
    version: str
    previous: str | None
    rows: dict[str, int]
    files: int


def release(version: str, source: str | Path = "output", to: str | Path = "releases", *,
            title: str = DEFAULT_TITLE, authors: Sequence[str] = ()) -> ReleaseSummary:
    """Cut release `version` of the output folder `source` into `to/version`; an existing release is
    never replaced.

    >>> release("1.0.0", "output/", "releases/")          # doctest: +SKIP
    """
    version_key(version)  # refuses anything that is not a version, such as a path
    source, to = Path(source), Path(to)
    target = to / version
    if target.exists():
        raise BuilderError(f"{target}: release {version} already exists and releases are never replaced; "
                           "cut a new version")
    built = _read_built_manifest(source)
    previous = previous_release(to, version)
    built_at = built.get("built_at")
    with OutputWriter(target, list(TABLES), FORMATS, note=release_note(version, title, built_at),
                      replace=False) as writer:
        for table in TABLES:
            for frame in iter_table(source, table):
                writer.append(table, frame)
        rows = writer.row_counts()
        _check_rows(source, built, rows)
        folder = writer.finish_tables()
        previous_folder = to / previous if previous else None
        previous_manifest = _previous_build(previous_folder)
        writer.write_text("CHANGELOG.md", changelog(version, folder, previous, previous_folder,
                                                    (built, previous_manifest)))
        writer.write_text("CODEBOOK.md", codebook(version, built.get("parameters", {}).get("events"), rows))
        writer.write_text("CITATION.cff", citation_cff(version, title, list(authors), built_at and built_at[:10]))
        package = data_package(folder, name=PACKAGE_NAME, title=title, version=version, created=built_at,
                               attribution=ATTRIBUTION)
        writer.write_text("datapackage.json", json.dumps(package, indent=2, ensure_ascii=False) + "\n")
        files = {path.name: file_digest(path) for path in sorted(folder.iterdir())}
        writer.commit(_manifest(version, previous, source, built, rows, files))
    return ReleaseSummary(target, version, previous, rows, len(files) + 1)


def _read_built_manifest(source: Path) -> dict:
    path = source / MANIFEST
    if not path.is_file():
        raise BuilderError(f"{source}: not a built output folder (no {MANIFEST}); run `builder build` first")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise BuilderError(f"{source} was built with schema version {manifest.get('schema_version')}; this builder "
                           f"writes {SCHEMA_VERSION}: build it again before releasing")
    return manifest


def _check_rows(source: Path, built: dict, rows: dict[str, int]) -> None:
    for table, count in rows.items():
        expected = built.get("tables", {}).get(table, {}).get("rows")
        if expected != count:
            raise BuilderError(f"{table_path(source, table)} has {count} rows but its manifest says {expected}; "
                               "the folder was changed after the build: build it again")


def _previous_build(previous_folder: Path | None) -> dict | None:
    """The build facts of the previous release, as its manifest recorded them."""
    if previous_folder is None:
        return None
    manifest = json.loads((previous_folder / MANIFEST).read_text(encoding="utf-8"))
    return manifest.get("build", {})


def _manifest(version: str, previous: str | None, source: Path, built: dict, rows: dict[str, int],
              files: dict[str, dict]) -> dict:
    return {
        "release": version,
        "previous_release": previous,
        "tool": "builder",
        "tool_version": __version__,
        "schema_version": SCHEMA_VERSION,
        "build": {
            "manifest_sha256": file_digest(source / MANIFEST)["sha256"],
            "built_at": built.get("built_at"),
            "tool_version": built.get("tool_version"),
            "schema_version": built.get("schema_version"),
            "parameters": built.get("parameters", {}),
            "inputs": len(built.get("inputs", [])),
            "rejects_by_reason": built.get("rejects_by_reason", {}),
        },
        "tables": {table: {"rows": count, "files": [f"{table}.{fmt}" for fmt in FORMATS]}
                   for table, count in rows.items()},
        "files": files,
        "attribution": ATTRIBUTION,
    }
