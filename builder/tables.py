"""Tables as the schemas define them: typed frames from rows, Arrow schemas, lazy validation.

Everything about a table's shape comes from its pandera model in schemas/; nothing here names a column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import pandas as pd
import pandera.pandas as pa
import pyarrow

from builder.errors import Problem, excerpt_of
from builder.schemas import TABLES

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    dtype: object  # the pandas dtype the schema declares
    arrow_type: pyarrow.DataType
    nullable: bool
    unique: bool
    title: str | None
    description: str | None


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
        dtype = spec.dtype.type
        columns.append(Column(name, dtype, _arrow_type(dtype, spec.metadata or {}), spec.nullable, spec.unique,
                              spec.title, spec.description))
    return tuple(columns)


@cache
def arrow_schema(table: str) -> pyarrow.Schema:
    """The Parquet schema, carrying pandas metadata so pandas reads nullable Int64 back as Int64."""
    fields = [pyarrow.field(c.name, c.arrow_type, nullable=c.nullable) for c in table_columns(table)]
    pandas_metadata = pyarrow.Schema.from_pandas(frame_from_rows(table, []), preserve_index=False).metadata
    return pyarrow.schema(fields, metadata=pandas_metadata)


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
        checks = "; ".join(
            f"{case.column}: {case.check} (found {case.failure_case!r})" for case in failures.itertuples()
        )
        problems.append(Problem(path, line, "validate", "schema-check-failed",
                                f"a {table} row failed its schema checks: {checks}", article_id,
                                excerpt_of(str(row.get("sentence") or row.get("text") or ""))))
    return frame.drop(index=cases["index"].unique()).reset_index(drop=True), problems


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula (=, +, -, @, tab, CR first) get a leading quote."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.StringDtype):
            values = out[column]
            risky = values.str.startswith(FORMULA_PREFIXES).fillna(False).astype(bool)
            if risky.any():
                out[column] = values.where(~risky, "'" + values)
    return out


def to_arrow(table: str, frame: pd.DataFrame) -> pyarrow.Table:
    return pyarrow.Table.from_pandas(frame, schema=arrow_schema(table), preserve_index=False)


def from_arrow(table: str, data: pyarrow.Table) -> pd.DataFrame:
    """Back to the schema's pandas dtypes (dictionary columns become plain strings again)."""
    columns = {}
    for column in table_columns(table):
        values = data.column(column.name)
        if pyarrow.types.is_dictionary(values.type):
            values = values.cast(pyarrow.string())
        columns[column.name] = values.to_pandas(types_mapper=pd.ArrowDtype).astype(column.dtype)
    return pd.DataFrame(columns)
