"""time_expressions: one row per time expression found in an article, resolved to the calendar."""

import pandas as pd
import pandera.pandas as pa
from pandera.engines.pandas_engine import ArrowDate32
from pandera.typing import Series

from builder.schemas.common import DICTIONARY
from builder.timex.expression import PRECISIONS, TYPES


class TimeExpressions(pa.DataFrameModel):
    """What an article says about when: each expression with its TIMEX3 type and value, the calendar range
    it covers and how precise that range is. Offsets index the article's text (articles.text)."""

    article_id: Series[str] = pa.Field(str_length={"min_value": 1, "max_value": 200}, title="Article id",
                                       description="The article the expression is in (articles.article_id).")
    char_start: Series[pd.Int64Dtype] = pa.Field(ge=0, title="Start offset",
                                                 description="Character offset of the first character in the text.")
    char_end: Series[pd.Int64Dtype] = pa.Field(ge=1, title="End offset",
                                               description="Character offset just past the last character.")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, title="Text",
                                 description="The expression as written: text[char_start:char_end].")
    type: Series[str] = pa.Field(isin=list(TYPES), metadata=DICTIONARY, title="TIMEX3 type",
                                 description="DATE, TIME (a part of a day or a clock time), DURATION or SET.")
    value: Series[str] = pa.Field(str_length={"min_value": 1}, title="TIMEX3 value",
                                  description="2022-09-10, 2022-W36, 2022-09, 2022-SU, 2022-09-09TNI, P3D, "
                                              "PRESENT_REF, ...; X marks what the text leaves unstated (PXD).")
    date_start: Series[ArrowDate32] = pa.Field(nullable=True, title="First day",
                                               description="First day of the calendar range the expression "
                                                           "covers; empty when not placed in the calendar.")
    date_end: Series[ArrowDate32] = pa.Field(nullable=True, title="Last day",
                                             description="Last day of the range (equal to date_start for a day; "
                                                         "publication day for 'since ...').")
    precision: Series[str] = pa.Field(isin=list(PRECISIONS), metadata=DICTIONARY, title="Precision",
                                      description="The unit the expression names: day, night, week, weekend, "
                                                  "month, season, quarter, half, year, decade, century; range "
                                                  "for a stretch between two named points ('between 1 and 20 "
                                                  "February', 'since 15 April 2023'); unknown when not placed "
                                                  "(free durations, sets) or only one end is known.")
    anchor: Series[ArrowDate32] = pa.Field(nullable=True, title="Anchor date",
                                           description="The date it was counted from: the publication date or "
                                                       "the story's last date ('the next day'); empty when the "
                                                       "text named the date in full.")
    rule: Series[str] = pa.Field(str_matches=r"^[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$", metadata=DICTIONARY,
                                 title="Rule", description="Id of the rule that found it (builder/timex/rules/), "
                                                           "with +since when a signal widened its range.")

    @pa.dataframe_check(error="date_start must not be after date_end")
    def range_in_order(cls, frame: pd.DataFrame) -> Series[bool]:
        unordered = (frame["date_start"] > frame["date_end"]).fillna(False)
        return ~unordered.astype(bool)

    @pa.dataframe_check(error="char_start must be before char_end")
    def span_in_order(cls, frame: pd.DataFrame) -> Series[bool]:
        return (frame["char_start"] < frame["char_end"]).fillna(False).astype(bool)

    class Config:
        strict = True
        ordered = True
