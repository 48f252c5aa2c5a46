"""events: one row per real-world event, merging the incidents that different articles report about it.

A view over the incidents table (which stays as it is): builder/merge.py groups incidents by the rule
its docstring describes; the rule's parameters are in the manifest. Running totals (cumulative
incidents) are not events and are left out.
"""

import pandas as pd
import pandera.pandas as pa
from pandera.engines.pandas_engine import ArrowDate32
from pandera.typing import Series

from builder.schemas.common import (DICTIONARY, PRIMARY_KEY, TEXT_LIST, count_field, low_best_high_in_order,
                                    references)
from builder.schemas.incidents import ATTACK_TYPES, CONTROL_CHANGES, INCIDENT_TYPES, VICTIMS

EVENT_PRECISIONS = ["day", "range", "unknown"]
LOW = "Lowest figure across reports (a report without a low gives its best)."
HIGH = "Highest figure across reports (a report with an open upper bound gives its best)."
BEST = "Median of the reports' best figures (the lower middle value when their number is even)."


class Events(pa.DataFrameModel):
    """One row per event: the incidents of different articles that report the same happening."""

    event_id: Series[str] = pa.Field(unique=True, str_matches=r"^[0-9a-f]{16}$", metadata=PRIMARY_KEY,
                                     title="Event id",
                                     description="Deterministic: a hash of the first report's incident id, so it stays "
                                     "when later reports join the event.")
    incident_type: Series[str] = pa.Field(isin=INCIDENT_TYPES, metadata=DICTIONARY, title="Incident type")
    date_start: Series[ArrowDate32] = pa.Field(title="Date from",
                                               description="Where the reports' date ranges overlap: the overlap; "
                                               "where they only touch within the tolerance: their union.")
    date_end: Series[ArrowDate32] = pa.Field(title="Date to")
    date_precision: Series[str] = pa.Field(isin=EVENT_PRECISIONS, metadata=DICTIONARY, title="Date precision",
                                           description="day: one day; range: several days; unknown: no report "
                                           "dates it (the first publication date is used).")
    location: Series[str] = pa.Field(nullable=True, metadata=DICTIONARY, title="Location",
                                     description="From the report with the most precise place.")
    admin1: Series[str] = pa.Field(nullable=True, metadata=DICTIONARY, title="Admin 1")
    admin2: Series[str] = pa.Field(nullable=True, metadata=DICTIONARY, title="Admin 2")
    country_code: Series[str] = pa.Field(nullable=True, str_matches=r"^[A-Z]{2}$", metadata=DICTIONARY,
                                         title="Country", description="ISO 3166-1 alpha-2.")
    latitude: Series[float] = pa.Field(nullable=True, ge=-90, le=90, title="Latitude")
    longitude: Series[float] = pa.Field(nullable=True, ge=-180, le=180, title="Longitude")
    geo_precision: Series[pd.Int64Dtype] = pa.Field(nullable=True, isin=[1, 2, 3], title="Geo precision",
                                                    description="1 the place itself, 2 near or part of it, 3 a region.")
    actor: Series[str] = pa.Field(nullable=True, metadata=DICTIONARY, title="Actor",
                                  description="The value most reports give; ties go to the earliest report.")
    attack_type: Series[str] = pa.Field(nullable=True, isin=ATTACK_TYPES, metadata=DICTIONARY, title="Attack type",
                                        description="The value most reports give; ties go to the earliest report.")
    victims: Series[str] = pa.Field(nullable=True, isin=VICTIMS, metadata=DICTIONARY, title="Victims",
                                    description="The value most reports give; ties go to the earliest report.")
    control_change: Series[str] = pa.Field(nullable=True, isin=CONTROL_CHANGES, metadata=DICTIONARY,
                                           title="Control change", description="Territory: the same in every report.")
    killed: Series[pd.Int64Dtype] = count_field("Killed", BEST)
    killed_low: Series[pd.Int64Dtype] = count_field("Killed, low", LOW)
    killed_high: Series[pd.Int64Dtype] = count_field("Killed, high", HIGH)
    injured: Series[pd.Int64Dtype] = count_field("Injured", BEST)
    injured_low: Series[pd.Int64Dtype] = count_field("Injured, low", LOW)
    injured_high: Series[pd.Int64Dtype] = count_field("Injured, high", HIGH)
    n_articles: Series[pd.Int64Dtype] = pa.Field(ge=1, title="Articles", description="Articles reporting it.")
    n_sources: Series[pd.Int64Dtype] = pa.Field(ge=1, title="Sources",
                                                description="Distinct outlets reporting it; an article without a "
                                                "source counts as one outlet of its own.")
    incident_ids: Series[pd.ArrowDtype] = pa.Field(dtype_kwargs=TEXT_LIST, title="Incidents",
                                                   description="The merged incidents, earliest report first.")
    article_ids: Series[pd.ArrowDtype] = pa.Field(dtype_kwargs=TEXT_LIST, title="Articles",
                                                  description="Their articles, earliest report first.")
    first_published: Series[ArrowDate32] = pa.Field(title="First reported",
                                                    description="Publication date of the earliest report.")
    first_article_id: Series[str] = pa.Field(metadata=references("articles", "article_id"), title="First article",
                                             description="The earliest report (ties: the smallest article id).")

    class Config:
        strict = True
        ordered = True

    @pa.dataframe_check
    def killed_low_best_high(cls, df: pd.DataFrame) -> pd.Series:
        return low_best_high_in_order(df, "killed_low", "killed", "killed_high")

    @pa.dataframe_check
    def injured_low_best_high(cls, df: pd.DataFrame) -> pd.Series:
        return low_best_high_in_order(df, "injured_low", "injured", "injured_high")

    @pa.dataframe_check
    def dates_in_order(cls, df: pd.DataFrame) -> pd.Series:
        return (df["date_start"] <= df["date_end"]).astype(bool)

    @pa.dataframe_check
    def reported_by_an_article(cls, df: pd.DataFrame) -> pd.Series:
        return (df["n_sources"] <= df["n_articles"]).astype(bool)
