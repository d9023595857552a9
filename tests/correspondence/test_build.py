"""The fixture build: deterministic, faithful to the documents, loadable twice."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from correspondence.importing.build import (
    FIXTURE_FILES,
    BuildError,
    PeopleRegister,
    PersonEntry,
    build_edition,
)
from correspondence.models import Footnote, Letter
from people.models import Person

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
DOCUMENTS = FIXTURES / "documents"
EDITORIAL = FIXTURES / "editorial"


@pytest.fixture(scope="module")
def built():
    return {
        name: json.loads(text)
        for name, text in build_edition(DOCUMENTS, EDITORIAL).items()
    }


def objects(built, model):
    return [
        o["fields"]
        for name in FIXTURE_FILES
        for o in built[name]
        if o["model"] == model
    ]


def letter(built, slug):
    return next(f for f in objects(built, "correspondence.letter") if f["slug"] == slug)


def test_two_builds_are_byte_identical():
    assert build_edition(DOCUMENTS, EDITORIAL) == build_edition(DOCUMENTS, EDITORIAL)


def test_the_committed_fixtures_are_up_to_date():
    call_command("build_fixtures", "--check", stdout=StringIO())


def test_the_check_fails_when_a_fixture_is_stale(tmp_path):
    for name in FIXTURE_FILES:
        (tmp_path / name).write_text((FIXTURES / name).read_text())
    (tmp_path / "letters.json").write_text("[]\n")
    with pytest.raises(CommandError, match="letters.json"):
        call_command(
            "build_fixtures", "--check", "--output", tmp_path, stdout=StringIO()
        )


def test_the_seeds_give_five_letters_with_stable_slugs(built):
    slugs = [f["slug"] for f in objects(built, "correspondence.letter")]
    assert slugs == [
        "lenin-to-armand-1914-06-07",
        "lenin-to-armand-before-1914-07-06",
        "lenin-to-armand-1914-07-16",
        "lenin-to-armand-before-1914-07-25",
        "lenin-to-shahumyan-1918-05-14",
    ]


def test_footnotes_belong_to_their_letters(built):
    counts = {}
    for note in objects(built, "correspondence.footnote"):
        counts[note["letter"][0]] = counts.get(note["letter"][0], 0) + 1
    assert [
        counts.get(f["slug"], 0) for f in objects(built, "correspondence.letter")
    ] == [
        5,
        0,
        1,
        6,
        1,
    ]


def test_people_are_identified_through_the_notes(built):
    assert letter(built, "lenin-to-armand-1914-06-07")["mentions"] == [
        ["ganetsky"],
        ["kamenev"],
        ["malinovsky"],
        ["zinoviev"],
    ]
    assert letter(built, "lenin-to-armand-before-1914-07-25")["mentions"] == [
        ["berzin"],
        ["kamenev"],
        ["malinovsky"],
        ["plekhanov"],
        ["troianovsky"],
    ]
    assert [
        (link["person"], link["role"], link["position"])
        for link in objects(built, "correspondence.letterrecipient")
        if link["letter"] == ["lenin-to-shahumyan-1918-05-14"]
    ] == [(["shahumyan"], "recipient", 0)]


def test_every_name_and_life_date_in_the_register_is_in_a_document(built):
    corpus = "\n".join(p.read_text(encoding="utf-8") for p in DOCUMENTS.glob("*.txt"))
    for person in objects(built, "people.person"):
        assert person["name"] in corpus, person["name"]
        assert person["life_dates"] in corpus, person["life_dates"]
    for name in objects(built, "people.personname"):
        assert name["name"] in corpus, name["name"]


def test_sources_are_shared_and_pages_belong_to_the_letter(built):
    pipes = [
        ls
        for ls in objects(built, "correspondence.lettersource")
        if ls["role"] == "edition" and ls["source"][0].startswith("richard-pipes")
    ]
    assert len({ls["source"][0] for ls in pipes}) == 1
    assert [ls["pages"] for ls in pipes] == ["26", "27", "27", "27-30"]


def test_a_name_no_one_has_creates_a_person_with_only_that_name():
    register = PeopleRegister([PersonEntry(slug="lenin", name="Lenin")])
    assert register.resolve("lenin").slug == "lenin"
    newcomer = register.resolve("Maxim Gorky")
    assert (newcomer.slug, newcomer.name, newcomer.life_dates) == (
        "maxim-gorky",
        "Maxim Gorky",
        "",
    )
    assert register.resolve("Maxim Gorky") is newcomer


def test_a_name_the_documents_add_that_is_plainly_a_body_s_is_an_organisation():
    register = PeopleRegister([PersonEntry(slug="lenin", name="Lenin")])
    assert register.resolve("Vologda Executive Committee").kind == "organisation"
    assert register.resolve("Maxim Gorky").kind == "person"


def write_register(tmp_path, entry):
    (tmp_path / "people.toml").write_text(
        (EDITORIAL / "people.toml").read_text() + entry, encoding="utf-8"
    )
    (tmp_path / "topics.toml").write_text((EDITORIAL / "topics.toml").read_text())


def test_the_register_states_an_organisation_and_the_fixtures_carry_it(tmp_path):
    write_register(
        tmp_path,
        '\n[[person]]\nslug = "editors"\nname = "Editors"\nkind = "organisation"\n',
    )
    people = {
        o["fields"]["slug"]: o["fields"]
        for o in json.loads(build_edition(DOCUMENTS, tmp_path)["people.json"])
        if o["model"] == "people.person"
    }
    assert people["editors"]["kind"] == "organisation"
    assert people["lenin"]["kind"] == "person"  # no kind in the register: a person


def test_a_kind_the_register_misspells_fails_the_build(tmp_path):
    write_register(
        tmp_path, '\n[[person]]\nslug = "cheka"\nname = "Cheka"\nkind = "body"\n'
    )
    with pytest.raises(BuildError, match="person 'cheka' has kind 'body'"):
        build_edition(DOCUMENTS, tmp_path)


def test_a_topic_naming_an_unknown_letter_fails_the_build(tmp_path):
    (tmp_path / "people.toml").write_text((EDITORIAL / "people.toml").read_text())
    (tmp_path / "topics.toml").write_text(
        '[[topic]]\nslug = "x"\nname = "X"\nletters = ["no-such-letter"]\n'
    )
    with pytest.raises(BuildError, match="no-such-letter"):
        build_edition(DOCUMENTS, tmp_path)


def test_a_document_that_cannot_be_read_fails_the_build_naming_the_file(tmp_path):
    (tmp_path / "broken.txt").write_text("Nothing here looks like a letter.\n")
    with pytest.raises(BuildError, match="broken.txt:"):
        build_edition(tmp_path, EDITORIAL)


@pytest.mark.django_db
def test_loading_the_edition_twice_changes_nothing():
    call_command("load_edition", stdout=StringIO())
    call_command("load_edition", "--force", stdout=StringIO())
    assert Letter.objects.count() == 5
    assert Footnote.objects.count() == 13
    assert Person.objects.count() == 10


@pytest.mark.django_db
def test_loading_over_an_edited_edition_keeps_the_editors_changes():
    call_command("load_edition", stdout=StringIO())
    Footnote.objects.filter(number=3, letter__slug="lenin-to-armand-1914-06-07").update(
        text="L.B. Kamenev (corrected)."
    )
    out = StringIO()
    call_command("load_edition", stdout=out)
    assert "already loaded (5 letters)" in out.getvalue()
    assert Footnote.objects.get(
        number=3, letter__slug="lenin-to-armand-1914-06-07"
    ).text == ("L.B. Kamenev (corrected).")
