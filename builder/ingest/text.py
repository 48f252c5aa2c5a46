"""Plain-text and Markdown articles, with optional YAML front matter between `---` lines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import yaml

from builder.errors import Problem
from builder.ingest.decode import read_decoded
from builder.ingest.published import date_in_file_name
from builder.ingest.records import RawRecord, canonical_fields

FENCES = ("---", "...")
# Front-matter fields are single values; a deeper structure is a broken or hostile header. Checked before loading
# because whether a YAML build refuses deep nesting itself (and where) differs between PyYAML releases.
MAX_FRONT_MATTER_DEPTH = 32


# libyaml's parser where PyYAML was built with it: ~10x faster on thousands of small headers.
class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML in which a value that looks like a date or an integer but is not one (2024-13-40, an
    integer of 5,000 digits) stays text, so the field's own check can say what is wrong with it."""


def _or_text(construct):
    def constructor(loader: yaml.SafeLoader, node: yaml.Node) -> object:
        try:
            return construct(loader, node)
        except (ValueError, OverflowError):
            return loader.construct_scalar(node)
    return constructor


for _tag, _construct in (("timestamp", yaml.constructor.SafeConstructor.construct_yaml_timestamp),
                         ("int", yaml.constructor.SafeConstructor.construct_yaml_int)):
    _FrontMatterLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _or_text(_construct))


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter or None, body, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, text, 1
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() in FENCES:
            return "\n".join(lines[1 : number - 1]), "\n".join(lines[number:]), number + 1
    raise FrontMatterError(1, "front matter opened with '---' on line 1 is never closed with '---'")


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def read_text_file(path: Path, rel: str) -> Iterator[RawRecord | Problem]:
    decoded = read_decoded(path)
    try:
        front, body, _ = split_front_matter(decoded.text.lstrip("\ufeff"))
        fields = _parse_front_matter(front) if front is not None else {}
    except FrontMatterError as error:
        yield Problem(rel, error.line, "ingest", "bad-front-matter", str(error))
        return
    fields["text"] = body
    yield RawRecord(rel, 1, fields, decoded.encoding, decoded.replaced, fallback_published=date_in_file_name(path.name))


def _check_nesting(front: str) -> None:
    depth = 0
    for event in yaml.parse(front, Loader=_FrontMatterLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_FRONT_MATTER_DEPTH:
                raise FrontMatterError(event.start_mark.line + 2,  # +1 for 0-based, +1 for the opening fence
                                       f"front matter nests collections more than {MAX_FRONT_MATTER_DEPTH} "
                                       "levels deep; fields must be single values")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _parse_front_matter(front: str) -> dict:
    try:
        _check_nesting(front)
        meta = yaml.load(front, Loader=_FrontMatterLoader)
    except FrontMatterError:
        raise
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for 0-based, +1 for the opening fence
        reason = getattr(error, "problem", None) or str(error)
        raise FrontMatterError(line, f"front matter is not valid YAML: {reason}") from None
    except (RecursionError, ValueError, OverflowError) as error:  # nesting too deep, a value Python refuses
        raise FrontMatterError(1, f"front matter cannot be read: {type(error).__name__}: {error}") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise FrontMatterError(2, f"front matter must be 'key: value' lines, found a {type(meta).__name__}")
    fields = canonical_fields(meta)
    fields.pop("text", None)  # the body is the text; a 'text:' key in front matter is not
    return fields
