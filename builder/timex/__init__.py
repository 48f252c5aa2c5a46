"""Time expressions: find what a news text says about when, and resolve it against the publication date,
the tense and the story's own dates.

    from datetime import date
    from builder.timex import extract_time_expressions
    extract_time_expressions("Russia withdrew on Saturday.", date(2022, 9, 10))

Rules (patterns, word lists, tense cues) are data in builder/timex/rules/; resolvers are in
builder/timex/resolve/.
"""

from builder.timex.expression import PRECISIONS, TimeExpression
from builder.timex.extract import extract_time_expressions
from builder.timex.rules import load_rules

__all__ = ["PRECISIONS", "TimeExpression", "extract_time_expressions", "load_rules"]
