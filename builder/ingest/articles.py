"""From raw records to articles: normalised text, publication date, stable ids, duplicates.

The article text stored here is the one every character offset in later tables indexes into.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from builder.errors import Problem, excerpt_of
from builder.ingest.boilerplate import strip_boilerplate
from builder.ingest.published import PublishedDateError, check_plausible, parse_published
from builder.ingest.records import RawRecord

MAX_ID_CHARS = 200
_BLANK_RUN = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_INVISIBLE = ("\ufeff", "\u200b", "\u200e", "\u200f", "\u2060")
# C0 controls other than tab and line breaks: a NUL or an escape code in a CSV cell breaks readers.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_PAGE_BREAKS = re.compile(r"[\x0b\x0c]")  # vertical tab and form feed end a line in scraped text
_SCALARS = (str, int, float, date)  # bool is an int; datetime is a date


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str
    published: date
    text: str
    title: str | None
    source: str | None
    url: str | None
    language: str | None
    source_path: str
    source_line: int | None
    sha256: str
    encoding: str
    boilerplate_lines: int

    def as_row(self) -> dict:
        return {
            "article_id": self.article_id,
            "published": self.published,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "language": self.language,
            "text": self.text,
            "source_path": self.source_path,
            "source_line": self.source_line,
            "sha256": self.sha256,
            "n_chars": len(self.text),
            "encoding": self.encoding,
            "boilerplate_lines": self.boilerplate_lines,
        }


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no invisible marks, no trailing spaces, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text)
    # Each pattern runs only where a plain substring test says it can match: half the ingest time.
    if "\x0b" in text or "\x0c" in text:
        text = _PAGE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text)
    for mark in _INVISIBLE:
        if mark in text:  # str.translate with a table is ~50x slower on long texts
            text = text.replace(mark, "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    if " \n" in text or "\t\n" in text:
        text = _TRAILING_SPACE.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_RUN.sub("\n\n", text)
    return text.strip()


def stable_article_id(text: str, source: str | None) -> str:
    """Same words from the same source give the same id, whatever the whitespace or file."""
    key = " ".join(text.split()).casefold() + "\x1f" + (source or "").strip().casefold()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


class FieldTypeError(ValueError):
    """A record field holds a list or a mapping where a single value belongs."""


def _single_value(name: str, value: object) -> str:
    if not isinstance(value, _SCALARS):
        # str() of a YAML alias "bomb" (a list of lists of the same list) would be gigabytes long.
        raise FieldTypeError(f"'{name}' must be a single value such as text or a number, found a "
                             f"{type(value).__name__}")
    try:
        return " ".join(str(value).split())
    except ValueError:  # an integer of thousands of digits
        raise FieldTypeError(f"'{name}' is a number too long to be a {name}") from None


def _optional_text(name: str, value: object) -> str | None:
    if value is None:
        return None
    return _CONTROLS.sub("", _single_value(name, value)) or None


def _own_id(value: object) -> str | None:
    """A record's own id: text or a whole number, printable, at most MAX_ID_CHARS characters."""
    if value is None:
        return None
    text = _single_value("id", value)
    if isinstance(value, (bool, float, date)):
        raise FieldTypeError(f"'id' must be text or a whole number, found {type(value).__name__} {text[:40]!r}")
    if _CONTROLS.search(text):
        raise FieldTypeError(f"the id {text[:40]!r} contains control characters (a NUL, an escape code)")
    if len(text) > MAX_ID_CHARS:
        raise FieldTypeError(f"the id is {len(text)} characters long; at most {MAX_ID_CHARS} are allowed")
    return text or None


def make_article(record: RawRecord, default_published: date | None, today: date) -> Article | Problem:
    """Build an article from a record, or say why the record cannot be one."""
    fields = record.fields

    def problem(reason: str, message: str, article_id: str | None = None) -> Problem:
        return Problem(record.source_path, record.line, "ingest", reason, message, article_id,
                       excerpt_of(str(fields.get("text") or "")))

    raw_text = fields.get("text")
    if not isinstance(raw_text, str):
        found = "no text field" if raw_text is None else f"a {type(raw_text).__name__}"
        return problem("missing-text", f"expected article text in 'text' (or 'body', 'content'), found {found}")
    text, stripped = strip_boilerplate(normalise_text(raw_text))
    text = normalise_text(text)
    if not text:
        return problem("empty-text", "the article has no text after removing blank and boilerplate lines")

    try:
        own_id = _own_id(fields.get("id"))
    except FieldTypeError as error:
        return problem("bad-id", str(error))
    try:
        source, title, url, language = (_optional_text(name, fields.get(name))
                                        for name in ("source", "title", "url", "language"))
    except FieldTypeError as error:
        return problem("bad-field-type", str(error), own_id)
    article_id = own_id or stable_article_id(text, source)

    if "published" in fields:
        try:
            published = parse_published(fields["published"])
        except PublishedDateError as error:
            return problem("unparseable-publication-date", f"publication date: {error}", article_id)
    elif record.fallback_published is not None:
        published = record.fallback_published
    elif default_published is not None:
        published = default_published
    else:
        return problem(
            "missing-publication-date",
            "no publication date: add 'published: YYYY-MM-DD' (front matter or field), "
            "put the date in the file name (name-2022-09-10.txt) or pass --published",
            article_id,
        )
    implausible = check_plausible(published, today)
    if implausible:
        return problem(implausible, f"publication date {published.isoformat()} is after today ({today.isoformat()})"
                       if implausible == "future-publication-date"
                       else f"publication date {published.isoformat()} is before 1900", article_id)

    return Article(
        article_id=article_id,
        published=published,
        text=text,
        title=title,
        source=source,
        url=url,
        language=language,
        source_path=record.source_path,
        source_line=record.line,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        encoding=record.encoding,
        boilerplate_lines=stripped + record.stripped_lines,
    )


class DuplicateFilter:
    """Keeps the first of each article; repeated texts and repeated ids become problems."""

    def __init__(self) -> None:
        self._first_by_text: dict[str, str] = {}
        self._first_by_id: dict[str, tuple[str, str]] = {}

    def check(self, article: Article) -> Problem | None:
        where = f"{article.source_path}:{article.source_line}" if article.source_line else article.source_path
        content_key = stable_article_id(article.text, None)
        if article.sha256 in self._first_by_text:
            return self._problem(article, "duplicate-article",
                                 f"same text as {self._first_by_text[article.sha256]}; kept once")
        if article.article_id in self._first_by_id:
            first_key, first_where = self._first_by_id[article.article_id]
            if first_key == content_key:
                return self._problem(article, "duplicate-article", f"same article as {first_where}; kept once")
            return self._problem(article, "duplicate-id",
                                 f"id {article.article_id!r} is already used by {first_where} for a different "
                                 "text; ids must be unique in a batch")
        self._first_by_text[article.sha256] = where
        self._first_by_id[article.article_id] = (content_key, where)
        return None

    @staticmethod
    def _problem(article: Article, reason: str, message: str) -> Problem:
        return Problem(article.source_path, article.source_line, "ingest", reason, message,
                       article.article_id, excerpt_of(article.text))
