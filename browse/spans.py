"""Where the letters fall in time: one GROUP BY over the distinct spans of their known
date ranges (first and last year, or month within one year, and whether a bound is
missing), with how many letters share each span. The year and month facets and the
timeline spread these few rows over years or months in Python, instead of a row per
letter.

The rows are cached on the data version and the query itself: the year facet and the
timeline often ask the same question (no date chosen: both count the letters filtered
by everything else), and so do the month facet and the months of a chosen year.
"""

from django.db.models import BooleanField, Case, Count, Q, Value, When

from . import cache
from .expressions import EARLIEST, Month, Year


def _open():
    return Case(
        When(Q(date_start__isnull=True) | Q(date_end__isnull=True), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def year_spans(qs):
    """[(first year, last year, open, count)] of the dated letters in ``qs``."""
    rows = (
        qs.order_by()
        .filter(date_min__gte=EARLIEST)
        .values(first=Year("date_min"), last=Year("date_max"), open=_open())
        .annotate(n=Count("pk"))
    )
    return _rows(
        rows,
        lambda r: (int(r["first"]), int(r["last"]), bool(r["open"]), r["n"]),
    )


def month_spans(qs, year):
    """[(first month, last month, open, count)] of the letters meeting ``year``, their
    ranges cut to that year (a cut range counts as uncertain within the year)."""
    rows = (
        qs.order_by()
        .in_years(year, year)
        .values(
            first_year=Year("date_min"),
            first_month=Month("date_min"),
            last_year=Year("date_max"),
            last_month=Month("date_max"),
            open=_open(),
        )
        .annotate(n=Count("pk"))
    )

    def span(r):
        cut = int(r["first_year"]) != year or int(r["last_year"]) != year
        first = int(r["first_month"]) if int(r["first_year"]) == year else 1
        last = int(r["last_month"]) if int(r["last_year"]) == year else 12
        return (first, last, bool(r["open"]) or cut, r["n"])

    return _rows(rows, span)


def _rows(rows, span):
    """``[span(row) for row in rows]``, kept for the data version and the query's SQL
    and parameters."""
    sql, params = rows.query.sql_with_params()
    return cache.cached(
        ("spans", rows.db, sql, params), lambda: [span(row) for row in rows]
    )
