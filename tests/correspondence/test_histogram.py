"""The timeline of /letters/ and the date filters on letters made for each test:
spans over several years, open bounds, many years grouped into ranges."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from browse.histogram import bin_size, month_bars, year_bars
from correspondence.models import Letter
from tests.factories import make_letter

pytestmark = pytest.mark.django_db


def page_slugs(client, query=""):
    response = client.get(f"/letters/?{query}")
    assert response.status_code == 200
    return [letter.slug for letter in response.context["letters"]]


def bars(client, query=""):
    return client.get(f"/letters/?{query}").context["histogram"]


def params(url):
    return parse_qs(urlsplit(url).query)


def span(slug="span", start=dt.date(1915, 11, 1), end=dt.date(1917, 2, 1)):
    return make_letter(
        slug=slug, date=None, date_start=start, date_end=end, date_precision="range"
    )


'''"$(cat /tmp/moved.py)"'''


def test_an_open_bound_is_uncertain_in_its_known_year_only():
    make_letter(
        date=None,
        date_start=None,
        date_end=dt.date(1916, 7, 25),
        date_precision="before",
    )
    make_letter(date=dt.date(1914, 1, 1))
    by_year = {bar.label: bar for bar in year_bars(Letter.objects.all())}
    assert {y: (b.dated, b.uncertain) for y, b in by_year.items()} == {
        "1914": (1, 0),
        "1915": (0, 0),
        "1916": (0, 1),
    }


def test_a_span_cut_by_the_year_is_uncertain_in_each_month_it_meets():
    span(start=dt.date(1915, 11, 1), end=dt.date(1916, 2, 10))
    make_letter(date=dt.date(1916, 2, 1))
    months = month_bars(Letter.objects.all(), 1916)
    assert [(b.dated, b.uncertain) for b in months[:3]] == [(0, 1), (1, 1), (0, 0)]
    assert months[1].label == "February 1916" and months[1].short == "Feb"


def test_bars_are_drawn_in_proportion_to_the_tallest():
    for day in (1, 2, 3, 4):
        make_letter(date=dt.date(1914, 1, day))
    span(start=dt.date(1915, 1, 1), end=dt.date(1916, 1, 1))
    first, second, _ = year_bars(Letter.objects.all())
    assert (first.dated_height, first.dated_y) == (100.0, 0.0)
    assert (second.uncertain_height, second.uncertain_y) == (25.0, 75.0)


def test_no_dated_letters_no_bars():
    make_letter(date=None)
    assert year_bars(Letter.objects.all()) == []
    assert month_bars(Letter.objects.all(), 1914) == []


@pytest.mark.parametrize(
    "first, last, size", [(1914, 1918, 1), (1800, 1920, 5), (1, 9998, 200)]
)
def test_bins_widen_to_keep_sixty_bars_at_most(first, last, size):
    assert bin_size(first, last) == size
