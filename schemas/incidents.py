"""incidents: one row per incident an article reports, traceable to its sentence."""

import pandas as pd
import pandera.pandas as pa
from pandera.engines.pandas_engine import ArrowDate32
from pandera.typing import Series

from builder.schemas.common import DICTIONARY, PRIMARY_KEY, count_field, low_best_high_in_order, references

INCIDENT_TYPES = ["casualties", "territorial_change", "attack", "infrastructure", "displacement"]
CLAIM_STATUSES = ["reported", "claimed", "confirmed", "denied", "unconfirmed"]
VICTIMS = ["civilians", "military", "children", "mixed", "unknown"]
CONTROL_CHANGES = ["gained", "lost", "withdrawn"]
PRECISIONS = ["day", "night", "week", "weekend", "month", "season", "quarter", "half", "year", "decade", "century",
              "range",
              "unknown"]
ATTACK_TYPES = ["missile", "drone", "airstrike", "shelling", "gunfire", "bombing", "mine", "clashes", "unknown"]


class Incidents(pa.DataFrameModel):
    """One row per incident (a casualty group, a territorial change, ...) in one article."""

    incident_id: Series[str] = pa.Field(unique=True, str_matches=r"^[0-9a-f]{16}$", metadata=PRIMARY_KEY,
                                        title="Incident id",
                                        description="Deterministic: a hash of article id, type, sentence span and place.")
    article_id: Series[str] = pa.Field(metadata=references("articles", "article_id"), title="Article id",
                                    description="The article it was read from (articles table).")
    incident_type: Series[str] = pa.Field(isin=INCIDENT_TYPES, metadata=DICTIONARY, title="Incident type",
                                          description="casualties: people killed or injured; territorial_change: "
                                          "control of a place or area changed.")
    date_start: Series[ArrowDate32] = pa.Field(title="Date from", description="First day the incident may have happened.")
    date_end: Series[ArrowDate32] = pa.Field(title="Date to", description="Last day; equal to date_start for one day.")
    date_precision: Series[str] = pa.Field(isin=PRECISIONS, metadata=DICTIONARY, title="Date precision",
                                           description="unknown: the article gives no date for it; the publication "
                                           "date is used and date_text is empty.")
    date_text: Series[str] = pa.Field(nullable=True, title="Date text", description="The time words the date comes from.")
    location: Series[str] = pa.Field(nullable=True, metadata=DICTIONARY, title="Location",
                                     description="Canonical English place name.")
    location_text: Series[str] = pa.Field(nullable=True, title="Location text", description="The place words as written.")
    admin1: Series[str] = pa.Field(nullable=True, metadata=DICTIONARY, title="Admin 1",
                                   description="First-level region (oblast, governorate, state).")
    admin2: Series[str] = pa.Field(nullable=True, metadata=DICTIONARY, title="Admin 2",
                                   description="Second-level unit (raion, district) where known.")
    country_code: Series[str] = pa.Field(nullable=True, str_matches=r"^[A-Z]{2}$", metadata=DICTIONARY,
                                         title="Country", description="ISO 3166-1 alpha-2.")
    latitude: Series[float] = pa.Field(nullable=True, ge=-90, le=90, title="Latitude")
    longitude: Series[float] = pa.Field(nullable=True, ge=-180, le=180, title="Longitude")
    geo_precision: Series[pd.Int64Dtype] = pa.Field(nullable=True, isin=[1, 2, 3], title="Geo precision",
                                                    description="1 the place itself, 2 near or part of it, 3 a region.")
    actor: Series[str] = pa.Field(nullable=True, metadata=DICTIONARY, title="Actor",
                                  description="Who did it (perpetrator) or who moved (territory), as a canonical party.")
    attack_type: Series[str] = pa.Field(nullable=True, isin=ATTACK_TYPES, metadata=DICTIONARY, title="Attack type")
    claimant: Series[str] = pa.Field(nullable=True, title="Claimant",
                                     description="Who says so, as written; empty when the outlet states it itself.")
    claim_status: Series[str] = pa.Field(isin=CLAIM_STATUSES, metadata=DICTIONARY, title="Claim status",
                                         description="reported: the outlet or a neutral source; claimed: a party to "
                                         "the conflict; confirmed / denied / unconfirmed as the text says.")
    killed: Series[pd.Int64Dtype] = count_field("Killed", "Best figure.")
    killed_low: Series[pd.Int64Dtype] = count_field("Killed, low", "Lowest figure the words allow.")
    killed_high: Series[pd.Int64Dtype] = count_field("Killed, high", "Highest figure the words allow; empty when open.")
    injured: Series[pd.Int64Dtype] = count_field("Injured", "Best figure; hospitalised people count as injured.")
    injured_low: Series[pd.Int64Dtype] = count_field("Injured, low", "Lowest figure the words allow.")
    injured_high: Series[pd.Int64Dtype] = count_field("Injured, high", "Highest figure; empty when open.")
    victims: Series[str] = pa.Field(nullable=True, isin=VICTIMS, metadata=DICTIONARY, title="Victims")
    cumulative: Series[bool] = pa.Field(title="Cumulative",
                                        description="A running total (since the war began...): never add it to "
                                        "incident counts.")
    control_change: Series[str] = pa.Field(nullable=True, isin=CONTROL_CHANGES, metadata=DICTIONARY,
                                           title="Control change", description="gained, lost or withdrawn, for the actor.")
    settlements: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, title="Settlements",
                                                  description="Number of settlements whose control changed.")
    area_km2: Series[float] = pa.Field(nullable=True, ge=0, title="Area (km²)", description="Square miles converted.")
    sentence: Series[str] = pa.Field(str_length={"min_value": 1}, title="Sentence", description="The evidence.")
    char_start: Series[pd.Int64Dtype] = pa.Field(ge=0, title="Start", description="Offset of the sentence in articles.text.")
    char_end: Series[pd.Int64Dtype] = pa.Field(ge=1, title="End", description="End offset (exclusive).")
    confidence: Series[float] = pa.Field(ge=0, le=1, title="Confidence",
                                         description="How complete the extraction is (place, date, count found).")
    extractor_version: Series[str] = pa.Field(metadata=DICTIONARY, title="Extractor version")

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
    def span_in_order(cls, df: pd.DataFrame) -> pd.Series:
        return (df["char_start"] < df["char_end"]).astype(bool)

    @pa.dataframe_check
    def territory_has_a_change(cls, df: pd.DataFrame) -> pd.Series:
        return ((df["incident_type"] != "territorial_change") | df["control_change"].notna()).astype(bool)
