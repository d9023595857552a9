"""/api/letters/: the browsing page's questions answered as JSON.

The same ``LetterFilter`` as /letters/ (filters, sorting, facets, messages) and the
same paging bound; what this adds is the JSON envelope (DESIGN.md, "The JSON API").
"""

from django.conf import settings
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from correspondence.api import (
    letter_list_item,
    paginate,
)
from correspondence.schemas import (
    Correspondent,
    Detail,
    LetterSummary,
)

from .filters import LetterFilter
from .limits import refusal


class LetterListItem(LetterSummary):
    senders: list[Correspondent]
    recipients: list[Correspondent]
    snippet: str | None = Field(
        None,
        description="When searching: a passage of the letter, its text escaped, the "
        "words matched in <mark> (or, for a letter found only by its heading or a "
        "person's name, which one: 'Matched the name <mark>W.L.</mark> (Lenin)'); "
        "null otherwise.",
    )


class FacetValue(Schema):
    value: str
    label: str
    count: int
    selected: bool


class LetterFacets(Schema):
    """Each facet counted over the results filtered by everything but its own
    selection. ``month`` is empty unless exactly one ``year`` is chosen. Each list
    holds at most ``facet_limit`` values (default 50), the ones with the most
    letters, and every selected value."""

    correspondent: list[FacetValue]
    year: list[FacetValue]
    topic: list[FacetValue]
    sender: list[FacetValue]
    recipient: list[FacetValue]
    month: list[FacetValue]
    place: list[FacetValue] = Field(
        ..., description="Places the letters were sent from or to (slugs)."
    )
    kind: list[FacetValue] = Field(..., description="Kinds of document.")
    language: list[FacetValue] = Field(
        ..., description="Languages the letters were written in (ISO 639 codes)."
    )


class LetterPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[LetterListItem]
    facets: LetterFacets
    messages: list[str] = Field(
        ...,
        description="Parameters ignored as invalid, and how the query was read "
        "(as on /letters/).",
    )


LETTER_PAGE_DESCRIPTION = (
    "Page number, from 1; a page past the last, or past the first 10,000 results, "
    "answers 400 (narrow the search instead)."
)
#: values per facet list in /api/letters/ unless ``facet_limit`` says otherwise
FACET_LIMIT, MAX_FACET_LIMIT = 50, 500
FACET_LIMIT_DESCRIPTION = (
    f"Values per facet list, from 1 to {MAX_FACET_LIMIT} (default {FACET_LIMIT}): "
    "each list keeps the values with the most letters, in its own order (people and "
    "topics by count, years and months by date), and always every selected value. A "
    "list may therefore be shorter than the edition's values: narrow the letters (or "
    "raise the limit) to see the others."
)


def capped(values, limit):
    """The ``limit`` facet values with the most letters (the first ones among equals),
    and every selected value, in the list's own order."""
    if len(values) <= limit:
        return values
    by_count = sorted(range(len(values)), key=lambda n: -values[n]["count"])
    keep = set(by_count[:limit])
    return [v for n, v in enumerate(values) if n in keep or v["selected"]]


router = Router(tags=["letters"])


@router.get("/", response={200: LetterPage, 400: Detail}, url_name="letter-list")
def list_letters(
    request,
    page: int = Query(1, ge=1, description=LETTER_PAGE_DESCRIPTION),
    facet_limit: int = Query(
        FACET_LIMIT, ge=1, le=MAX_FACET_LIMIT, description=FACET_LIMIT_DESCRIPTION
    ),
):
    """Letters filtered and searched with the parameters of /letters/ (``q``,
    ``correspondent``, ``sender``, ``recipient``, ``topic``, ``place``, ``kind``,
    ``language``, ``year``, ``month``,
    ``year_from``, ``year_to``, ``sort``), a page at a time, with facet counts for
    the whole result: at most ``facet_limit`` values a facet (the most frequent),
    every selected value included. A ``q`` over 1,000 characters, or a ``page`` past
    the first 10,000 results, is a 400 answered before any query."""
    message = refusal(request.GET, settings.LETTERS_PAGE_SIZE)
    if message is not None:
        raise HttpError(400, message)
    filterset = LetterFilter(request.GET)
    results = filterset.results(lambda letters: letters.for_lists().with_people())
    answer = paginate(request, results, page, count=results.count())
    snippets = filterset.snippets(answer["results"])
    answer["results"] = [
        {**letter_list_item(request, letter), "snippet": snippets.get(letter.pk)}
        for letter in answer["results"]
    ]
    answer["facets"] = {
        name: capped(values, facet_limit)
        for name, values in filterset.facet_counts(facet_limit).items()
    }
    answer["messages"] = filterset.messages()
    return answer
