"""datapackage.json: a Frictionless Data Package describing a release, generated from the table schemas.

Each table is two resources: `TABLE` (the CSV, a tabular resource with its Table Schema: field types,
required, unique, enums, ranges, patterns, titles and descriptions, primary and foreign keys) and
`TABLE-parquet` (the same rows, typed, as a file resource). Every resource carries its sha256 and size,
so `frictionless validate datapackage.json` also checks the files are intact.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from builder.schemas import TABLES
from builder.tables import primary_key, table_columns

PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


def file_digest(path: Path) -> dict:
    """sha256 and size of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return {"sha256": digest.hexdigest(), "bytes": path.stat().st_size}


def table_schema_descriptor(table: str) -> dict:
    """The Frictionless Table Schema of a table, from its pandera model."""
    fields = [_field(column) for column in table_columns(table)]
    descriptor: dict = {"fields": fields, "missingValues": [""]}
    if key := primary_key(table):
        descriptor["primaryKey"] = [key]
    foreign_keys = [{"fields": [c.name], "reference": {"resource": c.references[0], "fields": [c.references[1]]}}
                    for c in table_columns(table) if c.references]
    if foreign_keys:
        descriptor["foreignKeys"] = foreign_keys
    return descriptor


def _field(column) -> dict:
    constraints = {}
    if not column.nullable:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    for name, value in column.constraints.items():
        # Table Schema patterns always match the whole value, so the anchors are redundant there.
        constraints[name] = value.removeprefix("^").removesuffix("$") if name == "pattern" else value
    field = {"name": column.name, "type": column.value_type}
    if column.value_type == "array":
        field["description"] = "A JSON array of text."
    for key in ("title", "description"):
        if value := getattr(column, key):
            field[key] = value
    if constraints:
        field["constraints"] = constraints
    return field


def data_package(folder: Path, *, name: str, title: str, version: str, created: str | None,
                 attribution: str) -> dict:
    """The descriptor for a release folder whose table files are already written."""
    resources = []
    for table, model in TABLES.items():
        csv = folder / f"{table}.csv"
        resources.append({"name": table, "type": "table", "path": csv.name, "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8", "title": table,
                          "description": (model.__doc__ or "").strip(), **_integrity(csv),
                          "schema": table_schema_descriptor(table)})
    for table in TABLES:
        parquet = folder / f"{table}.parquet"
        resources.append({"name": f"{table}-parquet", "type": "file", "path": parquet.name, "format": "parquet",
                          "mediatype": PARQUET_MEDIATYPE,
                          "description": f"The {table} table, typed (the same rows as {table}.csv).",
                          **_integrity(parquet)})
    package = {"profile": "data-package", "name": name, "title": title, "version": version}
    if created:
        package["created"] = created
    package.update({"sources": [{"title": "GeoNames", "path": "https://www.geonames.org"}],
                    "attribution": attribution, "resources": resources})
    return package


def _integrity(path: Path) -> dict:
    digest = file_digest(path)
    return {"hash": f"sha256:{digest['sha256']}", "bytes": digest["bytes"]}
