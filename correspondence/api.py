"""The read-only JSON API for letters and topics (DESIGN.md, "The JSON API").

A contract: other systems rely on its field names and shapes.

The answers' shapes are in ``schemas.py``; the functions here build
plain dicts from prefetched objects, so every endpoint runs a fixed number of queries
whatever the size of its answer. The list of letters (filters, facets, paging) is
``browse/api.py``'s; the ``NinjaAPI`` itself is assembled in ``config/api_urls.py``.
"""

from django.conf import settings
from django.urls import NoReverseMatch
from ninja import Query, Router
from ninja.errors import HttpError

from .annotations import annotation_clean
from .models import Letter, LetterSource, Topic
from .neighbours import neighbours
from .schemas import (
    PAGE_DESCRIPTION,
    Detail,
    LetterDetail,
    LetterNeighbours,
    TopicDetail,
    TopicPage,
)
from .text import plain_text

# ---------------------------------------------------------------- building blocks


def _or_none(value):
    return value or None


def annotation(text):
    """An annotation for the API: markers out, sanitised HTML, or None if empty."""
    text = plain_text(text)
    return annotation_clean(text) or None if text else None


def _iso(day):
    return day.isoformat() if day else None


def absolute_url(request, obj, fallback):
    """``obj``'s public page as an absolute URL.

    ``fallback`` is the path DESIGN.md fixes for citation, used while no URL pattern is
    named for the page (the pages are built separately from the API).
    """
    try:
        path = obj.get_absolute_url()
    except NoReverseMatch:
        path = fallback
    return request.build_absolute_uri(path)


def letter_url(request, letter):
    return absolute_url(request, letter, f"/letters/{letter.slug}/")


def people_refs(people):
    return [{"slug": person.slug, "name": person.name} for person in people]


def correspondents(links, *, authority=False):
    """The people of a letter's sender or recipient ``links`` (in the document's
    order) with their roles."""
    people = [link.person for link in links]
    refs = people_with_authority(people) if authority else people_refs(people)
    return [
        ref | {"kind": link.person.kind, "role": link.role}
        for ref, link in zip(refs, links, strict=True)
    ]


def letter_date(letter):
    return {
        "as_written": _or_none(letter.date_as_written),
        "start": _iso(letter.date_start),
        "end": _iso(letter.date_end),
        "precision": letter.date_precision,
        "supplied_by_editor": letter.date_supplied,
        "julian": _iso(letter.date_julian),
        "corrected_by_editor": letter.date_corrected,
        "correction": _or_none(letter.date_correction),
    }


def letter_summary(request, letter):
    """slug, url, title, date: a letter in someone else's list (needs
    ``with_people()``)."""
    return {
        "slug": letter.slug,
        "url": letter_url(request, letter),
        "title": letter.title,
        "date": letter_date(letter),
    }


def letter_list_item(request, letter):
    return {
        **letter_summary(request, letter),
        "senders": correspondents(letter.sender_list),
        "recipients": correspondents(letter.recipient_list),
    }


def source_ref(link):
    source = link.source
    ref = {
        "role": link.role,
        "title": source.title,
        "author": _or_none(source.author),
        "editor": _or_none(source.editor),
        "publisher": _or_none(source.publisher),
        "place": _or_none(source.place),
        "year": _or_none(source.year),
        "volume": _or_none(source.volume),
        "pages": _or_none(link.pages),
        "translator": _or_none(link.translator),
        # this letter's own page where the source has one, else the source's home page
        "url": _or_none(link.url or source.url),
    }
    if link.role == LetterSource.Role.TRANSCRIPTION:
        ref["transcriber"] = _or_none(link.transcriber)
        ref["licence"] = _or_none(link.licence)
    return ref


def people_with_authority(people):
    return [
        {"slug": p.slug, "name": p.name, "authority_uri": _or_none(p.authority_uri)}
        for p in people
    ]


def place_ref(request, place):
    if place is None:
        return None
    return {
        "slug": place.slug,
        "name": place.name,
        "url": absolute_url(request, place, f"/places/{place.slug}/"),
        "authority_uri": _or_none(place.authority_uri),
        "latitude": float(place.latitude) if place.latitude is not None else None,
        "longitude": float(place.longitude) if place.longitude is not None else None,
    }


def letter_detail(request, letter):
    """The whole letter (needs ``with_everything()``)."""
    return {
        "slug": letter.slug,
        "url": letter_url(request, letter),
        "title": letter.title,
        "heading": _or_none(letter.heading),
        "senders": correspondents(letter.sender_list, authority=True),
        "recipients": correspondents(letter.recipient_list, authority=True),
        "mentions": people_with_authority(letter.mentions.all()),
        "date": letter_date(letter),
        "place_sent": _or_none(letter.place_sent),
        "place_received": _or_none(letter.place_received),
        "sent_from": place_ref(request, letter.sent_from),
        "sent_to": place_ref(request, letter.sent_to),
        "kind": _or_none(letter.kind),
        "languages": [
            {"code": language.code, "name": language.name}
            for language in letter.languages.all()
        ],
        "excerpt": letter.excerpt,
        "headnote": annotation(letter.headnote),
        "salutation": plain_text(letter.salutation),
        "closing": plain_text(letter.closing),
        "signature": plain_text(letter.signature),
        "postscript": plain_text(letter.postscript),
        "text": plain_text(letter.body),
        "footnotes": [
            {"number": note.number, "text": annotation(note.text)}
            for note in letter.footnotes.all()
        ],
        "topics": [
            {"slug": topic.slug, "name": topic.name} for topic in letter.topics.all()
        ],
        "sources": [source_ref(link) for link in letter.letter_sources.all()],
    }


def page_window(request, page, total, per_page=None):
    """Where page ``page`` of ``total`` items starts and ends, with links to its
    neighbours: ``(start, end, {"next": url, "previous": url})``.

    The links are absolute URLs keeping the request's other query parameters, null at
    the ends. A page past the last is a 400 (nothing at all still has page 1).
    """
    per_page = per_page or settings.LETTERS_PAGE_SIZE
    pages = max(1, -(-total // per_page))
    if page > pages:
        raise HttpError(
            400, f"There is no page {page}: the pages run from 1 to {pages}."
        )

    def page_url(number):
        params = request.GET.copy()
        params["page"] = number
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    links = {
        "next": page_url(page + 1) if page < pages else None,
        "previous": page_url(page - 1) if page > 1 else None,
    }
    start = (page - 1) * per_page
    return start, start + per_page, links


def paginate(request, queryset, page, per_page=None, count=None):
    """One page of ``queryset`` in the list envelope: count, next, previous, results.
    ``count``: the number of items when the caller knows it (e.g. from the cache)."""
    if count is None:
        count = queryset.count()
    start, end, links = page_window(request, page, count, per_page)
    return {"count": count, **links, "results": list(queryset[start:end])}


def not_found(kind, slug):
    return HttpError(404, f"There is no {kind} with the slug {slug!r}.")


# ---------------------------------------------------------------- letters


letters = Router(tags=["letters"])


@letters.get(
    "/{slug}/",
    response={200: LetterDetail, 404: Detail},
    # keeps transcriber/licence out of sources other than transcriptions
    exclude_unset=True,
    url_name="letter-detail",
)
def get_letter(request, slug: str):
    """One letter: its people, date, parts as plain text, notes, topics and sources."""
    letter = Letter.objects.with_everything().filter(slug=slug).first()
    if letter is None:
        raise not_found("letter", slug)
    return letter_detail(request, letter)


@letters.get(
    "/{slug}/neighbours/",
    response={200: LetterNeighbours, 404: Detail},
    url_name="letter-neighbours",
)
def get_letter_neighbours(request, slug: str):
    """Letter to letter: the letters before and after this one by date, across the
    edition and within each of its correspondences (as its page links to them)."""
    letter = Letter.objects.with_people().filter(slug=slug).first()
    if letter is None:
        raise not_found("letter", slug)
    return letter_neighbours(request, letter)


def letter_neighbours(request, letter):
    """previous, next and correspondences (correspondence/neighbours.py)."""

    def summary(found):
        return letter_summary(request, found) if found is not None else None

    edition, *correspondences = neighbours(letter)
    return {
        "previous": summary(edition.previous),
        "next": summary(edition.next),
        "correspondences": [
            {
                "between": people_refs(sequence.people),
                "previous": summary(sequence.previous),
                "next": summary(sequence.next),
            }
            for sequence in correspondences
        ],
    }


# ---------------------------------------------------------------- topics


def topic_item(topic):
    return {
        "slug": topic.slug,
        "name": topic.name,
        "description": annotation(topic.description),
        "letter_count": topic.letter_count,
    }


topics = Router(tags=["topics"])


@topics.get("/", response={200: TopicPage, 400: Detail}, url_name="topic-list")
def list_topics(request, page: int = Query(1, ge=1, description=PAGE_DESCRIPTION)):
    """The editorial topics by name, each with its number of letters."""
    answer = paginate(
        request, Topic.objects.with_letter_counts().order_by("name", "slug"), page
    )
    answer["results"] = [topic_item(topic) for topic in answer["results"]]
    return answer


@topics.get(
    "/{slug}/",
    response={200: TopicDetail, 400: Detail, 404: Detail},
    url_name="topic-detail",
)
def get_topic(
    request, slug: str, page: int = Query(1, ge=1, description=PAGE_DESCRIPTION)
):
    """One topic and a page of its letters in date order."""
    topic = Topic.objects.with_letter_counts().filter(slug=slug).first()
    if topic is None:
        raise not_found("topic", slug)
    start, end, links = page_window(request, page, topic.letter_count)
    in_topic = Letter.objects.filter(topics=topic).in_date_order().with_people()
    return {
        **topic_item(topic),
        **links,
        "letters": [letter_summary(request, letter) for letter in in_topic[start:end]],
    }
