"""The timeline of /letters/ and the date filters on letters made for each test:
spans over several years, open bounds, many years grouped into ranges."""

import datetime as dt
from itertools import pairwise
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


def test_a_stray_year_far_from_the_rest_is_a_break_not_a_stretched_axis(client):
    for year in range(1910, 1921):
        make_letter(slug=f"letter-{year}", date=dt.date(year, 5, 1))
    make_letter(slug="misprinted", date=dt.date(1091, 5, 1))  # for 1901
    bars = year_bars(Letter.objects.all())
    # one bar a year where letters are, not 830 years in bins of twenty
    assert [bar.label for bar in bars] == [
        "1091",
        "1092–1909",
        *(str(year) for year in range(1910, 1921)),
    ]
    stray, gap, *run = bars
    assert gap.is_break and gap.count == 0 and not gap.show_label
    assert gap.description == "1092–1909: no letters (these years are left out)"
    assert stray.dated == 1 and all(bar.dated == 1 for bar in run)
    html = client.get("/letters/").content.decode()
    assert "1092–1909: no letters" in html
    assert "year_from=1092" not in html  # the break chooses nothing


def test_a_short_empty_stretch_stays_on_the_axis():
    make_letter(slug="before", date=dt.date(1900, 1, 1))
    make_letter(slug="after", date=dt.date(1911, 1, 1))  # ten empty years between
    bars = year_bars(Letter.objects.all())
    assert [bar.label for bar in bars] == [str(y) for y in range(1900, 1912)]
    assert not any(bar.is_break for bar in bars)


@pytest.mark.parametrize("years", [5, 13, 24, 40, 60])
def test_labels_are_thinned_to_a_dozen_and_to_five_on_a_phone(years):
    for year in range(1850, 1850 + years):
        make_letter(slug=f"letter-{year}", date=dt.date(year, 5, 1))
    bars = year_bars(Letter.objects.all())
    wide = [n for n, bar in enumerate(bars) if bar.show_label]
    narrow = [n for n, bar in enumerate(bars) if bar.show_label_narrow]
    assert wide[0] == narrow[0] == 0 and wide[-1] == narrow[-1] == len(bars) - 1
    assert len(wide) <= 12 + 2 and len(narrow) <= 5 + 2  # the ends besides
    assert set(narrow) <= set(wide)
    if years <= 12:
        assert len(wide) == years  # few years: every one labelled
    # labels keep apart in proportion to their number (no two side by side)
    assert min(b - a for a, b in pairwise(wide)) >= (1 if years <= 24 else 2)
    assert min(b - a for a, b in pairwise(narrow)) >= (1 if years <= 5 else 3)


def test_each_bar_is_drawn_with_its_link_heights_label_and_description(client):
    make_letter(slug="a", date=dt.date(1900, 5, 1))
    make_letter(slug="b", date=dt.date(1900, 6, 1))
    span(slug="c", start=dt.date(1900, 11, 1), end=dt.date(1902, 2, 1))
    make_letter(slug="d", date=dt.date(1950, 1, 1))  # after 47 years without any
    html = " ".join(
        client.get("/letters/?year_from=1900&year_to=1900").content.decode().split()
    )
    assert (
        '<li class="timeline__bar is-selected"> <a href="?year=1900" '
        'aria-current="true"> <span class="timeline__n" aria-hidden="true">3</span> '
        '<svg class="timeline__svg" viewBox="0 0 10 100" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false"><rect class="timeline__uncertain" x="0" '
        'y="0.0" width="10" height="33.33" fill="url(#timeline-hatch)"></rect>'
        '<rect class="timeline__dated" x="0" y="33.33" width="10" height="66.67">'
        '</rect></svg> <span class="timeline__label" aria-hidden="true">1900</span> '
        '<span class="visually-hidden">1900: 3 letters, 1 with an uncertain date'
        "</span> </a> </li>" in html
    )
    assert (
        '<li class="timeline__bar"> <a href="?year=1902"> '
        '<span class="timeline__n" aria-hidden="true">1</span>' in html
    )
    assert (
        '<li class="timeline__bar timeline__bar--break"> '
        '<span class="timeline__gap" aria-hidden="true"></span> '
        '<span class="timeline__label" aria-hidden="true"></span> '
        '<span class="visually-hidden">1903–1949: no letters (these years are left '
        "out)</span> </li>" in html
    )
    months = " ".join(
        client.get("/letters/?year=1900&month=5").content.decode().split()
    )
    assert (
        '<li class="timeline__bar is-empty"> <a href="?year=1900&amp;month=1"> '
        '<span class="timeline__n" aria-hidden="true"></span>' in months
    )
    assert (
        '<li class="timeline__bar is-selected"> <a href="?year=1900&amp;month=5" '
        'aria-current="true">' in months
    )
