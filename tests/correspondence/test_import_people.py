"""How the importer links the names a page gives to the people the edition has: the
same name written another way, relatives ("His Mother"), and candidate duplicates it
reports instead of merging."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from correspondence.importing.importer import letters_import
from correspondence.importing.people import People
from correspondence.importing.report import LetterResult
from correspondence.models import Letter
from people.models import Person
from tests.factories import make_person

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
#: a letter of Lenin's whose addressee is named in an address line
NATSARENUS = "c05-natsarenus-1918-07-07.txt"
#: Lenin "To: HIS MOTHER"
MOTHER = "001-1895-mother-salzburg.txt"
#: N. Krupskaya "To Lenin’s Mother And His Sister Anna"
RELATIVES = "c13-krupskaya-1913-01-03.txt"
#: Lenin's telegram to the "Rodniki Executive Committee", "Copy to the Cheka"
RODNIKI = "025-1918-telegram-rodniki-surkov-library.txt"


def page_to(tmp_path, addressee, name="page.txt"):
    """The Natsarenus letter addressed to ``addressee`` instead."""
    text = (CORPUS / NATSARENUS).read_text("utf-8")
    path = tmp_path / name
    path.write_text(
        text.replace("Natsarenus, Commissar", f"{addressee}, Commissar"), "utf-8"
    )
    return path


def recipient(path):
    return Letter.objects.get(origin=f"{path.name}#letter").recipients.get()


@pytest.mark.parametrize(
    "printed", ["G. V. Chicherin", "g.v. chicherin", "G.V.Chicherin"]
)
def test_a_name_written_with_other_spacing_or_case_links_the_person(tmp_path, printed):
    chicherin = make_person("G.V. Chicherin", slug="chicherin")
    make_person("Lenin", slug="lenin")
    report = letters_import(paths=[page_to(tmp_path, printed)])
    assert recipient(tmp_path / "page.txt") == chicherin
    assert report.people_added == 0 and report.candidates == []


def test_a_surname_alone_makes_a_record_reported_as_a_candidate_duplicate(tmp_path):
    zinoviev = make_person("G.Ye. Zinoviev", slug="zinoviev")
    make_person("Lenin", slug="lenin")
    report = letters_import(paths=[page_to(tmp_path, "Zinoviev")])
    added = recipient(tmp_path / "page.txt")
    assert added != zinoviev and added.name == "Zinoviev"
    expected = (
        "Zinoviev (zinoviev-2) may be G.Ye. Zinoviev (zinoviev): the same surname"
    )
    assert report.candidates == [expected]
    assert f"candidate duplicate: {expected}" in report.files[0].letters[0].notes
    assert "1 candidate duplicate to review" in report.summary()


def test_given_names_that_disagree_are_no_candidate(tmp_path):
    make_person("Ivan Nikitich Smirnov", slug="smirnov")
    make_person("Lenin", slug="lenin")
    report = letters_import(paths=[page_to(tmp_path, "A. Smirnov")])
    assert recipient(tmp_path / "page.txt").name == "A. Smirnov"
    assert report.candidates == []


def test_the_command_prints_the_candidates_each_file_reports(tmp_path):
    make_person("L.B. Kamenev", slug="kamenev")
    make_person("Lenin", slug="lenin")
    out = StringIO()
    call_command("import_documents", str(page_to(tmp_path, "Kamenev")), stdout=out)
    text = out.getvalue()
    assert (
        "note: candidate duplicate: Kamenev (kamenev-2) may be L.B. Kamenev (kamenev)"
        in text
    )
    assert "1 candidate duplicate to review with manage.py candidate_duplicates" in text


def test_a_relative_is_the_senders_and_keeps_the_pages_words(tmp_path):
    make_person("Lenin", slug="lenin")
    letters_import(paths=[CORPUS / MOTHER])
    mother = Letter.objects.get(origin=f"{MOTHER}#letter").recipients.get()
    assert (mother.name, mother.slug) == ("Lenin’s Mother", "lenins-mother")
    assert list(mother.names.values_list("name", "kind")) == [("His Mother", "short")]


def test_a_relative_after_a_possessive_is_of_the_person_it_names(tmp_path):
    make_person("Lenin", slug="lenin")
    report = letters_import(paths=[CORPUS / MOTHER, CORPUS / RELATIVES])
    letters = {
        letter.origin: list(letter.recipients.order_by("name"))
        for letter in Letter.objects.all()
    }
    (mother,) = letters[f"{MOTHER}#letter"]
    assert [p.name for p in letters[f"{RELATIVES}#letter"]] == [
        "Lenin’s Mother",
        "Lenin’s Sister Anna",
    ]
    assert letters[f"{RELATIVES}#letter"][0] == mother
    assert report.candidates == []


def test_the_same_relative_of_two_senders_is_two_people(tmp_path):
    make_person("Lenin", slug="lenin")
    other = tmp_path / "krupskaya.txt"
    other.write_text(
        (CORPUS / MOTHER)
        .read_text("utf-8")
        .replace("V. I.   Lenin", "N. Krupskaya", 1),
        "utf-8",
    )
    report = letters_import(paths=[CORPUS / MOTHER, other])
    names = sorted(Person.objects.exclude(slug="lenin").values_list("name", flat=True))
    assert names == ["Lenin’s Mother", "N. Krupskaya", "N. Krupskaya’s Mother"]
    assert report.candidates == []


def test_a_re_import_finds_the_relative_it_created(tmp_path):
    make_person("Lenin", slug="lenin")
    letters_import(paths=[CORPUS / MOTHER])
    again = letters_import(paths=[CORPUS / MOTHER])
    assert (again.unchanged, again.people_added) == (1, 0)


def test_a_relative_whose_owner_is_unknown_is_one_record_however_often_named():
    created = []
    first = People().resolve("His Mother", LetterResult("", "", 1), created)
    again = People().resolve("his mother", LetterResult("", "", 1), created)
    assert again == first and created == [first]
    assert first.name == "His Mother" and not first.names.exists()
    # a letter that says whose mother she is does not take her
    lenins = People().resolve("His Mother", LetterResult("", "", 1), created, None,
                              owner="Lenin")  # fmt: skip
    assert lenins != first and lenins.name == "Lenin’s Mother"


def test_a_telegram_to_an_executive_committee_and_the_cheka_adds_two_organisations():
    make_person("Lenin", slug="lenin")
    report = letters_import(paths=[CORPUS / RODNIKI])
    letter = Letter.objects.get(origin=f"{RODNIKI}#letter")
    assert sorted((p.name, p.kind) for p in letter.recipients.all()) == [
        ("Cheka", "organisation"),
        ("Rodniki Executive Committee", "organisation"),
    ]
    assert report.files[0].people_added == [
        "Rodniki Executive Committee (rodniki-executive-committee, organisation)",
        "Cheka (cheka, organisation)",
    ]


def addressed_to(tmp_path, committee, copy_to):
    """The Rodniki telegram addressed to ``committee``, with a copy to ``copy_to``."""
    text = (CORPUS / RODNIKI).read_text("utf-8")
    path = tmp_path / "telegram.txt"
    path.write_text(
        text.replace("Rodniki Executive Committee", committee).replace(
            "Copy to the Cheka", f"Copy to the {copy_to}"
        ),
        "utf-8",
    )
    return path


def test_names_that_are_plainly_a_body_s_make_organisations(tmp_path):
    make_person("Lenin", slug="lenin")
    letters_import(
        paths=[addressed_to(tmp_path, "Presidium of the Kursk Soviet", "Gubcheka")]
    )
    recipients = Letter.objects.get(origin="telegram.txt#letter").recipients.all()
    assert sorted((p.name, p.kind) for p in recipients) == [
        ("Gubcheka", "organisation"),
        ("Presidium of the Kursk Soviet", "organisation"),
    ]


def test_a_new_person_s_record_stays_a_person(tmp_path):
    make_person("Lenin", slug="lenin")
    letters_import(paths=[page_to(tmp_path, "Zinoviev")])
    assert recipient(tmp_path / "page.txt").kind == "person"


def test_an_editors_kind_for_a_known_name_is_kept(tmp_path):
    """The rule names only new records: an existing one keeps what an editor chose."""
    make_person("Lenin", slug="lenin")
    soviet = make_person("Kursk Soviet", slug="kursk-soviet")
    report = letters_import(paths=[addressed_to(tmp_path, "Kursk Soviet", "Cheka")])
    letter = Letter.objects.get(origin="telegram.txt#letter")
    assert soviet in letter.recipients.all()
    soviet.refresh_from_db()
    assert soviet.kind == "person"
    assert report.files[0].people_added == ["Cheka (cheka, organisation)"]
