"""The importer's rules for names that are plainly an organisation's
(people/organisations.py), each on made-up names, none from a page of the corpus."""

import pytest

from people.organisations import is_organisation_name


@pytest.mark.parametrize(
    "name",
    [
        "Kostroma Executive Committee",
        "the Regional Food Commission",
        "Tambov Gubernia Soviet",
        "Editorial Board",
        "Railway Workers’ Union",
    ],
)
def test_a_name_ending_in_a_word_for_a_body_is_an_organisation(name):
    assert is_organisation_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "Presidium of the Kursk Soviet",
        "Board of the Moscow Consumers’ Society",
        "Committee for the Relief of the Famine",
        "Military Council of the 3rd Army",
    ],
)
def test_a_body_qualified_by_what_it_is_of_or_for_is_an_organisation(name):
    assert is_organisation_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "Secretary of the Perm branch of the ILP",
        "Chairman of the Vyatka Executive Committee",
        "Petrov, Member of the Military Council",
        "I. I. Sidorov, Regional Board of the Forestry Department",
    ],
)
def test_a_person_named_by_their_post_in_a_body_stays_a_person(name):
    assert not is_organisation_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "the comrades in Omsk",
        "Comrades at the Putilov Works",
        "Members of the Presidium",
        "The Editors",
        "All Uyezd Executive Committees",
    ],
)
def test_a_group_addressed_as_one_is_an_organisation(name):
    assert is_organisation_name(name)


@pytest.mark.parametrize(
    "name", ["Cheka", "the Cheka", "Sovnarkom", "Comintern", "V.Ch.K.", "R.S.D.L.P."]
)
def test_a_body_known_by_its_own_word_or_acronym_is_an_organisation(name):
    assert is_organisation_name(name)


@pytest.mark.parametrize(
    "name", ["Parteivorstand der Sozialdemokratie", "Comité central du parti"]
)
def test_a_body_named_in_german_or_french_is_an_organisation(name):
    assert is_organisation_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "Lenin",
        "G. Y. Zinoviev",
        "W.L.",
        "K. M.",
        "Lenin’s Sister Maria",
        "His Mother",
        "Comrade Petrov",
        "Ivan Partyev",
        "",
    ],
)
def test_people_s_names_initials_and_relatives_are_no_organisations(name):
    assert not is_organisation_name(name)
