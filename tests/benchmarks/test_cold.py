"""The cold set's requests: drawn from a generated edition, every one a page the app
answers, with Datasette's equivalent where it has one."""

from io import StringIO

import pytest
from django.core.management import call_command

from benchmarks import cold
from benchmarks.scenarios import Browse
from correspondence.models import Letter
from places.models import Place

pytestmark = pytest.mark.django_db

OTHER_PAGES = ["place", "person-page", "place-page", "network", "network+years"]


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "edition.db"
    call_command(
        "generate_corpus",
        letters=400,
        seed=2,
        export_sqlite=str(path),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    return path


def test_the_new_kinds_are_distinct_pages_the_app_answers(export, client):
    name, (chosen,) = cold.make(export, seed=1, counts=[4], kinds=OTHER_PAGES)
    paths = [r.app_path() for kind in OTHER_PAGES for r in chosen[kind]]
    assert len(paths) == len(set(paths)) == 4 * len(OTHER_PAGES)
    for path in paths:
        assert client.get(path).status_code == 200, path
    assert all(r.app_path().startswith("/people/") for r in chosen["person-page"])
    assert all(r.app_path().startswith("/places/") for r in chosen["place-page"])
    for kind in ("network", "network+years"):
        for request in chosen[kind]:
            assert request.app_path().startswith("/network/?")
            assert request.datasette_path(name) is None  # the app's alone
    assert all("year_from=" in r.app_path() for r in chosen["network+years"])
    # Datasette's equivalent of a person's or place's page: its row page
    page = chosen["place-page"][0]
    assert page.datasette_path(name) == f"/{name}/places/{page.record[0]}"


def test_the_place_filter_counts_on_the_export_what_the_app_counts(export):
    corpus = cold.Corpus(export)
    for place in Place.objects.order_by("pk")[:20]:
        count, _ = corpus.count_and_after(Browse(place=(place.pk, place.slug)))
        assert count == Letter.objects.at_places([place.slug]).count()
