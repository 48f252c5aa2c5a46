"""The extractor version written into every incident row: the package version plus a digest of the
extraction code and of every rule and word-list file. A changed rule or stage changes the version, so
rows from different extractors can be told apart and an incremental build re-runs every article."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from builder import __version__

RULE_SUFFIXES = (".yaml", ".tsv")
# The modules whose code decides what the stages extract (ingest, writing and reporting do not).
EXTRACTION_CODE = ("segment.py", "pipeline.py", "timex", "places", "incidents")


def _files(folder: Traversable, suffixes: tuple[str, ...]) -> list[Traversable]:
    found = []
    for entry in folder.iterdir():
        if entry.is_dir():
            if entry.name != "__pycache__":
                found.extend(_files(entry, suffixes))
        elif entry.name.endswith(suffixes):
            found.append(entry)
    return found


def _relative(entry: Traversable) -> str:
    return str(entry).replace("\\", "/").rsplit("/builder/", 1)[-1]


@cache
def extractor_version() -> str:
    root = resources.files("builder")
    inputs = _files(root, RULE_SUFFIXES)
    for name in EXTRACTION_CODE:
        entry = root.joinpath(name)
        inputs.extend(_files(entry, (".py",)) if entry.is_dir() else [entry])
    digest = hashlib.sha256()
    for entry in sorted(inputs, key=_relative):
        digest.update(_relative(entry).encode())
        digest.update(entry.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"
