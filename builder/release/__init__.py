"""Releases: immutable, versioned, self-describing copies of a built output (see cut.py)."""

from builder.release.cut import ReleaseSummary, release

__all__ = ["ReleaseSummary", "release"]
