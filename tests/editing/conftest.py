"""Editors, their clients, and the seed edition loaded as `make run` loads it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

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
    """The seed edition as `make run` loads it: raw fixture saves, so no history."""
    call_command("load_edition", verbosity=0, stdout=StringIO())
    return Letter.objects.get(slug=DOCUMENT_6)
