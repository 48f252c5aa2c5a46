#!/usr/bin/env python3
"""Validate the gold incident corpus (dev.jsonl, heldout.jsonl); standard library only.

Usage:
    python3 tests/gold/incidents/check_gold.py            # checks the folder this file is in
    python3 tests/gold/incidents/check_gold.py dev.jsonl  # one file

check(path) returns a list of problems (empty = valid). `path` is one JSONL file or the
folder holding dev.jsonl and heldout.jsonl; for a folder, doc ids must also be unique
across both files and the corpus-wide spread rules of FORMAT.md are checked.
"""
from __future__ import annotations

import collections
import datetime as dt
import json
import re
import sys
from pathlib import Path

SPLITS = ("dev.jsonl", "heldout.jsonl")
DOC_KEYS = {"doc", "published", "style", "conflict", "text", "incidents"}
STYLES = {"wire", "governor_post", "ministry_statement", "live_blog", "analysis",
          "ngo_report", "local_news", "un_briefing"}
CONFLICTS = {"ukraine", "syria", "sudan", "gaza", "sahel", "drc", "myanmar", "yemen",
             "ethiopia", "somalia", "other"}
SCORED_TYPES = {"casualties", "territorial_change"}
INFO_TYPES = {"attack", "infrastructure", "displacement"}
ROW_KEYS = ["incident_type", "evidence", "killed", "killed_low", "killed_high", "injured",
            "injured_low", "injured_high", "victims", "cumulative", "attack_type",
            "control_change", "settlements", "area_km2", "actor", "claimant", "claim_status",
            "location", "location_alt", "admin1", "country_code", "geo_precision",
            "date_start", "date_end", "date_precision", "date_text"]
OPTIONAL_ROW_KEYS = {"note"}
VICTIMS = {"civilians", "military", "children", "mixed", "unknown"}
ATTACK_TYPES = {"missile", "shelling", "drone", "airstrike", "gunfire", "bombing", "mine", "unknown"}
CONTROL = {"gained", "lost", "withdrawn"}
CLAIM_STATUS = {"reported", "claimed", "confirmed", "denied", "unconfirmed"}
# same values as the builder schema (schemas/incidents.py)
DATE_PRECISION = {"day", "night", "week", "weekend", "month", "season", "quarter", "half", "year",
                  "decade", "century", "range", "unknown"}
DOC_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MIN_WORDS, MAX_WORDS = 120, 600


def _date(value):
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _check_counts(row, prefix, where):
    problems = []
    best, low, high = (row.get(prefix), row.get(prefix + "_low"), row.get(prefix + "_high"))
    for name, value in ((prefix, best), (prefix + "_low", low), (prefix + "_high", high)):
        if value is not None and (not _is_int(value) or value < 0):
            problems.append(f"{where}: {name} must be a non-negative integer or null, got {value!r}")
    if best is None and (low is not None or high is not None):
        problems.append(f"{where}: {prefix}_low/_high set but {prefix} is null")
    if all(_is_int(v) for v in (low, best)) and low > best:
        problems.append(f"{where}: {prefix}_low {low} > {prefix} {best}")
    if all(_is_int(v) for v in (best, high)) and best > high:
        problems.append(f"{where}: {prefix} {best} > {prefix}_high {high}")
    return problems


def check_row(row, text, published, where):
    problems = []
    if not isinstance(row, dict):
        return [f"{where}: incident is not an object"]
    missing = [k for k in ROW_KEYS if k not in row]
    if missing:
        problems.append(f"{where}: missing keys {missing}")
    unknown = sorted(set(row) - set(ROW_KEYS) - OPTIONAL_ROW_KEYS)
    if unknown:
        problems.append(f"{where}: unknown keys {unknown}")
    if missing:
        return problems

    kind = row["incident_type"]
    if kind not in SCORED_TYPES | INFO_TYPES:
        problems.append(f"{where}: bad incident_type {kind!r}")
    ev = row["evidence"]
    if not isinstance(ev, str) or not ev.strip():
        problems.append(f"{where}: empty evidence")
    elif ev not in text:
        problems.append(f"{where}: evidence not found in text: {ev[:80]!r}")
    if row["date_text"] is not None and (not isinstance(row["date_text"], str) or row["date_text"] not in text):
        problems.append(f"{where}: date_text not found in text: {row['date_text']!r}")

    problems += _check_counts(row, "killed", where)
    problems += _check_counts(row, "injured", where)
    if not isinstance(row["cumulative"], bool):
        problems.append(f"{where}: cumulative must be true/false")
    if row["attack_type"] is not None and row["attack_type"] not in ATTACK_TYPES:
        problems.append(f"{where}: bad attack_type {row['attack_type']!r}")
    if row["victims"] is not None and row["victims"] not in VICTIMS:
        problems.append(f"{where}: bad victims {row['victims']!r}")

    if kind == "casualties":
        if row["killed"] is None and row["injured"] is None:
            problems.append(f"{where}: casualty row with neither killed nor injured")
        if row["victims"] is None:
            problems.append(f"{where}: casualty row needs victims")
        if row["attack_type"] is None:
            problems.append(f"{where}: casualty row needs attack_type")
        if row["control_change"] is not None:
            problems.append(f"{where}: casualty row with control_change")
    elif kind == "territorial_change":
        if row["control_change"] not in CONTROL:
            problems.append(f"{where}: bad control_change {row['control_change']!r}")
        if not row["actor"]:
            problems.append(f"{where}: territorial row needs an actor")
        if any(row[k] is not None for k in ("killed", "injured")):
            problems.append(f"{where}: territorial row with casualty counts")
    elif row["control_change"] is not None:
        problems.append(f"{where}: control_change only allowed on territorial rows")

    settlements, area = row["settlements"], row["area_km2"]
    if settlements is not None and (not _is_int(settlements) or settlements < 0):
        problems.append(f"{where}: settlements must be a non-negative integer, got {settlements!r}")
    if area is not None and (isinstance(area, bool) or not isinstance(area, (int, float)) or area < 0):
        problems.append(f"{where}: area_km2 must be a non-negative number, got {area!r}")
    if (settlements is not None or area is not None) and kind != "territorial_change":
        problems.append(f"{where}: settlements/area_km2 only allowed on territorial rows")

    for key in ("actor", "claimant", "admin1"):
        if row[key] is not None and (not isinstance(row[key], str) or not row[key].strip()):
            problems.append(f"{where}: {key} must be a non-empty string or null")
    if row["claim_status"] not in CLAIM_STATUS:
        problems.append(f"{where}: bad claim_status {row['claim_status']!r}")
    if not isinstance(row["location"], str) or not row["location"].strip():
        if kind in SCORED_TYPES:
            problems.append(f"{where}: scored row needs a location")
    alt = row["location_alt"]
    if not isinstance(alt, list) or not all(isinstance(a, str) and a for a in alt):
        problems.append(f"{where}: location_alt must be a list of strings")
    elif row["location"] in alt:
        problems.append(f"{where}: location_alt repeats location")
    cc = row["country_code"]
    if not (isinstance(cc, str) and re.fullmatch(r"[A-Z]{2}", cc)):
        problems.append(f"{where}: bad country_code {cc!r}")
    if row["geo_precision"] not in (1, 2, 3):
        problems.append(f"{where}: geo_precision must be 1, 2 or 3")

    start, end = _date(row["date_start"]), _date(row["date_end"])
    if start is None or end is None:
        problems.append(f"{where}: date_start/date_end must be ISO dates")
    else:
        if start > end:
            problems.append(f"{where}: date_start {start} after date_end {end}")
        if published and end > published:
            problems.append(f"{where}: date_end {end} after publication {published}")
    if row["date_precision"] not in DATE_PRECISION:
        problems.append(f"{where}: bad date_precision {row['date_precision']!r}")
    elif row["date_precision"] == "day" and start and end and (end - start).days > 1:
        problems.append(f"{where}: precision day but span of {(end - start).days + 1} days")
    elif row["date_precision"] == "night" and start and end and (end - start).days != 1:
        problems.append(f"{where}: precision night must span two consecutive days")
    elif row["date_precision"] == "unknown" and published and (start != published or end != published):
        problems.append(f"{where}: precision unknown must use the publication date")
    return problems


def _check_file(path: Path):
    problems, docs = [], []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        return [f"{path}: cannot read ({exc})"], docs
    for n, line in enumerate(lines, 1):
        where = f"{path.name}:{n}"
        if not line.strip():
            problems.append(f"{where}: blank line")
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON ({exc})")
            continue
        if not isinstance(doc, dict):
            problems.append(f"{where}: line is not a JSON object")
            continue
        missing, unknown = DOC_KEYS - set(doc), set(doc) - DOC_KEYS
        if missing:
            problems.append(f"{where}: missing keys {sorted(missing)}")
            continue
        if unknown:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")
        where = f"{path.name}:{n} ({doc['doc']})"
        if not isinstance(doc["doc"], str) or not DOC_ID.match(doc["doc"]):
            problems.append(f"{where}: doc id must be a lowercase slug")
        published = _date(doc["published"])
        if published is None:
            problems.append(f"{where}: published must be an ISO date")
        if doc["style"] not in STYLES:
            problems.append(f"{where}: bad style {doc['style']!r}")
        if doc["conflict"] not in CONFLICTS:
            problems.append(f"{where}: bad conflict {doc['conflict']!r}")
        text = doc["text"]
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: empty text")
            text = ""
        words = len(text.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            problems.append(f"{where}: text has {words} words (expected {MIN_WORDS}-{MAX_WORDS})")
        if not isinstance(doc["incidents"], list):
            problems.append(f"{where}: incidents must be a list")
            continue
        for i, row in enumerate(doc["incidents"]):
            problems += check_row(row, text, published, f"{where} incident {i}")
        docs.append(doc)
    return problems, docs


def _check_spread(split_docs):
    problems = []
    all_docs = [d for docs in split_docs.values() for d in docs]
    styles = collections.Counter(d["style"] for d in all_docs)
    for style in sorted(STYLES):
        if styles[style] < 3:
            problems.append(f"corpus: style {style} appears {styles[style]} times (need >= 3)")
    others = {d["conflict"] for d in all_docs} - {"ukraine"}
    if len(others) < 7:
        problems.append(f"corpus: only {len(others)} conflicts besides ukraine (need >= 7)")
    empty = sum(1 for d in all_docs if not any(r["incident_type"] in SCORED_TYPES for r in d["incidents"]))
    if empty < 3:
        problems.append(f"corpus: {empty} articles without a scored incident (need >= 3)")
    for split, docs in split_docs.items():
        if len({d["style"] for d in docs}) < 2 or len({d["conflict"] for d in docs}) < 2:
            problems.append(f"{split}: must mix styles and conflicts")
    return problems


def load(path):
    """Documents of one JSONL file or of both splits of a folder (problems ignored)."""
    path = Path(path)
    files = [path / s for s in SPLITS] if path.is_dir() else [path]
    return [doc for f in files for doc in _check_file(f)[1]]


def check(path) -> list[str]:
    """Problems found in one gold JSONL file or in the folder of both splits."""
    path = Path(path)
    if not path.is_dir():
        problems, docs = _check_file(path)
        seen = collections.Counter(d["doc"] for d in docs)
        problems += [f"{path.name}: duplicate doc id {d}" for d, c in seen.items() if c > 1]
        return problems
    problems, split_docs = [], {}
    for split in SPLITS:
        p, docs = _check_file(path / split)
        problems += p
        split_docs[split] = docs
    seen = collections.Counter(d["doc"] for docs in split_docs.values() for d in docs)
    problems += [f"duplicate doc id across splits: {d}" for d, c in seen.items() if c > 1]
    problems += _check_spread(split_docs)
    return problems


def summary(path) -> str:
    path = Path(path)
    files = [path / s for s in SPLITS] if path.is_dir() else [path]
    out = []
    for f in files:
        docs = _check_file(f)[1]
        rows = [r for d in docs for r in d["incidents"]]
        out.append(f"{f.name}: {len(docs)} articles, {len(rows)} incident rows")
        out.append("  style:    " + ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(d['style'] for d in docs).items())))
        out.append("  conflict: " + ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(d['conflict'] for d in docs).items())))
        out.append("  rows:     " + ", ".join(f"{k} {v}" for k, v in sorted(collections.Counter(r['incident_type'] for r in rows).items())))
        out.append(f"  articles without a scored incident: "
                   f"{sum(1 for d in docs if not any(r['incident_type'] in SCORED_TYPES for r in d['incidents']))}")
    return "\n".join(out)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0]) if argv else Path(__file__).resolve().parent
    problems = check(target)
    print(summary(target))
    for p in problems:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
