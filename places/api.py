"""The read-only JSON API for places: /api/places/ and /api/places/<slug>/."""

from ninja import Query, Router, Schema

from correspondence.api import (
    letter_summary,
    not_found,
    page_window,
    paginate,
    place_ref,
)
from correspondence.models import Letter
from correspondence.schemas import (
    PAGE_DESCRIPTION,
    Detail,
    LetterSummary,
    PlaceRef,
)

from .models import Place


class PlaceItem(PlaceRef):
    variant_names: list[str]
    letters_sent_from: int
    letters_sent_to: int


class PlacePage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[PlaceItem]


class PlaceLetters(Schema):
    sent_from: list[LetterSummary]
    sent_to: list[LetterSummary]


class PlaceDetail(PlaceItem):
    """A place with one page of each of its lists of letters (``page``; the totals are
    ``letters_sent_from`` and ``letters_sent_to``)."""

    next: str | None
    previous: str | None
    letters: PlaceLetters


def place_item(request, place):
    return {
        **place_ref(request, place),
        "variant_names": place.names,
        "letters_sent_from": place.sent_from_count,
        "letters_sent_to": place.sent_to_count,
    }


router = Router(tags=["places"])


@router.get("/", response={200: PlacePage, 400: Detail}, url_name="place-list")
def list_places(request, page: int = Query(1, ge=1, description=PAGE_DESCRIPTION)):
    """Places by name, with their authority records and coordinates where editors
    recorded them, and their numbers of letters."""
    places = Place.objects.with_letter_counts().order_by("name", "slug")
    answer = paginate(request, places, page)
    answer["results"] = [place_item(request, place) for place in answer["results"]]
    return answer


@router.get(
    "/{slug}/",
    response={200: PlaceDetail, 400: Detail, 404: Detail},
    url_name="place-detail",
)
def get_place(
    request, slug: str, page: int = Query(1, ge=1, description=PAGE_DESCRIPTION)
):
    """One place, with a page of the letters sent from it and to it, in date order."""
    place = Place.objects.with_letter_counts().filter(slug=slug).first()
    if place is None:
        raise not_found("place", slug)
    longest = max(place.sent_from_count, place.sent_to_count)
    start, end, links = page_window(request, page, longest)
    letters = Letter.objects.in_date_order().with_people()

    def summaries(queryset):
        return [letter_summary(request, letter) for letter in queryset[start:end]]

    return {
        **place_item(request, place),
        **links,
        "letters": {
            "sent_from": summaries(letters.filter(sent_from=place)),
            "sent_to": summaries(letters.filter(sent_to=place)),
        },
    }
