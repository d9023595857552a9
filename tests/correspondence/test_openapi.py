"""The JSON API against its own OpenAPI document, on a live server, with schemathesis.

Why django-ninja (chosen with the API, see correspondence/api_urls.py): the answers are
typed pydantic schemas, so the OpenAPI 3 document at /api/openapi.json is derived from
the same classes that shape the responses, and it is Django-native (plain views, URL
patterns and the ORM; no second framework of serializers and viewsets to keep in step).

The run: schemathesis's CLI (pinned in pyproject's test extras) in a subprocess against
pytest-django's ``live_server`` holding the five seed letters; every phase (examples,
coverage, fuzzing, stateful), every check except ``positive_data_acceptance``:

- ``not_a_server_error``: no 500s;
- ``status_code_conformance``, ``content_type_conformance``,
  ``response_headers_conformance``, ``response_schema_conformance``: every response
  is one the document declares, shaped as declared;
- ``negative_data_rejection``: invalid parameters get a 4xx.

``positive_data_acceptance`` is left out on purpose: it expects every schema-valid
request to succeed, but a page past the last ("?page=2" of a one-page list) is valid
by the schema and answered with the declared 400 ``{"detail": ...}`` (the API's
contract; the data, not the schema, decides how many pages there are).

A fixed seed keeps runs reproducible; SCHEMATHESIS_SEED=random explores anew.
"""

import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

SEED = os.environ.get("SCHEMATHESIS_SEED", "20261124")
MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25")


def schemathesis_cli():
    script = Path(sys.executable).with_name("st")
    if script.exists():
        return [str(script)]
    found = shutil.which("st")
    if found is None:
        pytest.fail("schemathesis is not installed: pip install -e '.[test]'")
    return [found]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_api_keeps_to_its_openapi_document(live_server, tmp_path):
    call_command("load_edition", stdout=StringIO())
    command = [
        *schemathesis_cli(),
        "run",
        f"{live_server.url}/api/openapi.json",
        "--checks=all",
        "--exclude-checks=positive_data_acceptance",
        f"--max-examples={MAX_EXAMPLES}",
        "--workers=1",  # the live server is a single thread
        "--request-timeout=10",
        "--generation-database=none",
        "--no-color",
        f"--report-dir={tmp_path}",
    ]
    if SEED != "random":
        command.append(f"--seed={SEED}")
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=240, cwd=tmp_path
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Tested: 9" in output, output  # every operation of the document was run


def test_the_openapi_document_describes_every_endpoint(client):
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/letters/",
        "/api/letters/{slug}/",
        "/api/letters/{slug}/neighbours/",
        "/api/people/",
        "/api/people/{slug}/",
        "/api/places/",
        "/api/places/{slug}/",
        "/api/topics/",
        "/api/topics/{slug}/",
    }
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html and "cdn.jsdelivr" not in html and "unpkg" not in html


def test_the_docs_page_is_in_english_and_leads_back_to_the_site(client):
    html = client.get("/api/docs").content.decode()
    assert '<html lang="en">' in html
    assert '<a href="/">Letters</a>' in html
    assert '<a href="/letters/">Browse the letters</a>' in html
    assert '<a href="/api/openapi.json">' in html
