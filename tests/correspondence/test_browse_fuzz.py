"""Arbitrary strings in every parameter of /letters/, /api/letters/ and a facet's
/facets/ page: never a 500.

Hypothesis draws reader-like values (slugs, years, query syntax) and anything at all
(control characters, NUL, other scripts, very long strings), alone and all together,
on the seed edition. Runs on SQLite and on PostgreSQL like the rest of the suite.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browse.links import PARAMS

pytestmark = pytest.mark.usefixtures("edition_for_module")

EVERY_PARAMETER = (*PARAMS, "page", "within", "order")
URLS = ["/letters/", "/api/letters/", "/facets/correspondent/"]

#: values that reach deeper paths than random text (valid slugs and years, syntax)
MEANINGFUL = st.sampled_from(
    [
        "armand",
        "lenin",
        "shahumyan",
        "nobody",
        "liquidators",
        "diplomacy",
        "1914",
        "1918",
        "0",
        "-1",
        "7",
        "13",
        "9999",
        "99999999999999999999",
        "relevance",
        "-date",
        "date",
        '"great pain"',
        "Malinovsky -Plekhanov",
        "OR OR",
        "-",
        "*",
        '"',
        "NEAR(a b)",
        "col:x",
        "\x00",
        "a\x00b",
        "1e3",
        "1.5",
        "١٩١٤",  # Arabic-Indic digits: int() reads them
        "'; DROP TABLE correspondence_letter; --",
    ]
)
VALUE = st.one_of(
    MEANINGFUL,
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)
#: one parameter, repeated 1-3 times
VALUES = st.lists(VALUE, min_size=1, max_size=3)

#: the edition is loaded once per module and each example only reads it
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
#: 60 examples for everything at once; 25 per parameter (22 tests) keeps the suite fast
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=HEALTH)
FUZZ_ONE = settings(max_examples=25, deadline=None, suppress_health_check=HEALTH)


def assert_answers(client, url, params):
    response = client.get(url, params)
    assert response.status_code in (200, 400), (url, params, response.status_code)
    if url.startswith("/api/"):
        data = response.json()
        assert set(data) >= (
            {"count", "results", "facets"}
            if response.status_code == 200
            else {"detail"}
        )


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("name", EVERY_PARAMETER)
@FUZZ_ONE
@given(values=VALUES)
def test_any_value_of_one_parameter_answers_200_or_400(db, client, url, name, values):
    assert_answers(client, url, {name: values})


@pytest.mark.parametrize("url", URLS)
@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(EVERY_PARAMETER), VALUES, max_size=len(PARAMS)
    )
)
def test_any_values_of_every_parameter_together_answer_200_or_400(
    db, client, url, params
):
    assert_answers(client, url, params)


@pytest.mark.parametrize("url", URLS)
@FUZZ
@given(name=st.text(max_size=20), values=VALUES)
def test_unknown_parameters_are_ignored(db, client, url, name, values):
    response = client.get(url, {name: values})
    assert response.status_code in (200, 400)
    if name not in EVERY_PARAMETER and name != "format":
        assert response.status_code == 200
