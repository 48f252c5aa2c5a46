"""The article this project exists for (../shared/examples/kharkiv-2022-09-10.txt, published Saturday
2022-09-10): every time expression in it, resolved against that date. Skipped when the file is absent."""

from __future__ import annotations

from datetime import date

import pytest

from builder.ingest import Article, read_batch
from builder.timex import extract_time_expressions

SAT, FRI, THU = date(2022, 9, 10), date(2022, 9, 9), date(2022, 9, 8)

# (text, type, value, date_start, date_end, precision), in reading order.
EXPECTED = [
    ("Saturday", "DATE", "2022-09-10", SAT, SAT, "day"),  # Defense Ministry stated on Saturday
    ("the previous week", "DURATION", "P1W", date(2022, 9, 3), FRI, "week"),  # the seven days before it
    ("days", "DURATION", "PXD", None, None, "unknown"),  # after days of apparent advances
    ("almost seven-month", "DURATION", "P7M", None, None, "unknown"),  # the almost seven-month war
    ("earlier last week", "DATE", "2022-W35", date(2022, 8, 29), date(2022, 8, 31), "week"),
    ("earlier this year", "DATE", "2022", date(2022, 1, 1), SAT, "year"),  # the Kyiv withdrawal
    ("earlier Saturday", "DATE", "2022-09-10", SAT, SAT, "day"),
    ("hours later", "DATE", "2022-09-10", SAT, SAT, "day"),  # counted from "earlier Saturday"
    ("February", "DATE", "2022-02", date(2022, 2, 1), date(2022, 2, 28), "month"),  # Russia took in February
    ("Saturday", "DATE", "2022-09-10", SAT, SAT, "day"),  # Britain's Defense Ministry said Saturday
    ("weeks", "DURATION", "PXW", None, None, "unknown"),  # tight-lipped for weeks
    ("Friday", "DATE", "2022-09-09", FRI, FRI, "day"),  # Zelenskyy said on Friday
    ("Thursday", "DATE", "2022-09-08", THU, THU, "day"),  # reclaimed on Thursday
    ("six-month", "DURATION", "P6M", None, None, "unknown"),  # after a six-month occupation
    ("overnight", "TIME", "2022-09-09TNI", FRI, SAT, "night"),  # home devastated overnight
    ("overnight", "TIME", "2022-09-09TNI", FRI, SAT, "night"),  # killed and injured overnight
    ("recent weeks", "DURATION", "PXW", None, SAT, "unknown"),  # In recent weeks ... shelled
    ("Saturday", "DATE", "2022-09-10", SAT, SAT, "day"),  # Also, on Saturday, Baerbock
    ("Friday", "DATE", "2022-09-09", FRI, FRI, "day"),  # Blinken and Stoltenberg cautioned on Friday
    ("months", "DURATION", "PXM", None, None, "unknown"),  # would likely last months
    ("winter", "DATE", "2022-WI", date(2022, 12, 1), date(2023, 2, 28), "season"),  # a harsh winter ahead
]


@pytest.fixture(scope="module")
def article(kharkiv_example) -> Article:
    items = list(read_batch(kharkiv_example))
    assert len(items) == 1 and isinstance(items[0], Article)
    return items[0]


def test_the_article_is_dated_by_its_file_name(article):
    assert article.published == SAT


def test_every_time_expression_resolves_against_the_publication_date(article):
    found = extract_time_expressions(article.text, article.published)
    assert [(e.text, e.type, e.value, e.date_start, e.date_end, e.precision) for e in found] == EXPECTED
    for expression in found:
        assert article.text[expression.char_start:expression.char_end] == expression.text


def test_ages_distances_and_counts_are_not_time_expressions(article):
    found = extract_time_expressions(article.text, article.published)
    covered = {i for e in found for i in range(e.char_start, e.char_end)}
    for phrase in ("62-year-old", "73 kilometers", "50 kilometers", "2,500 square kilometers",
                   "more than 30 settlements", "Five citizens", "nine more"):
        start = article.text.index(phrase)
        assert not covered & set(range(start, start + len(phrase))), phrase
