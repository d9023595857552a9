"""Year and Month agree with Django's ExtractYear and ExtractMonth on both databases."""

import datetime as dt

import pytest
from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear

from browse.expressions import EARLIEST, Month, Year
from correspondence.models import Letter
from tests.factories import make_letter

pytestmark = pytest.mark.django_db


def test_year_and_month_agree_with_django_extract():
    for day in (dt.date(1850, 1, 1), dt.date(1914, 6, 7), dt.date(999, 12, 31), None):
        make_letter(date=day)
    ours = list(
        Letter.objects.filter(date_min__gte=EARLIEST)
        .values_list(Year("date_min"), Month("date_max"))
        .order_by("pk")
    )
    django = list(
        Letter.objects.filter(date_min__isnull=False)
        .values_list(ExtractYear("date_min"), ExtractMonth("date_max"))
        .order_by("pk")
    )
    assert ours == [(int(y), int(m)) for y, m in django]
    assert ours == [(1850, 1), (1914, 6), (999, 12)]


def test_year_groups_like_extract_year():
    make_letter(date=dt.date(1914, 6, 7))
    make_letter(date=dt.date(1914, 8, 1))
    make_letter(date=dt.date(1915, 1, 1))
    rows = (
        Letter.objects.filter(date_min__gte=EARLIEST)
        .values(year=Year("date_min"))
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    assert [(r["year"], r["n"]) for r in rows] == [(1914, 2), (1915, 1)]
