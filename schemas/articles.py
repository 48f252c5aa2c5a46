"""articles: one row per article read from the raw batch."""

import pandas as pd
import pandera.pandas as pa
from pandera.engines.pandas_engine import ArrowDate32
from pandera.typing import Series

from builder.schemas.common import DICTIONARY, PRIMARY_KEY


class Articles(pa.DataFrameModel):
    """One row per article kept from the raw batch; its text is what every character offset indexes into."""

    article_id: Series[str] = pa.Field(unique=True, str_length={"min_value": 1, "max_value": 200}, metadata=PRIMARY_KEY,
                                       title="Article id",
                                       description="The record's own id, or a stable hash of its text and source.")
    published: Series[ArrowDate32] = pa.Field(title="Publication date",
                                              description="The date relative time expressions are resolved against.")
    title: Series[str] = pa.Field(nullable=True, title="Title")
    source: Series[str] = pa.Field(nullable=True, metadata=DICTIONARY, title="Source",
                                   description="Outlet or publisher as given in the raw record.")
    url: Series[str] = pa.Field(nullable=True, title="URL")
    language: Series[str] = pa.Field(nullable=True, metadata=DICTIONARY, title="Language")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, title="Text",
                                 description="Normalised article text (NFC, Unix newlines, boilerplate removed).")
    source_path: Series[str] = pa.Field(metadata=DICTIONARY, title="Source file",
                                        description="Path of the raw file, relative to the batch folder.")
    source_line: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, title="Source line",
                                                  description="Line where the record starts (JSONL, JSON, CSV).")
    sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$", title="SHA-256 of the text")
    n_chars: Series[pd.Int64Dtype] = pa.Field(ge=1, title="Characters in the text")
    encoding: Series[str] = pa.Field(metadata=DICTIONARY, title="Encoding of the raw file")
    boilerplate_lines: Series[pd.Int64Dtype] = pa.Field(ge=0, title="Boilerplate lines removed",
                                                        description="Web-page furniture lines stripped from the text.")

    class Config:
        strict = True
        ordered = True
