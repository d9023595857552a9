"""The shapes of the JSON API's answers (DESIGN.md, "The JSON API"), for the OpenAPI
document: a contract, other systems rely on their field names. The answers are built
in ``correspondence/api.py`` (letters, topics), ``people/api.py``, ``places/api.py`` and
``browse/api.py`` (the list of letters).
"""

from typing import Literal

from ninja import Field, Schema

PAGE_DESCRIPTION = "Page number, from 1; a page past the last answers 400."


class Detail(Schema):
    """An error: what was wrong with the request."""

    detail: str


class PersonRef(Schema):
    slug: str
    name: str


class PersonWithAuthority(PersonRef):
    authority_uri: str | None = Field(
        ...,
        description="The person's authority record (VIAF, GND or Wikidata) where an "
        "editor recorded one; null otherwise.",
    )


ROLE_DESCRIPTION = (
    "How the person stands on the letter: among the senders, sender or co_signer (one "
    "who signed beside the sender); among the recipients, recipient (an addressee) or "
    'copy_to (one a copy went to: "Copy to the Cheka"). Listed in the document\'s '
    "order."
)


KIND_DESCRIPTION = (
    "'organisation' for a body that writes and is written to as one (a committee, a "
    "Soviet, the Cheka, an editorial board); 'person' otherwise."
)


class Correspondent(PersonRef):
    kind: Literal["person", "organisation"] = Field(..., description=KIND_DESCRIPTION)
    role: str = Field(..., description=ROLE_DESCRIPTION)


class CorrespondentWithAuthority(PersonWithAuthority):
    kind: Literal["person", "organisation"] = Field(..., description=KIND_DESCRIPTION)
    role: str = Field(..., description=ROLE_DESCRIPTION)


class PlaceRef(Schema):
    """A place record: its authority record and coordinates only where an editor
    recorded them."""

    slug: str
    name: str
    url: str
    authority_uri: str | None = Field(..., description="GeoNames or Wikidata.")
    latitude: float | None
    longitude: float | None


class LanguageRef(Schema):
    code: str = Field(..., description="ISO 639 code, e.g. 'fr'.")
    name: str


class TopicRef(Schema):
    slug: str
    name: str


class LetterDate(Schema):
    """ISO 8601 Gregorian days; ``start``/``end`` bound the date, either may be null."""

    as_written: str | None
    start: str | None
    end: str | None
    precision: str
    supplied_by_editor: bool
    julian: str | None
    corrected_by_editor: bool = Field(
        ...,
        description="The date as written is wrong (a misprinted year): start and end "
        "are the editors' correction.",
    )
    correction: str | None = Field(..., description="Why the editors corrected it.")


class LetterSummary(Schema):
    slug: str
    url: str
    title: str
    date: LetterDate


#: how the editors' annotations are given (headnotes, notes, descriptions, person notes)
ANNOTATION_DESCRIPTION = (
    "Editorial annotation as sanitised HTML: text with only <i>, <em>, <b>, "
    '<strong>, <span class="smallcaps"> and <a href title rel> (http, https, mailto or '
    "a path on this site) kept, so it may be inserted into a page as it is; "
    "& < > are entities. Paragraphs are separated by a blank line; no footnote markers."
)


class Footnote(Schema):
    number: int
    text: str | None = Field(..., description=ANNOTATION_DESCRIPTION)


class SourceRef(Schema):
    """How the letter stands in one source. ``transcriber`` and ``licence`` are present
    only when ``role`` is ``transcription``."""

    role: str
    title: str
    author: str | None
    editor: str | None
    publisher: str | None
    place: str | None
    year: str | None
    volume: str | None
    pages: str | None
    translator: str | None
    url: str | None
    transcriber: str | None = None
    licence: str | None = None


class Correspondence(Schema):
    """The letters either side of this one among those two people exchanged."""

    between: list[PersonRef] = Field(..., description="The sender and the recipient.")
    previous: LetterSummary | None
    next: LetterSummary | None


class LetterDetail(Schema):
    slug: str
    url: str
    title: str
    heading: str | None
    senders: list[CorrespondentWithAuthority]
    recipients: list[CorrespondentWithAuthority]
    mentions: list[PersonWithAuthority]
    date: LetterDate
    place_sent: str | None
    place_received: str | None
    sent_from: PlaceRef | None = Field(
        ..., description="The place record ``place_sent`` names, where one is linked."
    )
    sent_to: PlaceRef | None = Field(
        ..., description="The place record ``place_received`` names."
    )
    kind: str | None = Field(
        ...,
        description="letter, postcard, telegram, note, mandate, telephone (a message "
        "by telephone) or other; null where neither the page nor an editor says.",
    )
    languages: list[LanguageRef] = Field(
        ..., description="The languages the letter was written in."
    )
    excerpt: bool
    headnote: str | None = Field(..., description=ANNOTATION_DESCRIPTION)
    salutation: str | None
    closing: str | None
    signature: str | None
    postscript: str | None
    text: str | None
    footnotes: list[Footnote]
    topics: list[TopicRef]
    sources: list[SourceRef]


class LetterNeighbours(Schema):
    """Letter to letter: the letters either side of one letter in date order."""

    previous: LetterSummary | None = Field(
        ...,
        description="The letter before this one in date order (the order of the "
        "list of letters: earliest known day, then slug); null for the first.",
    )
    next: LetterSummary | None = Field(
        ..., description="The letter after this one in date order; null for the last."
    )
    correspondences: list[Correspondence] = Field(
        ...,
        description="For each sender and recipient (at most four pairs), the letters "
        "either side of this one among those they exchanged, either way.",
    )


class TopicItem(Schema):
    slug: str
    name: str
    description: str | None = Field(..., description=ANNOTATION_DESCRIPTION)
    letter_count: int


class TopicPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[TopicItem]


class TopicDetail(TopicItem):
    """A topic with a page of its letters (``page``; ``letter_count`` is the total)."""

    next: str | None
    previous: str | None
    letters: list[LetterSummary]
