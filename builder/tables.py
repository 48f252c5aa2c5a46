"""Tables as the schemas define them: typed frames from rows, Arrow schemas, lazy validation.

Everything about a table's shape comes from its pandera model in schemas/; nothing here names a column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

import pandas as pd
import pandera.pandas as pa
import pyarrow

from builder.errors import Problem, excerpt_of
from builder.schemas import TABLES

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# pandera check name -> the constraint it states, in the data package's vocabulary (also the codebook's).
CHECK_CONSTRAINTS = {
    "isin": {"allowed_values": "enum"},
    "greater_than_or_equal_to": {"min_value": "minimum"},
    "less_than_or_equal_to": {"max_value": "maximum"},
    "in_range": {"min_value": "minimum", "max_value": "maximum"},
    "str_matches": {"pattern": "pattern"},
    "str_length": {"min_value": "minLength", "max_value": "maxLength"},
}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    dtype: object  # the pandas dtype the schema declares
    arrow_type: pyarrow.DataType
    nullable: bool
    unique: bool
    title: str | None
    description: str | None
    value_type: str = "string"  # date, integer, number, boolean, string or array (the data package's types)
    constraints: dict = field(default_factory=dict)  # enum, minimum, maximum, pattern, minLength, maxLength
    primary_key: bool = False
    references: tuple[str, str] | None = None  # (table, column) this column points at


@cache
def table_schema(table: str) -> pa.DataFrameSchema:
    try:
        return TABLES[table].to_schema()
    except KeyError:
        raise KeyError(f"unknown table {table!r}; tables are {sorted(TABLES)}") from None


@cache
def table_columns(table: str) -> tuple[Column, ...]:
    columns = []
    for name, spec in table_schema(table).columns.items():
        dtype, metadata = spec.dtype.type, spec.metadata or {}
        arrow_type = _arrow_type(dtype, metadata)
        target = metadata.get("references")
        columns.append(Column(name, dtype, arrow_type, spec.nullable, spec.unique, spec.title, spec.description,
                              _value_type(arrow_type), _constraints(spec.checks), bool(metadata.get("primary_key")),
                              tuple(target.split(".", 1)) if target else None))
    return tuple(columns)


def primary_key(table: str) -> str | None:
    """The column that identifies a row, or None for a table without one (rejects)."""
    return next((c.name for c in table_columns(table) if c.primary_key), None)


def _value_type(arrow_type: pyarrow.DataType) -> str:
    if pyarrow.types.is_dictionary(arrow_type):
        arrow_type = arrow_type.value_type
    for is_type, name in ((pyarrow.types.is_date, "date"), (pyarrow.types.is_integer, "integer"),
                          (pyarrow.types.is_floating, "number"), (pyarrow.types.is_boolean, "boolean"),
                          (pyarrow.types.is_list, "array")):
        if is_type(arrow_type):
            return name
    return "string"


def _constraints(checks: list) -> dict:
    constraints = {}
    for check in checks:
        for statistic, constraint in CHECK_CONSTRAINTS.get(check.name, {}).items():
            value = (check.statistics or {}).get(statistic)
            if value is not None:
                constraints[constraint] = list(value) if constraint == "enum" else value
    return constraints


@cache
def arrow_schema(table: str) -> pyarrow.Schema:
    """The Parquet schema, carrying pandas metadata so pandas reads nullable Int64 back as Int64.

    List columns are described to pandas as plain object columns: pandas cannot rebuild a list
    ArrowDtype from its recorded name, and would refuse to read the file.
    """
    schema = pyarrow.schema([pyarrow.field(c.name, c.arrow_type, nullable=c.nullable) for c in table_columns(table)])
    empty = frame_from_rows(table, [])
    lists = [c.name for c in table_columns(table) if c.value_type == "array"]
    empty[lists] = empty[lists].astype(object)
    return schema.with_metadata(pyarrow.Table.from_pandas(empty, schema=schema, preserve_index=False).schema.metadata)


def _arrow_type(dtype: object, metadata: dict) -> pyarrow.DataType:
    if isinstance(dtype, pd.ArrowDtype):
        return dtype.pyarrow_dtype
    if isinstance(dtype, pd.StringDtype) or dtype is str:
        return pyarrow.dictionary(pyarrow.int32(), pyarrow.string()) if metadata.get("dictionary") else pyarrow.string()
    if isinstance(dtype, pd.Int64Dtype):
        return pyarrow.int64()
    if isinstance(dtype, pd.BooleanDtype):
        return pyarrow.bool_()
    return pyarrow.from_numpy_dtype(dtype)


def frame_from_rows(table: str, rows: Iterable[dict]) -> pd.DataFrame:
    """A frame with exactly the schema's columns, in order, each with the schema's dtype."""
    rows = list(rows)
    return pd.DataFrame(
        {c.name: pd.array([row.get(c.name) for row in rows], dtype=c.dtype) for c in table_columns(table)}
    )


def validate_frame(
    table: str, frame: pd.DataFrame, locate: Callable[[pd.Series], tuple[str, int | None, str | None]]
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check a frame against its schema; rows that fail become problems and leave the frame.

    `locate(row)` names where a failing row came from: (source path, line, article id).
    A failure not tied to a row (a missing column, a wrong dtype) is a bug here, so it raises.
    """
    try:
        return TABLES[table].validate(frame, lazy=True), []
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    if cases["index"].isna().any():
        raise RuntimeError(f"the {table} frame does not match its schema:\n{cases[cases['index'].isna()]}")
    problems = []
    for index, failures in cases.groupby("index", sort=True):
        row = frame.loc[index]
        path, line, article_id = locate(row)
        row_checks = set(failures.loc[failures["schema_context"] == "DataFrameSchema", "check"])
        column_checks = [f"{case.column}: {case.check} (found {case.failure_case!r})"
                         for case in failures.itertuples() if case.schema_context != "DataFrameSchema"]
        checks = "; ".join([*column_checks, *(f"row check {check}" for check in sorted(row_checks))])
        problems.append(Problem(path, line, "validate", "schema-check-failed",
                                f"a {table} row failed its schema checks: {checks}", article_id,
                                excerpt_of(str(row.get("sentence") or row.get("text") or ""))))
    return frame.drop(index=cases["index"].unique()).reset_index(drop=True), problems


def csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """What a CSV cell holds: list cells as JSON arrays (the data package's `array`), formulas neutralised."""
    out = neutralise_formulas(frame)
    for column in out.columns:
        if isinstance(out[column].dtype, pd.ArrowDtype) and pyarrow.types.is_list(out[column].dtype.pyarrow_dtype):
            out[column] = [None if cell is None else json.dumps(list(cell), ensure_ascii=False)
                           for cell in out[column].astype(object)]
    return out


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading quote.

    A carriage return becomes a newline: Python's CSV writer quotes a cell holding a newline but not one
    holding only a carriage return, which every reader then takes as the end of the row (a file name
    with a CR in it split its rejects row in two)."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.StringDtype):
            values = out[column]
            risky = values.str.startswith(FORMULA_PREFIXES).fillna(False).astype(bool)
            if risky.any():
                values = values.where(~risky, "'" + values)
            returns = values.str.contains("\r", regex=False).fillna(False).astype(bool)
            if returns.any():
                values = values.where(~returns, values.str.replace("\r\n", "\n").str.replace("\r", "\n"))
            out[column] = values
    return out


def to_arrow(table: str, frame: pd.DataFrame) -> pyarrow.Table:
    return pyarrow.Table.from_pandas(frame, schema=arrow_schema(table), preserve_index=False)


def from_arrow(table: str, data: pyarrow.Table | pyarrow.RecordBatch) -> pd.DataFrame:
    """Back to the schema's pandas dtypes (dictionary columns become plain strings again).

    `data` may hold only some of the table's columns; the frame has those, in the schema's order.
    """
    columns = {}
    for column in table_columns(table):
        if column.name not in data.schema.names:
            continue
        values = data.column(column.name)
        if pyarrow.types.is_dictionary(values.type):
            values = values.cast(pyarrow.string())
        columns[column.name] = values.to_pandas(types_mapper=pd.ArrowDtype).astype(column.dtype)
    return pd.DataFrame(columns)
