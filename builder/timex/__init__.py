"""Time expressions: find what a news text says about when, and resolve it against the publication date,
the tense and the story's own dates.

    from datetime import date
    from builder.timex import extract_time_expressions
    extract_time_expressions("Russia withdrew on Saturday.", date(2022, 9, 10))

Rules (patterns, word lists, tense cues) are data in builder/timex/rules/; resolvers are in
builder/timex/resolve/.
"""

__all__ = ["PRECISIONS", "TYPES", "TimeExpression", "extract_time_expressions", "load_rules"]


def __getattr__(name: str):
    # Imported on first use: the table schema reads PRECISIONS and TYPES without loading the rules engine.
    if name in ("PRECISIONS", "TYPES", "TimeExpression"):
        from builder.timex import expression

        return getattr(expression, name)
    if name == "extract_time_expressions":
        from builder.timex.extract import extract_time_expressions

        return extract_time_expressions
    if name == "load_rules":
        from builder.timex.rules import load_rules

        return load_rules
    raise AttributeError(f"module 'builder.timex' has no attribute {name!r}")
