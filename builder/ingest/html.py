"""News web pages: the main text via trafilatura, the publication date from the page's markup
(article:published_time, JSON-LD datePublished, <time datetime>) via its htmldate backend."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import trafilatura

from builder.errors import Problem
from builder.ingest.decode import read_decoded
from builder.ingest.published import date_in_file_name
from builder.ingest.records import RawRecord

# Markup only: the default "extensive" search also guesses dates from the page's text, which in a
# news story about past events finds the events' dates, not the publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def read_html(path: Path, rel: str) -> Iterator[RawRecord | Problem]:
    decoded = read_decoded(path)
    document = trafilatura.bare_extraction(
        decoded.text, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None or not (document.text or "").strip():
        yield Problem(rel, None, "ingest", "no-article-text",
                      "no main article text found in the HTML page (is it a list or index page?)")
        return
    paragraphs = [line for line in document.text.split("\n") if line.strip()]
    if document.title:  # the headline is kept as the title, not repeated near the top of the text
        head = [p for p in paragraphs[:3] if p.strip() != document.title.strip()]
        paragraphs = head + paragraphs[3:]
    fields = {
        "text": "\n\n".join(paragraphs),
        "title": document.title,
        "source": document.sitename,
        "url": document.url,
        "language": document.language,
    }
    if document.date:
        fields["published"] = document.date
    yield RawRecord(rel, None, {k: v for k, v in fields.items() if v}, decoded.encoding, decoded.replaced,
                    fallback_published=date_in_file_name(path.name))
