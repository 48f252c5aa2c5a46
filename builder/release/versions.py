"""Release version names: which are allowed, and how they are ordered.

A version is either a semantic version (`1.4.0`, `2.0.0-rc.1`; build metadata `+...` is refused, as it
does not order) or a date (`2024-06-01`, with `.2`, `.3` for more releases on one day). One releases
folder holds one kind. Order: semantic versions by precedence (1.0.0-rc.1 < 1.0.0 < 1.0.1 < 1.10.0);
dates by date, then by the number after the dot (2024-06-01 < 2024-06-01.2). A release's changelog is
against the highest existing release below it, so a fix release cut later for an older line (1.0.1
after 1.1.0) is compared with 1.0.0.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from builder.errors import BuilderError

_IDENTIFIER = r"(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)"
SEMANTIC = re.compile(rf"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-({_IDENTIFIER}(?:\.{_IDENTIFIER})*))?$")
DATED = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:\.([1-9]\d*))?$")
ORDERING = ("Semantic versions are ordered by precedence (1.0.0-rc.1 < 1.0.0 < 1.0.1 < 1.10.0), dates by date, "
            "then by the number after the dot (2024-06-01 < 2024-06-01.2). A release is compared with the highest "
            "release below it, so a fix cut later for an older line (1.0.1 after 1.1.0) is compared with 1.0.0.")
RELEASE_MARKER = "manifest.json"  # a folder is a finished release once its manifest is in place


def version_key(version: str) -> tuple[str, tuple]:
    """(kind, sort key) for a valid version; raises BuilderError with what is allowed otherwise."""
    if match := SEMANTIC.match(version):
        major, minor, patch, pre = match.groups()
        # A pre-release sorts before its release; numeric identifiers before alphanumeric ones.
        pre_key = (0, *((0, int(part), "") if part.isdigit() else (1, 0, part) for part in pre.split("."))) \
            if pre else (1,)
        return "semantic", (int(major), int(minor), int(patch), pre_key)
    if match := DATED.match(version):
        year, month, day, number = match.groups()
        try:
            day_of_release = date(int(year), int(month), int(day))
        except ValueError:
            raise BuilderError(f"version {version!r}: {year}-{month}-{day} is not a calendar date") from None
        return "date", (day_of_release, int(number or 1))
    raise BuilderError(f"version {version!r} is not allowed: use a semantic version such as 1.0.0 or 2.1.0-rc.1, "
                       "or a date such as 2024-06-01 (2024-06-01.2 for a second release that day)")


def previous_release(releases: Path, version: str) -> str | None:
    """The highest finished release in `releases` below `version`, or None for the first one."""
    kind, key = version_key(version)
    earlier: list[tuple[tuple, str]] = []
    if not releases.is_dir():
        return None
    for folder in releases.iterdir():
        if folder.name.startswith(".") or not (folder / RELEASE_MARKER).is_file():
            continue
        try:
            other_kind, other_key = version_key(folder.name)
        except BuilderError:
            continue  # not a release folder
        if other_kind != kind:
            raise BuilderError(f"{releases} holds {other_kind} versions such as {folder.name}; {version} is a "
                               f"{kind} version: use one kind of version per releases folder")
        if other_key < key:
            earlier.append((other_key, folder.name))
    return max(earlier)[1] if earlier else None
