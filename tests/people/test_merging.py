"""Merging two records of one person (people/merging.py and the admin action)."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from browse.search import search_letters
from correspondence.models import Letter
from correspondence.search_index import rebuild_index
from people.merging import MERGED_INTO, MergeConflict, merge_people
from people.models import Person, PersonName
from tests.editing.helpers import make_editor
from tests.factories import make_letter, make_person

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:people_person_changelist")


@pytest.fixture
def mother():
    """One woman as two imported pages name her, and the letters that do."""
    maria = make_person(
        "Maria Alexandrovna Ulyanova",
        slug="ulyanova",
        variants=[("M.A. Ulyanova", PersonName.Kind.SHORT)],
    )
    his_mother = make_person(
        "His Mother",
        slug="his-mother",
        life_dates="1835-1916",
        note="Lenin's mother.",
        variants=[("M.A. Ulyanova", PersonName.Kind.SHORT), ("Mama", "short")],
    )
    lenin = make_person("Lenin", slug="lenin")
    letters = {
        "to_maria": make_letter(senders=[lenin], recipients=[maria]),
        "to_mother": make_letter(
            senders=[lenin], recipients=[his_mother], body="Dear Mama, greetings."
        ),
        "both": make_letter(senders=[lenin], recipients=[maria, his_mother]),
        "mentions": make_letter(senders=[lenin], mentions=[his_mother]),
    }
    rebuild_index()
    return maria, his_mother, letters


def slugs(people):
    return sorted(p.slug for p in people.all())


def test_the_letters_names_and_facts_of_the_merged_record_pass_to_the_one_kept(
    mother,
):
    maria, his_mother, letters = mother
    assert merge_people(maria, [his_mother]) == 3  # the letters naming "His Mother"
    assert not Person.objects.filter(slug="his-mother").exists()
    for key in ("to_maria", "to_mother", "both"):
        assert slugs(letters[key].recipients) == ["ulyanova"]  # "both": once
    assert slugs(letters["mentions"].mentions) == ["ulyanova"]
    maria.refresh_from_db()
    names = {(n.name, n.kind) for n in maria.names.all()}
    assert names == {
        ("M.A. Ulyanova", "short"),
        ("Mama", "short"),
        ("His Mother", "spelling"),
    }
    # what Maria's record lacked comes from the other; nothing is invented
    assert (maria.life_dates, maria.note) == ("1835-1916", "Lenin's mother.")


def test_different_facts_are_refused_and_nothing_changes(mother):
    maria, his_mother, letters = mother
    maria.life_dates = "1835-1917"
    maria.save()
    with pytest.raises(MergeConflict, match="1835-1917.*1835-1916"):
        merge_people(maria, [his_mother])
    assert Person.objects.filter(slug="his-mother").exists()
    assert slugs(letters["to_mother"].recipients) == ["his-mother"]


def test_a_person_and_an_organisation_are_not_merged(mother):
    maria, _his_mother, _letters = mother
    committee = make_person("Simbirsk Committee", kind=Person.Kind.ORGANISATION)
    with pytest.raises(MergeConflict, match="Simbirsk Committee: organisation"):
        merge_people(maria, [committee])
    assert Person.objects.filter(pk=committee.pk).exists()


def test_searches_history_and_old_urls_follow_the_merge(client, mother):
    maria, his_mother, letters = mother
    merge_people(maria, [his_mother])
    # the search index names her by every name now, in all four letters
    found = client.get("/api/letters/", {"q": '"His Mother"'}).json()["results"]
    assert {r["slug"] for r in found} == {letter.slug for letter in letters.values()}
    # her letters' history records the change; the deleted record says where it went
    latest = letters["to_mother"].history.latest()
    assert [p.person_id for p in latest.recipients.all()] == [maria.pk]
    gone = Person.history.get(slug="his-mother", history_type="-")
    assert gone.history_change_reason == MERGED_INTO.format(pk=maria.pk)
    # her old page and API address lead to the person kept, after a later rename too
    assert client.get("/people/his-mother/")["Location"] == "/people/ulyanova/"
    maria.slug = "maria-ulyanova"
    maria.save()
    assert client.get("/people/his-mother/")["Location"] == "/people/maria-ulyanova/"
    assert client.get("/api/people/his-mother/").status_code == 301


def test_a_record_merged_twice_leads_to_the_last_one_kept(client, mother):
    maria, his_mother, _letters = mother
    merge_people(maria, [his_mother])
    mother_again = make_person("Mother of Lenin", slug="mother-of-lenin")
    merge_people(mother_again, [Person.objects.get(slug="ulyanova")])
    assert client.get("/people/his-mother/")["Location"] == "/people/mother-of-lenin/"


def test_the_admin_action_asks_whom_to_keep_then_merges(client, mother):
    maria, his_mother, letters = mother
    client.force_login(User.objects.create_superuser("chief", "", "x"))
    chosen = {"action": "merge_selected", "_selected_action": [maria.pk, his_mother.pk]}
    page = client.post(CHANGELIST, chosen)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Merge people" in html and "His Mother" in html and "Ulyanova" in html
    # by default the record most letters name is kept
    assert page.context["form"]["keep"].initial == his_mother.pk
    done = client.post(
        CHANGELIST, {**chosen, "merge": "Merge", "keep": maria.pk, "kind": "full"}
    )
    assert done.status_code == 302
    assert list(Person.objects.filter(pk__in=[maria.pk, his_mother.pk])) == [maria]
    assert maria.names.get(name="His Mother").kind == "full"
    assert slugs(letters["to_mother"].recipients) == ["ulyanova"]


def test_the_admin_shows_a_conflict_instead_of_merging(client, mother):
    maria, his_mother, _letters = mother
    maria.life_dates = "1835-1917"
    maria.save()
    client.force_login(User.objects.create_superuser("chief", "", "x"))
    chosen = {"action": "merge_selected", "_selected_action": [maria.pk, his_mother.pk]}
    page = client.post(CHANGELIST, {**chosen, "merge": "Merge", "keep": maria.pk})
    assert page.status_code == 200
    assert "The life dates differ" in page.content.decode()
    assert Person.objects.filter(pk=his_mother.pk).exists()


def test_editors_who_may_not_delete_people_are_not_offered_the_merge(client, mother):
    maria, his_mother, _letters = mother
    client.force_login(make_editor())
    changelist = client.get(CHANGELIST)
    assert changelist.status_code == 200
    assert "merge_selected" not in changelist.content.decode()
    client.post(
        CHANGELIST,
        {"action": "merge_selected", "_selected_action": [maria.pk, his_mother.pk]},
    )
    assert Person.objects.filter(pk=his_mother.pk).exists()
    assert Letter.objects.filter(recipients=his_mother).exists()


def test_a_merge_keeps_each_link_s_role_and_place_in_the_document_s_order():
    """Issue 16: "Copy to the Cheka" stays a copy when the Cheka's two records
    become one, and keeps its place after the addressees."""
    cheka, vcheka = make_person("Cheka", slug="cheka"), make_person("VChK", slug="vchk")
    stalin, lenin = make_person("Stalin", slug="stalin"), make_person("Lenin")
    letter = make_letter(
        senders=[lenin], recipients=[stalin, (vcheka, "copy_to")], body="To the VChK."
    )
    both = make_letter(senders=[lenin], recipients=[cheka, (vcheka, "copy_to")])
    rebuild_index()
    assert list(search_letters("Stalin Cheka")) == []
    merge_people(cheka, [vcheka])
    assert [(link.person.slug, link.role) for link in letter.recipient_list] == [
        ("stalin", "recipient"),
        ("cheka", "copy_to"),
    ]
    # on a letter naming both, the record kept stands as it stood
    assert [(link.person.slug, link.role) for link in both.recipient_list] == [
        ("cheka", "recipient")
    ]
    # the search index follows the moved links
    assert [hit.pk for hit in search_letters("Stalin Cheka")] == [letter.pk]
