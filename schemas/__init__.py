"""The single source of truth for every output table: columns, types, nullability and checks.

Each table is one pandera DataFrameModel. Column order, Parquet types, CSV layout, the data
package and the codebook are all generated from these classes (see builder/tables.py).
Conventions:
- `metadata={"dictionary": True}` marks a string column with few distinct values; Parquet stores it
  dictionary-encoded (readers show it as a categorical / factor).
- Dates are Arrow date32; counts are nullable Int64; ids are non-null strings.
- More conventions (primary and foreign keys, list columns) are described in common.py.
Installed as `builder.schemas` (the folder is mapped in pyproject.toml).
"""

from builder.schemas.articles import Articles
from builder.schemas.events import Events
from builder.schemas.incidents import Incidents
from builder.schemas.places import Places
from builder.schemas.rejects import Rejects
from builder.schemas.time_expressions import TimeExpressions

SCHEMA_VERSION = "1.1.0"

TABLES = {
    "articles": Articles,
    "time_expressions": TimeExpressions,
    "places": Places,
    "incidents": Incidents,
    "events": Events,
    "rejects": Rejects,
}

__all__ = ["SCHEMA_VERSION", "TABLES", "Articles", "Events", "Incidents", "Places", "Rejects",
           "TimeExpressions"]
