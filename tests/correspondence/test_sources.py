"""The sources page (/sources/, /sources/<key>/) and merging two records of one source
(correspondence/merging.py and the admin action)."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from correspondence.merging import MERGED_INTO, MergeConflict, merge_sources
from correspondence.models import LetterSource, Source
from tests.editing.helpers import make_editor
from tests.factories import make_letter, make_source

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:correspondence_source_changelist")
EDITION, TRANSCRIPTION = LetterSource.Role.EDITION, LetterSource.Role.TRANSCRIPTION


@pytest.fixture
def works():
    """Volume 35 of the Collected Works recorded twice, and the letters citing each."""
    full = make_source(
        "Collected Works",
        key="lenin-1976-collected-works-35",
        author="V.I. Lenin",
        volume="35",
        year="1976",
    )
    short = make_source(
        "Collected Works",
        key="lenin-collected-works-35",
        author="V.I. Lenin",
        volume="35",
        publisher="Progress Publishers",
        place="Moscow",
    )
    letters = {
        "full": make_letter(slug="to-gorky", sources=[(full, EDITION, "100")]),
        "short": make_letter(slug="to-kamenev", sources=[(short, EDITION, "200")]),
        "both": make_letter(
            slug="to-armand", sources=[(full, EDITION, ""), (short, EDITION, "300")]
        ),
    }
    return full, short, letters


def test_the_sources_page_lists_every_source_with_its_letters(client, works):
    full, short, letters = works
    for n in range(25):  # more than the home page lists
        make_source(f"Periodical {n:02}", key=f"periodical-{n:02}")
    html = client.get("/sources/").content.decode()
    assert html.count("<li><cite>Periodical") == 25
    assert f'<a href="/sources/{full.key}/">2 letters</a>' in html
    assert '<a href="/sources/periodical-00/">0 letters</a>' in html
    assert 'href="/sources/"' in client.get("/").content.decode()
    page = client.get(f"/sources/{short.key}/")
    assert [letter.slug for letter in page.context["letters"]] == [
        "to-armand",
        "to-kamenev",
    ]
    assert "Progress Publishers, Moscow" in page.content.decode()
    assert client.get("/sources/no-such-source/").status_code == 404


def test_a_merge_moves_the_letters_links_and_fills_what_the_kept_record_lacks(works):
    full, short, letters = works
    short_pk = short.pk  # a deleted record forgets its pk
    assert merge_sources(full, [short]) == 2
    full.refresh_from_db()
    assert (full.publisher, full.place, full.year) == (
        "Progress Publishers",
        "Moscow",
        "1976",
    )
    assert not Source.objects.filter(pk=short_pk).exists()
    links = LetterSource.objects.filter(source=full)
    assert sorted((link.letter.slug, link.pages) for link in links) == [
        ("to-armand", "300"),  # one link, the pages it lacked taken from the other
        ("to-gorky", "100"),
        ("to-kamenev", "200"),
    ]
    deletion = Source.history.filter(id=short_pk, history_type="-").get()
    assert deletion.history_change_reason == MERGED_INTO.format(pk=full.pk)
    # the links as they were are in their history, to see and undo the merge
    moved = LetterSource.history.filter(letter=letters["short"]).order_by("history_id")
    assert [row.source_id for row in moved] == [short_pk, full.pk]


def test_the_page_of_a_merged_source_leads_to_the_one_kept(client, works):
    full, short, _letters = works
    merge_sources(full, [short])
    response = client.get(f"/sources/{short.key}/")
    assert (
        response.status_code == 301 and response["Location"] == f"/sources/{full.key}/"
    )


def test_two_volumes_are_two_publications_and_are_not_merged(works):
    full, short, _letters = works
    short.volume = "36"
    short.save()
    with pytest.raises(MergeConflict, match="The volumes differ"):
        merge_sources(full, [short])
    assert Source.objects.filter(pk=short.pk).exists()
    assert LetterSource.objects.filter(source=short).count() == 2


def test_the_admin_action_asks_which_to_keep_then_merges(client, works):
    full, short, letters = works
    editor = User.objects.create_superuser("chief", "", "x")
    client.force_login(editor)
    chosen = {"action": "merge_selected", "_selected_action": [full.pk, short.pk]}
    page = client.post(CHANGELIST, chosen)
    assert page.status_code == 200
    assert "Merge sources" in page.content.decode()
    assert page.context["form"]["keep"].initial == full.pk  # most letters
    done = client.post(CHANGELIST, {**chosen, "merge": "Merge", "keep": short.pk})
    assert done.status_code == 302
    assert list(Source.objects.filter(pk__in=[full.pk, short.pk])) == [short]
    assert LetterSource.objects.get(letter=letters["full"]).source == short
    deletion = Source.history.filter(id=full.pk, history_type="-").get()
    assert deletion.history_user == editor


def test_editors_who_may_not_delete_sources_are_not_offered_the_merge(client, works):
    full, short, _letters = works
    client.force_login(make_editor())
    assert "merge_selected" not in client.get(CHANGELIST).content.decode()
    client.post(
        CHANGELIST,
        {"action": "merge_selected", "_selected_action": [full.pk, short.pk]},
    )
    assert Source.objects.filter(pk=short.pk).exists()
