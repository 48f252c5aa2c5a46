"""CHANGELOG.md: what a release changes against the previous one, table by table.

Rows are matched by the table's key column (schemas: PRIMARY_KEY): a key only in the new release is
added, only in the previous one removed, in both with any differing value (in the columns both
releases have) changed. A table without a key (rejects) is compared row by row, so an edited row
counts as one removed and one added. Up to LISTED keys per kind are listed; all are counted.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from builder.layout import column_names, count_rows, iter_batches, table_path
from builder.release.versions import ORDERING
from builder.schemas import TABLES
from builder.tables import primary_key

LISTED = 50
BATCH_ROWS = 50_000


def changelog(version: str, folder: Path, previous: str | None, previous_folder: Path | None,
              manifests: tuple[dict, dict | None]) -> str:
    """The changelog of the release in `folder` against `previous_folder` (None for a first release)."""
    lines = [f"# Changelog, release {version}", ""]
    if previous is None or previous_folder is None:
        counts = {table: count_rows(folder, table) for table in TABLES}
        lines += ["First release in this folder: every row is new.", "", "| table | rows |", "|---|---|"]
        lines += [f"| {table} | {rows:,} |" for table, rows in counts.items()]
        return "\n".join(lines) + "\n"
    current, earlier = manifests
    lines += [f"Against release {previous}, the highest earlier version in the releases folder. "
              + ORDERING, ""]
    lines += _setting_changes(current, earlier or {})
    diffs = {table: _diff(table, folder, previous_folder) for table in TABLES}
    lines += [f"| table | rows in {previous} | rows in {version} | added | removed | changed |",
              "|---|---|---|---|---|---|"]
    for table, diff in diffs.items():
        changed = f"{len(diff['changed']):,}" if primary_key(table) else "(no key)"
        lines.append(f"| {table} | {diff['rows_before']:,} | {diff['rows_after']:,} | {len(diff['added']):,} | "
                     f"{len(diff['removed']):,} | {changed} |")
    for table, diff in diffs.items():
        lines += _table_section(table, diff)
    return "\n".join(lines) + "\n"


def _setting_changes(current: dict, earlier: dict) -> list[str]:
    lines = []
    for label, path in (("Schema version", ("schema_version",)), ("Events rule", ("parameters", "events")),
                        ("builder version", ("tool_version",))):
        before, after = _get(earlier, path), _get(current, path)
        if before != after:
            lines.append(f"- {label}: {json.dumps(before)} -> {json.dumps(after)}")
    return lines + [""] if lines else []


def _get(data: dict, path: tuple[str, ...]) -> object:
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data


def _diff(table: str, new: Path, old: Path) -> dict:
    """The table in release folder `new` against release folder `old`."""
    key = primary_key(table)
    columns_new = column_names(new, table)
    columns_old = column_names(old, table) if table_path(old, table) else []
    common = [c for c in columns_new if c in columns_old]
    if key is not None and key not in common:  # a table new in this release: every row is added
        common = []
    after = _fingerprints(new, table, common or columns_new, key)
    before = _fingerprints(old, table, common, key) if common else {}
    diff = {"rows_before": _rows(old, table), "rows_after": _rows(new, table),
            "columns_added": [c for c in columns_new if c not in columns_old] if columns_old else [],
            "columns_removed": [c for c in columns_old if c not in columns_new]}
    if key is None:
        counted_after, counted_before = Counter(after.values()), Counter(before.values())
        diff["added"] = list((counted_after - counted_before).elements())
        diff["removed"] = list((counted_before - counted_after).elements())
        diff["changed"] = []
        return diff
    diff["added"] = sorted(after.keys() - before.keys())
    diff["removed"] = sorted(before.keys() - after.keys())
    diff["changed"] = sorted(k for k in after.keys() & before.keys() if after[k] != before[k])
    return diff


def _fingerprints(folder: Path, table: str, columns: list[str], key: str | None) -> dict:
    """key -> digest of the row's values in `columns` (for a keyless table: row number -> digest)."""
    fingerprints: dict = {}
    for batch in iter_batches(folder, table, BATCH_ROWS, columns):
        for row in batch.to_pylist():
            digest = hashlib.sha256(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()
            fingerprints[row[key] if key else len(fingerprints)] = digest
    return fingerprints


def _rows(folder: Path, table: str) -> int:
    return count_rows(folder, table) if table_path(folder, table) else 0


def _table_section(table: str, diff: dict) -> list[str]:
    lines = ["", f"## {table}", ""]
    for label in ("columns_added", "columns_removed"):
        if diff[label]:
            lines.append(f"{label.replace('_', ' ').capitalize()}: {', '.join(f'`{c}`' for c in diff[label])}.")
    if primary_key(table) is None:
        lines.append(f"{len(diff['added']):,} rows added, {len(diff['removed']):,} removed (rows compared whole).")
        return lines
    for kind in ("added", "removed", "changed"):
        keys = diff[kind]
        if not keys:
            lines.append(f"{kind.capitalize()}: none.")
            continue
        shown = ", ".join(f"`{k}`" for k in keys[:LISTED])
        more = f" and {len(keys) - LISTED:,} more" if len(keys) > LISTED else ""
        lines.append(f"{kind.capitalize()} ({len(keys):,}): {shown}{more}.")
    return lines
