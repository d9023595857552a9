"""The read-only JSON API for people (DESIGN.md, "The JSON API")."""

from typing import Literal

from ninja import Field, Query, Router, Schema

from correspondence.api import (
    absolute_url,
    annotation,
    letter_summary,
    not_found,
    page_window,
    paginate,
)
from correspondence.models import Letter
from correspondence.schemas import (
    ANNOTATION_DESCRIPTION,
    KIND_DESCRIPTION,
    PAGE_DESCRIPTION,
    Detail,
    LetterSummary,
)

from .models import Person


class PersonItem(Schema):
    slug: str
    name: str
    kind: Literal["person", "organisation"] = Field(..., description=KIND_DESCRIPTION)
    #: every other name the documents give the person: spellings, signatures, pseudonyms
    variant_names: list[str]
    life_dates: str | None
    authority_uri: str | None = Field(
        ...,
        description="Authority record (VIAF, GND or Wikidata) where an editor "
        "recorded one; null otherwise.",
    )
    letters_sent: int
    letters_received: int
    mentioned_in: int


class PersonPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[PersonItem]


class PersonLetters(Schema):
    sent: list[LetterSummary]
    received: list[LetterSummary]
    mentioned_in: list[LetterSummary]


class PersonDetail(PersonItem):
    """A person with one page of each of their lists of letters (``page``; the totals
    are ``letters_sent``, ``letters_received`` and ``mentioned_in``)."""

    url: str
    next: str | None
    previous: str | None
    note: str | None = Field(..., description=ANNOTATION_DESCRIPTION)
    letters: PersonLetters


def people_with_counts(queryset=None):
    queryset = Person.objects.all() if queryset is None else queryset
    return queryset.with_names().with_letter_counts()


def person_item(person):
    return {
        "slug": person.slug,
        "name": person.name,
        "kind": person.kind,
        "variant_names": [name.name for name in person.names.all()],
        "life_dates": person.life_dates or None,
        "authority_uri": person.authority_uri or None,
        "letters_sent": person.letters_sent_count,
        "letters_received": person.letters_received_count,
        "mentioned_in": person.mentioned_in_count,
    }


router = Router(tags=["people"])


@router.get("/", response={200: PersonPage, 400: Detail}, url_name="person-list")
def list_people(
    request,
    q: str = Query(
        "", description="Part of any of a person's names, e.g. 'Malinowsky'."
    ),
    page: int = Query(1, ge=1, description=PAGE_DESCRIPTION),
):
    """People by name, each with the names they go by and their numbers of letters."""
    people = people_with_counts(Person.objects.matching(q)).order_by("name", "slug")
    answer = paginate(request, people, page)
    answer["results"] = [person_item(person) for person in answer["results"]]
    return answer


@router.get(
    "/{slug}/",
    response={200: PersonDetail, 400: Detail, 404: Detail},
    url_name="person-detail",
)
def get_person(
    request, slug: str, page: int = Query(1, ge=1, description=PAGE_DESCRIPTION)
):
    """One person, with a page of each of the lists of letters they sent, received and
    are mentioned in, in date order."""
    person = people_with_counts().filter(slug=slug).first()
    if person is None:
        raise not_found("person", slug)
    longest = max(
        person.letters_sent_count,
        person.letters_received_count,
        person.mentioned_in_count,
    )
    start, end, links = page_window(request, page, longest)
    letters = Letter.objects.in_date_order().with_people()

    def summaries(queryset):
        return [letter_summary(request, letter) for letter in queryset[start:end]]

    return {
        **person_item(person),
        "url": absolute_url(request, person, f"/people/{person.slug}/"),
        **links,
        "note": annotation(person.note),
        "letters": {
            "sent": summaries(letters.filter(senders=person)),
            "received": summaries(letters.filter(recipients=person)),
            "mentioned_in": summaries(letters.filter(mentions=person)),
        },
    }
