"""builder/release/datapackage.py: the data package is generated from the schemas and passes frictionless."""

from __future__ import annotations

import json

import pytest

from builder.release import release
from builder.release.datapackage import table_schema_descriptor
from builder.schemas import TABLES
from builder.tables import table_columns
from tests.outputs import first_output

frictionless = pytest.importorskip("frictionless")


@pytest.fixture
def released(tmp_path, monkeypatch):
    return release("1.0.0", first_output(tmp_path / "output", monkeypatch), tmp_path / "releases").folder


def test_frictionless_validates_the_release(released):
    report = frictionless.validate(released / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "message"])
    package = json.loads((released / "datapackage.json").read_text())
    assert [r["name"] for r in package["resources"]][:len(TABLES)] == list(TABLES)
    assert package["version"] == "1.0.0" and package["created"]


def test_frictionless_catches_a_tampered_file_and_a_broken_foreign_key(released):
    csv = released / "incidents.csv"
    csv.write_text(csv.read_text().replace(",a,casualties,", ",zz,casualties,", 1))
    report = frictionless.validate(released / "datapackage.json")
    assert {"foreign-key", "hash-count"} <= {error.type for task in report.tasks for error in task.errors}


def test_table_schemas_come_from_the_models():
    incidents = table_schema_descriptor("incidents")
    fields = {field["name"]: field for field in incidents["fields"]}
    assert [f["name"] for f in incidents["fields"]] == [c.name for c in table_columns("incidents")]
    assert incidents["primaryKey"] == ["incident_id"]
    assert incidents["foreignKeys"] == [{"fields": ["article_id"],
                                         "reference": {"resource": "articles", "fields": ["article_id"]}}]
    assert fields["incident_id"]["constraints"] == {"required": True, "unique": True, "pattern": "[0-9a-f]{16}"}
    assert fields["date_start"]["type"] == "date" and fields["killed"]["type"] == "integer"
    assert fields["latitude"]["type"] == "number" and fields["cumulative"]["type"] == "boolean"
    assert fields["latitude"]["constraints"] == {"minimum": -90, "maximum": 90}
    assert fields["geo_precision"]["constraints"] == {"enum": [1, 2, 3]}
    assert "territorial_change" in fields["incident_type"]["constraints"]["enum"]
    assert fields["killed"]["title"] == "Killed" and fields["killed"]["description"] == "Best figure."
    assert "required" not in fields.get("admin1", {}).get("constraints", {})
    events = {field["name"]: field for field in table_schema_descriptor("events")["fields"]}
    assert events["incident_ids"]["type"] == "array"
    assert "primaryKey" not in table_schema_descriptor("rejects")
