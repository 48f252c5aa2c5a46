"""Pieces of the regular-expression syntax of rule patterns (the `regex` module's, verbose), shared by the
two readers of patterns: anchors.py (words every match contains) and leads.py (words a match begins with)."""

from __future__ import annotations

import re

# Group openings: non-capturing, named, atomic, branch reset, inline flags ("(?-i:"); lookarounds apart.
GROUP_OPENING = re.compile(r"\(\?(?:P<\w+>|<\w+>|[a-zA-Z]*-?[a-zA-Z]*:|>|\|)|\((?!\?)")
LOOKAROUND = re.compile(r"\(\?(?:=|!|<=|<!)")
QUANTIFIER = re.compile(r"[?*+]|\{(\d*)(?:,\d*)?\}")


def read_quantifier(pattern: str, at: int) -> tuple[int | None, int]:
    """The least number of repetitions the quantifier at `at` allows, and where it ends; (None, at) when
    there is none."""
    found = QUANTIFIER.match(pattern, at)
    if found is None:
        return None, at
    end = found.end()
    if pattern.startswith(("?", "+"), end):
        end += 1  # lazy or possessive: the same repetitions
    text = found.group()
    return (1 if text == "+" else 0 if text in "?*" else int(found.group(1) or 0)), end
