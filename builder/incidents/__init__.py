"""Incidents: casualties and territorial changes an article reports, traceable to their sentences.

    from builder.incidents import extract_incidents
    incidents = extract_incidents(doc, published, time_expressions, places)

The word lists that drive extraction are in lexicon/*.yaml; the codebook is docs/codebook.md.
"""

from builder.incidents.extract import extract_incidents
from builder.incidents.model import Incident

__all__ = ["Incident", "extract_incidents"]
