"""places: one row per place mention in an article (builder.places.extract_places)."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from builder.schemas.common import DICTIONARY


class Places(pa.DataFrameModel):
    """One row per place (or actor) an article names, resolved to a gazetteer entry."""

    article_id: Series[str] = pa.Field(str_length={"min_value": 1, "max_value": 200}, title="Article id")
    char_start: Series[pd.Int64Dtype] = pa.Field(ge=0, title="Start offset",
                                                 description="Character offset of the words in the article text.")
    char_end: Series[pd.Int64Dtype] = pa.Field(ge=1, title="End offset", description="Exclusive.")
    location_text: Series[str] = pa.Field(str_length={"min_value": 1}, title="Location text",
                                          description="The words as the article writes them.")
    location: Series[str] = pa.Field(title="Location", description="Canonical English name of the entry.")
    admin1: Series[str] = pa.Field(nullable=True, metadata=DICTIONARY, title="Admin 1",
                                   description="English name of the first-level unit (oblast, governorate, state).")
    admin2: Series[str] = pa.Field(nullable=True, metadata=DICTIONARY, title="Admin 2",
                                   description="Second-level unit (raion) where the gazetteer knows it.")
    country_code: Series[str] = pa.Field(str_matches=r"^[A-Z]{2}$", metadata=DICTIONARY, title="Country",
                                         description="ISO 3166-1 alpha-2.")
    latitude: Series[float] = pa.Field(nullable=True, ge=-90, le=90, title="Latitude")
    longitude: Series[float] = pa.Field(nullable=True, ge=-180, le=180, title="Longitude")
    geonames_id: Series[str] = pa.Field(nullable=True, title="Gazetteer id",
                                        description="GeoNames id, or the KATOTTG code (UA...) of a Ukrainian "
                                                    "settlement GeoNames lacks; empty for a place no gazetteer "
                                                    "lists (relation unlisted).")
    geo_precision: Series[pd.Int64Dtype] = pa.Field(isin=[1, 2, 3], title="Geo precision",
                                                    description="1 the place itself; 2 near or part of it, or "
                                                                "coordinates of its administrative centre; "
                                                                "3 a region or country.")
    role: Series[str] = pa.Field(isin=["location", "actor", "dateline"], metadata=DICTIONARY, title="Role",
                                 description="location: where something is or happened; actor: the name stands "
                                             "for a government or side (\"Kyiv said\", \"Moscow kept up its "
                                             "campaign\"); dateline: where a wire story is filed from "
                                             "(\"KYIV, Ukraine (AP) —\"), not where its events happened.")
    relation: Series[str] = pa.Field(nullable=True, metadata=DICTIONARY, title="Relation",
                                     description="in, near, outskirts, direction, area, part, district (a city "
                                                 "district, given as its city), region, country, unlisted (a "
                                                 "place the gazetteer lacks, located by the nearest listed one); empty for "
                                                 "actors and datelines.")
    rule: Series[str] = pa.Field(metadata=DICTIONARY, title="Rule",
                                 description="The rule or alias (file:line) that decided the reading.")

    class Config:
        strict = True
        ordered = True

    @pa.dataframe_check
    def offsets_ordered(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["char_start"] < frame["char_end"]
