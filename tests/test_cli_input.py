"""`builder timex` and `builder places` read any text file as ingest does: other encodings are decoded,
binary files are a clear error (exit 1, no traceback)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from builder.cli import cli

TEXT = "Shelling hit Kherson on Saturday, the governor said."
COMMANDS = {"timex": ["timex", "--published", "2024-01-01"], "places": ["places"]}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_binary_file_is_a_clear_error(tmp_path, command):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = CliRunner().invoke(cli, [*COMMANDS[command], str(path)])
    assert result.exit_code == 1 and "looks binary" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("command, words", [("timex", "Saturday"), ("places", "Kherson")])
def test_other_encodings_are_decoded_and_offsets_index_the_text(tmp_path, encoding, command, words):
    text = TEXT.replace("governor", "gouverneur (café)") if encoding == "cp1252" else TEXT
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    result = CliRunner().invoke(cli, [*COMMANDS[command], str(path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    found = [row for row in rows if text[row["char_start"]:row["char_end"]] == words]
    assert found, rows
