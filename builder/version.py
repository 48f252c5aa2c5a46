"""The extractor version written into every incident row: the package version plus a digest of every
rule and word-list file, so a changed rule changes the version (and an incremental build re-runs)."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

from builder import __version__

RULE_SUFFIXES = (".yaml", ".tsv")


def _rule_files(folder) -> list:
    found = []
    for entry in folder.iterdir():
        if entry.is_dir() and entry.name != "__pycache__":
            found.extend(_rule_files(entry))
        elif entry.name.endswith(RULE_SUFFIXES):
            found.append(entry)
    return found


@cache
def extractor_version() -> str:
    root = resources.files("builder")
    digest = hashlib.sha256()
    for entry in sorted(_rule_files(root), key=lambda e: str(e)):
        digest.update(str(entry).rsplit("builder", 1)[-1].encode())
        digest.update(entry.read_bytes())
    return f"{__version__}+rules.{digest.hexdigest()[:10]}"
