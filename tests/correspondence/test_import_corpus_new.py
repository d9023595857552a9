"""The 104 pages of tests/data/corpus-new/ import into an empty edition: none is
refused by the parser or by the writer, the undated page comes in undated with the
report saying so, the bodies they write to are organisations, and a second import
changes nothing."""

from pathlib import Path

import pytest

from correspondence.importing.importer import letters_import
from correspondence.models import Letter
from people.models import Person

pytestmark = pytest.mark.django_db

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus-new"


def test_every_new_corpus_page_imports_and_a_second_import_changes_nothing():
    report = letters_import(paths=[CORPUS])
    assert [(f.path, f.error) for f in report.failed] == []
    pages = sorted(CORPUS.glob("*.txt"))
    assert {Path(f.path).name for f in report.files} == {p.name for p in pages}
    assert Letter.objects.count() >= len(pages)
    undated = Letter.objects.get(
        origin="044-1917-lenin-dear-friend-pravda-articles.txt#letter"
    )
    assert (undated.date_start, undated.date_end, undated.date_precision) == (
        None,
        None,
        "unknown",
    )
    (file,) = [
        f
        for f in report.files
        if f.path.endswith("044-1917-lenin-dear-friend-pravda-articles.txt")
    ]
    assert "no date on the page: imported as undated" in file.letters[0].notes
    organisations = Person.objects.filter(kind=Person.Kind.ORGANISATION)
    assert sorted(organisations.values_list("name", flat=True)) == [
        "Council of People’s Commissars",
        "Revolutionary Military Council of the 1st Cavalry Army",
    ]
    # a post in a body is a person's
    secretary = Person.objects.get(name="Secretary of the Edinburgh branch of the SDF")
    assert secretary.kind == Person.Kind.PERSON
    again = letters_import(paths=[CORPUS])
    assert again.failed == []
    assert again.unchanged == Letter.objects.count()
