"""Build the bundled raw/ sample, render its quick-look report and save a PNG screenshot of it, taken in
Debian's headless Chromium, so a person can look at the report without opening it.

    python scripts/screenshot_report.py                         # -> docs/report.png (top of the page)
    python scripts/screenshot_report.py --from output/ --out /tmp/report.png --full-page

Prints the HTML size and how long building, rendering and drawing took.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from builder.api import build  # noqa: E402
from builder.report import make_report  # noqa: E402
from scripts.headless import Browser, file_url  # noqa: E402

CHARTS_DRAWN = ("document.querySelectorAll('.plotly-graph-div').length === "
                "document.querySelectorAll('.js-plotly-plot .main-svg:first-child').length")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="folder", type=Path,
                        help="render this build or release folder instead of building raw/")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "report.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2400, help="CSS pixels from the top (ignored with --full-page)")
    parser.add_argument("--full-page", action="store_true")
    args = parser.parse_args()
    folder = args.folder.resolve() if args.folder else None
    out = args.out.resolve()
    with tempfile.TemporaryDirectory(prefix="builder-report-") as work:
        os.chdir(work)  # so the page names the sample build "output", as a reader's own build would be
        started = time.perf_counter()
        if folder is None:
            folder = build(REPO / "raw", "output", formats=["parquet"]).out
        built = time.perf_counter()
        page_path = make_report(folder, Path(work) / "report.html")
        rendered = time.perf_counter()
        with Browser() as browser:
            page = browser.open(file_url(page_path), ready=CHARTS_DRAWN, width=args.width)
            drawn = time.perf_counter()
            if page.errors or page.requests:
                raise SystemExit(f"the page had errors {page.errors} or asked the network for {page.requests}")
            png = page.screenshot(args.width, None if args.full_page else args.height)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(png)
        print(f"report {page_path.stat().st_size / 1e6:.2f} MB; build {built - started:.1f} s, "
              f"render {rendered - built:.1f} s, load and draw in chromium {drawn - rendered:.1f} s; "
              f"screenshot {out} ({len(png) / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
