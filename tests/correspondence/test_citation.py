"""Citations of the five seed letters: Chicago (notes) and BibTeX, with the permalink
and the access date, on the page and from correspondence/exports/citation.py."""

import datetime as dt
import html
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from correspondence.exports import citation
from correspondence.models import Letter
from tests.factories import make_letter, make_person

pytestmark = pytest.mark.django_db

ACCESSED = dt.date(2026, 11, 24)
SITE = "https://letters.example/letters"
PIPES = "The Unknown Lenin: From the Secret Archives, ed. Richard Pipes (1996)"
CW = (
    "Lenin, Collected Works, trans. Andrew Rothstein, vol. 35 "
    "(Moscow: Progress Publishers, 1976), 332"
)
EDITION = "Letters: A Digital Edition of Correspondence"

CHICAGO = {
    "lenin-to-armand-1914-06-07": (
        f"Lenin to Inessa Armand, 7 June 1914, in {PIPES}, 26; {EDITION}, "
        f"accessed November 24, 2026, {SITE}/lenin-to-armand-1914-06-07/."
    ),
    "lenin-to-armand-before-1914-07-06": (
        f"Lenin to Inessa Armand, before 6 July 1914, in {PIPES}, 27; "
        f"{EDITION}, accessed November 24, 2026, "
        f"{SITE}/lenin-to-armand-before-1914-07-06/."
    ),
    "lenin-to-armand-1914-07-16": (
        f"Lenin to Inessa Armand, 16 July 1914, in {PIPES}, 27; {EDITION}, "
        f"accessed November 24, 2026, {SITE}/lenin-to-armand-1914-07-16/."
    ),
    "lenin-to-armand-before-1914-07-25": (
        f"Lenin to Inessa Armand, before 25 July 1914, in {PIPES}, 27–30; "
        f"{EDITION}, accessed November 24, 2026, "
        f"{SITE}/lenin-to-armand-before-1914-07-25/."
    ),
    "lenin-to-shahumyan-1918-05-14": (
        f"Lenin to Shahumyan, 14 May 1918, in {CW}; {EDITION}, "
        f"accessed November 24, 2026, {SITE}/lenin-to-shahumyan-1918-05-14/."
    ),
}

BIBTEX_DOCUMENT_9 = """\
@misc{lenin-to-armand-before-1914-07-25,
  author       = {{Lenin}},
  title        = {{Lenin to Inessa Armand, before 25 July 1914}},
  year         = {1914},
  howpublished = {Letters: A Digital Edition of Correspondence},
  note         = {Printed in The Unknown Lenin: From the Secret Archives, ed. Richard \
Pipes (1996), 27--30. Accessed 2026-11-24},
  url          = {https://letters.example/letters/lenin-to-armand-before-1914-07-25/},
  urldate      = {2026-11-24},
}"""

BIBTEX_NOTES = {
    "lenin-to-armand-1914-06-07": f"Printed in {PIPES}, 26. Accessed 2026-11-24",
    "lenin-to-armand-before-1914-07-06": f"Printed in {PIPES}, 27. Accessed 2026-11-24",
    "lenin-to-armand-1914-07-16": f"Printed in {PIPES}, 27. Accessed 2026-11-24",
    "lenin-to-armand-before-1914-07-25": (
        f"Printed in {PIPES}, 27--30. Accessed 2026-11-24"
    ),
    "lenin-to-shahumyan-1918-05-14": f"Printed in {CW}. Accessed 2026-11-24",
}


@pytest.fixture
def edition():
    call_command("load_edition", stdout=StringIO())


def letter(slug):
    return Letter.objects.with_everything().get(slug=slug)


@pytest.mark.parametrize("slug", sorted(CHICAGO))
def test_chicago_citation_of_each_seed_letter(edition, slug):
    url = f"{SITE}/{slug}/"
    assert citation.chicago(letter(slug), url, ACCESSED) == CHICAGO[slug]


def test_chicago_html_italicises_the_titles(edition):
    slug = "lenin-to-shahumyan-1918-05-14"
    rendered = citation.chicago_html(letter(slug), f"{SITE}/{slug}/", ACCESSED)
    assert rendered.startswith(
        "Lenin to Shahumyan, 14 May 1918, in Lenin, "
        "<i>Collected Works</i>, trans. Andrew Rothstein, "
    )
    assert f"; <i>{EDITION}</i>, accessed November 24, 2026, " in rendered


def test_bibtex_of_document_9(edition):
    slug = "lenin-to-armand-before-1914-07-25"
    assert (
        citation.bibtex(letter(slug), f"{SITE}/{slug}/", ACCESSED) == BIBTEX_DOCUMENT_9
    )


@pytest.mark.parametrize("slug", sorted(BIBTEX_NOTES))
def test_bibtex_of_each_seed_letter(edition, slug):
    entry = citation.bibtex(letter(slug), f"{SITE}/{slug}/", ACCESSED)
    fields = dict(re.findall(r"^  (\w+) += \{(.*)\},$", entry, re.M))
    the_letter = letter(slug)
    assert entry.startswith(f"@misc{{{slug},\n") and entry.endswith("\n}")
    assert fields == {
        "author": "{Lenin}",
        "title": f"{{{the_letter.title}}}",
        "year": slug.split("-")[-3],
        "howpublished": EDITION,
        "note": BIBTEX_NOTES[slug],
        "url": f"{SITE}/{slug}/",
        "urldate": "2026-11-24",
    }
    assert entry.count("{") == entry.count("}")


def test_bibtex_escapes_what_tex_would_read_as_commands():
    first, second = make_person("A & B_C"), make_person("D {E}")
    odd = make_letter(
        senders=[first, second],
        recipients=[make_person("50% ~ #1 ^ \\x")],
        date=None,
        date_as_written="",
    )
    entry = citation.bibtex(
        Letter.objects.get(pk=odd.pk), "https://x.example/", ACCESSED
    )
    assert "author       = {{A \\& B\\_C} and {D \\{E\\}}}," in entry
    assert (
        "50\\% \\textasciitilde{} \\#1 \\textasciicircum{} \\textbackslash{}x, "
        "undated" in entry
    )
    assert "year" not in entry  # an undated letter has no year


@pytest.mark.parametrize("slug", sorted(CHICAGO))
def test_each_letter_page_offers_both_citations_with_permalink_and_access_date(
    client, edition, slug
):
    page = client.get(f"/letters/{slug}/").content.decode()
    today = timezone.localdate()
    permalink = f"http://testserver/letters/{slug}/"
    chicago = re.search(r'<p class="citation__text" id="cite-chicago">(.*?)</p>', page)
    text = html.unescape(re.sub(r"</?i>", "", chicago.group(1)))
    expected = CHICAGO[slug].replace(f"{SITE}/{slug}/", permalink)
    expected = expected.replace(
        "November 24, 2026", f"{today:%B} {today.day}, {today.year}"
    )
    assert text == expected
    bibtex = re.search(r'<pre class="citation__bibtex" id="cite-bibtex">(.*?)</pre>',
                       page, re.S).group(1)  # fmt: skip
    assert html.unescape(bibtex).startswith(f"@misc{{{slug},")
    assert f"url          = {{{permalink}}}," in bibtex
    assert f"urldate      = {{{today.isoformat()}}}," in bibtex
    assert f'Permalink: <a href="{permalink}">{permalink}</a>' in page
    assert f'Accessed <time datetime="{today.isoformat()}">' in page
