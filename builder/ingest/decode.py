"""Turn raw bytes into text: BOMs, UTF-8, legacy code pages (cp1251 and friends), binary detection.

Scraped batches mix encodings. UTF-8 is tried first; text that is not UTF-8 at all (a cp1251 export)
is decoded with the code page charset-normalizer detects; UTF-8 with a few broken bytes keeps its
text, with the bad bytes replaced and counted, because dropping a whole article for one byte loses
more than it protects.
"""

from __future__ import annotations

import codecs
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

SAMPLE_BYTES = 1 << 16
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can recognise (an image, a PDF, a zip)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # bytes that were not valid in `encoding` and became U+FFFD


def detect_encoding(sample: bytes, *, complete: bool) -> str:
    """Name the codec for a byte sample (the start of a file, or all of it when `complete`)."""
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return name
    if b"\x00" in sample:
        raise UndecodableError("the file contains NUL bytes: it looks binary, not text")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(sample):
        return "utf-8"
    best = from_bytes(sample).best()
    if best is None:
        raise UndecodableError("no text encoding fits these bytes: it looks binary, not text")
    return best.encoding


def _mostly_utf8(data: bytes) -> bool:
    """True when most non-ASCII characters are well-formed UTF-8 and only a few bytes are broken."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    well_formed = sum(1 for ch in text if ord(ch) > 127) - broken
    return well_formed > 2 * broken


def decode_bytes(data: bytes) -> Decoded:
    """Decode a whole file's bytes."""
    encoding = detect_encoding(data, complete=True)
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        return Decoded(text, encoding, text.count("\ufffd"))


def read_decoded(path: Path) -> Decoded:
    return decode_bytes(path.read_bytes())


def detect_stream_encoding(stream: BinaryIO) -> str:
    """The encoding of a file from its first 64 KiB; the stream is left at its start."""
    sample = stream.read(SAMPLE_BYTES)
    stream.seek(0)
    return detect_encoding(sample, complete=len(sample) < SAMPLE_BYTES)


def decoded_lines(stream: BinaryIO) -> tuple[str, Iterator[tuple[int, str, int]]]:
    """Stream a line-oriented file: its encoding, and (line_number, text_with_newline, replaced_bytes).

    Only the first 64 KiB decide the encoding, so a 100 MB JSONL or CSV file is never held whole.
    """
    encoding = detect_stream_encoding(stream)
    return encoding, _iter_lines(stream, encoding)


_REPLACED = threading.local()


def _count_and_replace(error: UnicodeDecodeError) -> tuple[str, int]:
    _REPLACED.bytes = getattr(_REPLACED, "bytes", 0) + (error.end - error.start)
    return "\ufffd", error.end


codecs.register_error("builder-count-replace", _count_and_replace)


class TextWindow:
    """A decoded file read in growing chunks, for text without lines to stream by (a JSON list written
    on one line). `text` holds what is read and not yet dropped; `first_line` is the line it starts on;
    `replaced` counts the bytes that were not valid in the encoding (each became U+FFFD)."""

    def __init__(self, stream: BinaryIO, encoding: str, chunk_chars: int = 1 << 20) -> None:
        self._reader = io.TextIOWrapper(stream, encoding=encoding, errors="builder-count-replace", newline="")
        self._chunk_chars = chunk_chars
        self.encoding = encoding
        self.text = ""
        self.first_line = 1
        self.replaced = 0
        self.eof = False

    def more(self) -> bool:
        """Read on, as much again as is held (at least a chunk), so re-reading a value that did not fit
        stays linear; False at the end of the file."""
        if self.eof:
            return False
        before = getattr(_REPLACED, "bytes", 0)
        chunk = self._reader.read(max(self._chunk_chars, len(self.text)))
        self.replaced += getattr(_REPLACED, "bytes", 0) - before
        if not chunk:
            self.eof = True
            return False
        self.text += chunk
        return True

    def drop(self, position: int) -> None:
        """Forget the text before `position`, keeping `first_line` right."""
        self.first_line += self.text.count("\n", 0, position)
        self.text = self.text[position:]


def _iter_lines(stream: BinaryIO, encoding: str) -> Iterator[tuple[int, str, int]]:
    if encoding in ("utf-16", "utf-32"):
        # Multi-byte newlines: splitting the bytes on b"\n" would cut characters in half.
        text_stream = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        for number, line in enumerate(text_stream, start=1):
            yield number, line, line.count("\ufffd")
        return
    for number, raw_line in enumerate(stream, start=1):
        try:
            yield number, raw_line.decode(encoding), 0
        except UnicodeDecodeError:
            line = raw_line.decode(encoding, errors="replace")
            yield number, line, line.count("\ufffd")
