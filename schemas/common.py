"""Shared column conventions for the table models.

Column metadata the writers read (combine with `{**A, **B}`):
- DICTIONARY: a string column with few distinct values, stored dictionary-encoded in Parquet.
- PRIMARY_KEY: the column that identifies a row; changelogs compare releases by it and the data
  package declares it as the table's primary key.
- references("articles", "article_id"): a foreign key; the data package declares it.
List columns are `Series[pd.ArrowDtype]` with `dtype_kwargs=TEXT_LIST`: Arrow list<string> in
Parquet, a JSON array in CSV.
"""

import pandas as pd
import pandera.pandas as pa
import pyarrow

DICTIONARY = {"dictionary": True}
PRIMARY_KEY = {"primary_key": True}
TEXT_LIST = {"pyarrow_dtype": pyarrow.list_(pyarrow.string())}


def references(table: str, column: str) -> dict:
    return {"references": f"{table}.{column}"}


def count_field(title: str, description: str) -> pa.Field:
    return pa.Field(nullable=True, ge=0, title=title, description=description)


def low_best_high_in_order(df: pd.DataFrame, low: str, best: str, high: str) -> pd.Series:
    """low <= best <= high wherever both sides are known (an open bound is empty)."""
    ok_low = df[low].isna() | df[best].isna() | (df[low] <= df[best])
    ok_high = df[high].isna() | df[best].isna() | (df[best] <= df[high])
    ok_range = df[low].isna() | df[high].isna() | (df[low] <= df[high])
    return (ok_low & ok_high & ok_range).astype(bool)
