"""The quick-look report: one self-contained HTML page showing a build or release at a glance.

Reads  : a build output folder (or a release folder with the same Parquet tables).
Writes : one HTML file with a timeline, a map, territory changes, data-quality panels and the evidence
         sentence of every incident; it opens offline (plotly.js is inlined).
"""

from __future__ import annotations

from pathlib import Path

from builder.report.data import load_build
from builder.report.page import render_page
from builder.write import write_text_atomic

__all__ = ["make_report"]


def make_report(folder: str | Path = "output", out: str | Path = "report.html") -> Path:
    """Render the report for `folder` into `out` (replaced atomically) and return its path.

    >>> make_report("output/", "report.html")          # doctest: +SKIP
    """
    page = render_page(load_build(folder))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out, page)
    return out
