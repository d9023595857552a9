"""Editors, their clients, and the seed edition loaded as `make run` loads it."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from correspondence.importing.build import FIXTURE_FILES
from correspondence.models import Letter

from .helpers import make_editor

#: a seed letter with five notes, marked in its dateline and body
DOCUMENT_6 = "lenin-to-armand-1914-06-07"


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def other_editor_client(db):
    other = Client()
    other.force_login(make_editor("second-editor"))
    return other


@pytest.fixture
def edition(db):
    """The seed fixtures, loaded as `make run` loads them (raw saves, so no history;
    the search index is not built, these tests do not search)."""
    fixtures = Path(settings.BASE_DIR) / "fixtures"
    call_command("loaddata", *(fixtures / name for name in FIXTURE_FILES), verbosity=0)
    return Letter.objects.get(slug=DOCUMENT_6)
