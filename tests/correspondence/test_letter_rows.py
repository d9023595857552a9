"""A letter as a row of a list (correspondence/templatetags/letter_rows.py)."""

from django.template import Context, Template
from django.utils.safestring import mark_safe

from correspondence.templatetags.letter_rows import letter_row
from tests.factories import make_letter, make_person


def test_a_row_links_its_title_and_says_date_place_excerpt_and_notes(db):
    letter = make_letter(
        senders=[make_person("Lenin <V.I.>")],
        recipients=[make_person("Inessa Armand")],
        place_sent="Cracow <Kraków> & Co",
        excerpt=True,
        heading="To: I. F. ARMAND[^1]",
        footnotes=["one", "two"],
    )
    letter.footnote_count = 2
    html = letter_row(Context(), letter)
    assert f'<h2 class="letter-row__title"><a href="/letters/{letter.slug}/">' in html
    assert "Lenin &lt;V.I.&gt; to Inessa Armand" in html  # names escaped
    assert '<time datetime="1914-06-07">' in html
    assert "<span>from Cracow &lt;Kraków&gt; &amp; Co</span>" in html
    assert '<span class="badge">Excerpt</span>' in html
    assert '<span class="letter-row__notes">2 notes</span>' in html
    # the heading's marker a superscript, not a link to a note not on this page
    assert 'To: I. F. ARMAND\u2060<sup class="noteref">1</sup>' in html
    assert "letter-row__snippet" not in html


def test_a_row_under_a_heading_and_with_a_search_snippet(db):
    letter = make_letter(heading="")
    letter.snippet = mark_safe("the <mark>liquidators</mark>")  # as snippets_for gives
    html = letter_row(Context(), letter, level=3)
    assert html.startswith('<li class="letter-row">\n  <h3 class="letter-row__title">')
    assert '<p class="letter-row__snippet">the <mark>liquidators</mark></p>' in html
    assert "letter-row__heading" not in html and "letter-row__notes" not in html


def test_rows_of_one_page_each_link_their_own_letter(db):
    letters = [make_letter() for _ in range(3)]
    html = Template(
        "{% load letter_rows %}{% for l in letters %}{% letter_row l %}{% endfor %}"
    ).render(Context({"letters": letters}))
    links = [f'<a href="{letter.get_absolute_url()}">' for letter in letters]
    assert all(html.count(link) == 1 for link in links)
