"""Shared column conventions for the table models."""

# A string column with few distinct values, stored dictionary-encoded in Parquet.
DICTIONARY = {"dictionary": True}
