"""Errors are data: a problem names its place (file and line), a stable slug and what to do."""

from __future__ import annotations

from dataclasses import dataclass

EXCERPT_CHARS = 120
REJECT_COLUMNS = ("source_path", "line", "article_id", "stage", "reason", "message", "excerpt")


class BuilderError(Exception):
    """An error the user can fix (bad argument, unreadable folder); the CLI prints it without a traceback."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with the input. An error means the file, record or row was not used and goes
    to the rejects table; a warning means it was used after a repair (bad bytes replaced)."""

    source_path: str
    line: int | None
    stage: str
    reason: str
    message: str
    article_id: str | None = None
    excerpt: str | None = None
    severity: str = "error"

    @property
    def is_reject(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        return f"{self.source_path}:{self.line}" if self.line is not None else self.source_path

    def as_row(self) -> dict:
        return {column: getattr(self, column) for column in REJECT_COLUMNS}

    def as_dict(self) -> dict:
        return {**self.as_row(), "severity": self.severity}


def excerpt_of(text: str | None) -> str | None:
    """A short single-line excerpt for a rejects table."""
    if not text:
        return None
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1] + "…"
