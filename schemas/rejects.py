"""rejects: every file, record or row that could not be used, with why. Nothing is silently dropped."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from builder.schemas.common import DICTIONARY


class Rejects(pa.DataFrameModel):
    """One row per file, record or output row that was not used."""

    source_path: Series[str] = pa.Field(metadata=DICTIONARY, title="Source file")
    line: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1, title="Line",
                                           description="Line in the source file, when the format has lines.")
    article_id: Series[str] = pa.Field(nullable=True, title="Article id", description="When known.")
    stage: Series[str] = pa.Field(isin=["ingest", "segment", "time", "places", "incidents", "validate"],
                                  metadata=DICTIONARY, title="Pipeline stage")
    reason: Series[str] = pa.Field(str_matches=r"^[a-z0-9]+(-[a-z0-9]+)*$", metadata=DICTIONARY,
                                   title="Reason", description="A stable slug such as missing-publication-date.")
    message: Series[str] = pa.Field(title="Message", description="What was expected, what was found, what to do.")
    excerpt: Series[str] = pa.Field(nullable=True, title="Excerpt", description="The start of the offending text.")

    class Config:
        strict = True
        ordered = True
