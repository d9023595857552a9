"""The search box says how long a search may be, and the chip of a quoted phrase shows
one pair of quotation marks."""

import pytest

from browse.search import MAX_QUERY_LENGTH

pytestmark = pytest.mark.django_db


def test_the_search_box_holds_at_most_what_a_search_may_be(client, edition):
    html = client.get("/letters/").content.decode()
    assert f'name="q" value="" maxlength="{MAX_QUERY_LENGTH}"' in html


def test_a_quoted_phrase_s_chip_has_one_pair_of_quotation_marks(client, edition):
    html = client.get("/letters/", {"q": '"Malinowsky"'}).content.decode()
    assert "Search: “Malinowsky”" in html
    assert "“&quot;" not in html and '“"' not in html


def test_the_page_title_says_what_is_shown(client, edition):
    def title(**params):
        html = client.get("/letters/", params).content.decode()
        return html.split("<title>")[1].split("</title>")[0]

    assert title() == "All letters · Letters"
    assert title(q='"Malinowsky"', correspondent="armand") == (
        "Letters with Search: “Malinowsky”; Correspondent: Inessa Armand · Letters"
    )
