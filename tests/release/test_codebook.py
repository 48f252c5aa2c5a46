"""builder/release/codebook.py: every table and column, with allowed values, the events rule and vague numbers."""

from __future__ import annotations

from builder.release.codebook import codebook
from builder.schemas import TABLES
from builder.tables import table_columns


def test_the_codebook_documents_every_table_and_column():
    text = codebook("1.0.0", {"max_km": 25.0, "date_tolerance_days": 1, "max_count_ratio": 2.0}, {"events": 7})
    for table in TABLES:
        assert f"\n## {table}\n" in text
        for column in table_columns(table):
            assert f"| `{column.name}` |" in text, (table, column.name)
    assert "| `geo_precision` | integer | no |" in text and "`1`, `2`, `3`" in text
    assert "| `date_start` | date | yes |" in text and "| `incident_ids` | list of text | yes |" in text
    assert "`casualties`, `territorial_change`" in text
    assert "| [events](#events) |" in text and "| 7 |" in text
    assert "`incidents`" in text and "refers to `articles.article_id`" in text


def test_the_codebook_states_the_events_rule_and_its_parameters():
    text = codebook("1.0.0", {"max_km": 10.0, "date_tolerance_days": 2, "max_count_ratio": 1.5}, {})
    assert "### How incidents become events" in text and "haversine" in text
    assert "| `max_km` | 10.0 |" in text and "| `date_tolerance_days` | 2 |" in text


def test_the_codebook_has_the_vague_number_map():
    text = codebook("1.0.0", None, {})
    assert "## Vague numbers" in text
    assert "| dozens | 24 | 36 | 99 |" in text and "| a number of | 2 | 4 |  |" in text
