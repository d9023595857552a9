"""Which names are one person certainly (people.duplicates.name_key), which only
likely (likely_same), and the candidate duplicates editors are shown."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from people.duplicates import (
    candidate_duplicates,
    likely_same,
    name_key,
    possessor,
    relative_to,
)
from people.merging import merge_people
from people.models import Person
from tests.editing.helpers import make_editor
from tests.factories import make_person


@pytest.mark.parametrize(
    "a, b",
    [
        ("G. V. Chicherin", "G.V. Chicherin"),
        ("Lenin’s Mother", "Lenin's mother"),
        ("L.B.  Kamenev", "l. b. kamenev"),
    ],
)
def test_a_name_written_another_way_has_the_same_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Kamenev", "L.B. Kamenev"),
        ("G. Zinoviev", "G.Ye. Zinoviev"),
        ("G. Y. Zinoviev", "G.Ye. Zinoviev"),
        ("G. Zinoviev", "Grigory Zinoviev"),
        ("Ulyanova", "Maria Alexandrovna Ulyanova"),
    ],
)
def test_the_same_surname_with_agreeing_given_names_is_likely_the_same(a, b):
    assert likely_same(a, b) and likely_same(b, a)


@pytest.mark.parametrize(
    "a, b",
    [
        ("A. Smirnov", "Ivan Nikitich Smirnov"),  # the initials disagree
        ("L.B. Kamenev", "L. B. Kamenev"),  # the same name: certain, not likely
        ("Rodniki Executive Committee", "Executive Committee"),  # not a person
        ("Lenin’s Mother", "Mother"),  # a description
        ("Li", "A. Li"),  # a surname too short to tell
        ("Kamenev", "Kamenskaya"),
        ("Frederick Engels", "Friedrich Engels"),  # two full names: not guessed at
    ],
)
def test_names_that_are_not_likely_the_same(a, b):
    assert not likely_same(a, b)


def test_a_relative_is_read_as_the_owners():
    assert relative_to("His Mother", "Lenin") == "Lenin’s Mother"
    assert relative_to("her sister Anna", "Krupskaya") == "Krupskaya’s sister Anna"
    assert relative_to("His Mother", None) is None
    assert relative_to("Mother", "Lenin") is None
    assert possessor("Lenin’s Mother") == "Lenin"
    assert possessor("Maxim Gorky") is None


@pytest.mark.django_db
def test_candidate_duplicates_pair_people_once_by_any_of_their_names():
    kamenev = make_person("L.B. Kamenev", slug="kamenev")
    short = make_person("Kamenev", slug="kamenev-2")
    brother = make_person("Brother", variants=[("Rosenfeld", "full")])
    other = make_person("Rosenfeld")
    make_person("Ivan Nikitich Smirnov")
    make_person("A. Smirnov")
    found = candidate_duplicates(Person.objects.with_names())
    assert [(c.first, c.second) for c in found] == [(short, kamenev), (other, brother)]
    assert str(found[0]) == (
        "Kamenev (kamenev-2) may be L.B. Kamenev (kamenev): the same surname"
    )
    assert str(found[1]) == (
        f"Rosenfeld ({other.slug}) may be Brother ({brother.slug}): both go by "
        "“Rosenfeld”"
    )


@pytest.mark.django_db
def test_relatives_of_different_people_are_no_candidates():
    make_person("Lenin’s Mother", variants=[("His Mother", "short")])
    make_person("Krupskaya’s Mother", variants=[("His Mother", "short")])
    assert candidate_duplicates(Person.objects.with_names()) == []


@pytest.mark.django_db
def test_the_command_lists_the_candidates_and_changes_nothing():
    make_person("G.Ye. Zinoviev", slug="zinoviev")
    make_person("Zinoviev", slug="zinoviev-2")
    out = StringIO()
    call_command("candidate_duplicates", stdout=out)
    assert out.getvalue().splitlines() == [
        "Zinoviev (zinoviev-2) may be G.Ye. Zinoviev (zinoviev): the same surname",
        "1 candidate duplicate.",
    ]
    assert Person.objects.count() == 2


@pytest.mark.django_db
def test_an_editor_marks_a_candidate_as_different_people_and_it_is_listed_no_more(
    client,
):
    mother = make_person("Maria Alexandrovna Ulyanova", slug="mother")
    sister = make_person("Ulyanova", slug="ulyanova")
    kamenev = make_person("L.B. Kamenev", slug="kamenev")
    short = make_person("Kamenev", slug="kamenev-2")
    client.force_login(make_editor())
    changelist = reverse("admin:people_person_changelist")
    done = client.post(
        changelist,
        {"action": "mark_not_the_same", "_selected_action": [mother.pk, sister.pk]},
    )
    assert done.status_code == 302
    assert list(sister.not_the_same.all()) == [mother]
    assert [(c.first, c.second) for c in Person.objects.candidate_duplicates()] == [
        (short, kamenev)
    ]
    out = StringIO()
    call_command("candidate_duplicates", stdout=out)
    assert "Ulyanova" not in out.getvalue()
    listed = client.get(changelist, {"duplicate": "yes"}).context["cl"].result_list
    assert set(listed) == {kamenev, short}


@pytest.mark.django_db
def test_a_merge_keeps_the_marks_of_the_record_merged_away():
    kamenev = make_person("L.B. Kamenev", slug="kamenev")
    short = make_person("Kamenev", slug="kamenev-2")
    other = make_person("Kamenev", slug="another-kamenev")
    short.not_the_same.add(other)
    merge_people(kamenev, [short])
    assert list(kamenev.not_the_same.all()) == [other]
    assert Person.objects.candidate_duplicates() == []
