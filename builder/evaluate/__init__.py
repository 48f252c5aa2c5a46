"""Evaluations: score the extractors against annotated data and print the figures.

    python -m builder.evaluate timex ../shared/corpora/timex/te3_platinum
    python -m builder.evaluate places
    python -m builder.evaluate incidents

Tests pin behaviour; these report quality. Each sub-command lives in its own module.
"""
