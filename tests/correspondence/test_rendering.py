"""The letter-text tags: escaping, footnote markers, paragraphs, editorial brackets."""

import datetime as dt

import pytest
from django.template import Context, Template

from correspondence.models import Letter
from correspondence.templatetags.letter_text import (
    gregorian_html,
    julian_text,
    render_inline,
    render_paragraphs,
)


def render(source, **context):
    return Template("{% load letter_text %}" + source).render(Context(context))


def test_a_marker_becomes_a_superscript_link_to_its_note_at_the_exact_place():
    html = str(render_inline("the liquidators[^2] continue"))
    assert html == (
        'the liquidators\u2060<sup class="noteref" id="noteref-2">'
        '<a href="#note-2" aria-describedby="notes-heading">2</a></sup> continue'
    )


def test_the_marker_digit_leaves_the_text():
    html = str(render_inline("[St Petersburg].[^4]"))
    assert "[^4]" not in html
    assert html.startswith('<span class="editorial"')
    assert '.\u2060<sup class="noteref" id="noteref-4">' in html


def test_markup_in_the_text_is_shown_as_text():
    html = str(render_paragraphs('<script>alert("x")</script> & <b>bold</b>'))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp; &lt;b&gt;bold&lt;/b&gt;" in html


def test_blank_lines_separate_paragraphs_and_single_newlines_break_lines():
    html = str(render_paragraphs("First line\nsecond line\n\n\n  \nSecond paragraph."))
    assert html == "<p>First line<br>\nsecond line</p>\n<p>Second paragraph.</p>"


def test_editorial_brackets_are_wrapped_in_an_editorial_span():
    html = str(render_inline("Wiring [sic] with brother"))
    assert (
        'Wiring <span class="editorial" title="Editorial insertion">[sic]</span> with'
        in html
    )


def test_a_marker_is_not_taken_for_an_editorial_bracket():
    html = str(render_inline("party.[^3]"))
    assert "editorial" not in html


def test_an_unmatched_bracket_is_left_alone():
    assert str(render_inline("Rabochii [The workerj, the first")) == (
        "Rabochii [The workerj, the first"
    )


def test_a_repeated_marker_gets_a_unique_id_across_the_parts_of_a_letter():
    html = render(
        "{% letter_inline dateline %}|{% letter_text body %}",
        dateline="7 June 1914[^1]",
        body="again[^1]",
    )
    assert 'id="noteref-1"' in html
    assert 'id="noteref-1-2"' in html
    assert html.count('href="#note-1"') == 2


def test_a_marker_without_a_note_does_not_link_to_nothing():
    html = render("{% letter_text body %}", body="a[^1] b[^7]", footnote_numbers=[1])
    assert 'href="#note-1"' in html
    assert 'href="#note-7"' not in html
    assert '\u2060<sup class="noteref noteref-orphan">7</sup>' in html


def test_note_paragraphs_keep_allowed_markup_drop_the_rest_and_split_paragraphs():
    html = render(
        "{{ text|note_paragraphs }}",
        text="One <em>x</em> & <blink onclick='y'>z</blink>.\n\nTwo.",
    )
    assert html == "<p>One <em>x</em> &amp; z.</p>\n<p>Two.</p>"


def test_without_markers_gives_plain_text():
    assert (
        render("{{ text|without_markers }}", text="liquidators[^2] go")
        == "liquidators go"
    )


def letter(**fields):
    defaults = {
        "date_start": None,
        "date_end": None,
        "date_julian": None,
        "date_precision": "day",
        "date_supplied": False,
        "date_as_written": "",
    }
    return Letter(**{**defaults, **fields})


def test_an_exact_day_is_a_time_element_with_its_old_style_day_beside_it():
    day = letter(
        date_start=dt.date(1914, 6, 7),
        date_end=dt.date(1914, 6, 7),
        date_julian=dt.date(1914, 5, 25),
    )
    assert str(gregorian_html(day)) == '<time datetime="1914-06-07">7 June 1914</time>'
    assert julian_text(day) == "25 May 1914"


def test_an_upper_bound_reads_before_on_both_calendars():
    bound = letter(
        date_end=dt.date(1914, 7, 25),
        date_precision="before",
        date_julian=dt.date(1914, 7, 12),
    )
    assert str(gregorian_html(bound)) == (
        'before <time datetime="1914-07-25">25 July 1914</time>'
    )
    assert julian_text(bound) == "before 12 July 1914"


def test_month_and_year_precision_use_partial_datetimes():
    month = letter(
        date_start=dt.date(1918, 5, 1),
        date_end=dt.date(1918, 5, 31),
        date_precision="month",
    )
    year = letter(
        date_start=dt.date(1918, 1, 1),
        date_end=dt.date(1918, 12, 31),
        date_precision="year",
    )
    assert str(gregorian_html(month)) == '<time datetime="1918-05">May 1918</time>'
    assert str(gregorian_html(year)) == '<time datetime="1918">1918</time>'


def test_an_undated_letter_says_so():
    assert gregorian_html(letter(date_precision="unknown")) == "undated"


@pytest.mark.parametrize("written", ["[3 (16) July 1914]", "3 (16) July 1914"])
def test_a_supplied_date_prints_in_brackets_marked_as_the_editors(written):
    html = render(
        "{% letter_date letter %}",
        letter=letter(
            date_as_written=written,
            date_supplied=True,
            date_start=dt.date(1914, 7, 16),
            date_end=dt.date(1914, 7, 16),
        ),
    )
    assert (
        '<span class="supplied" title="Date supplied by the editor">'
        "[3 (16) July 1914]</span>" in html
    )
    assert "date supplied by the editor" in html
    assert '<time datetime="1914-07-16">16 July 1914</time>' in html
