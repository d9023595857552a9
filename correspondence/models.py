import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from people.models import Person
from places.models import Place

from .dates import date_in_words
from .neighbours import NeighbourQuerySetMixin
from .people_links import PREFETCHED, LetterRecipient, LetterSender
from .sources import LetterSource, Source
from .text import MARKED_PARTS, TEXT_PARTS
from .vocabularies import Language, Topic

#: a person on more than one letter in this many has their first letters found by
#: walking the letters in date order (``LetterQuerySet.first_of``)
LARGE_SHARE = 20
#: a person on at most this many letters of a list has them read through their links
#: and sorted (``first_of``): about 8 ms on PostgreSQL; 4,000 took 30, where walking
#: the letters in date order found the first ones sooner
LINKS_FIRST = 1000


class LetterQuerySet(NeighbourQuerySetMixin, models.QuerySet):
    def in_date_order(self, descending=False):
        fields = ["date_min", "slug"]
        return self.order_by(*(f"-{f}" for f in fields) if descending else fields)

    def with_people(self, *person_fields):
        """Senders and recipients with their roles, in the document's order
        (``Letter.sender_list``, ``Letter.recipient_list``): one query each. Kept as
        plain lists (``to_attr``): a related manager's queryset made for each letter
        cost a third of a page of 100 rows."""
        fields = dict.fromkeys(("slug", "name", "kind", *person_fields))
        return self.prefetch_related(
            *(
                Prefetch(
                    relation,
                    queryset=through.objects.select_related("person")
                    .only(
                        "letter_id",
                        "role",
                        "position",
                        *(f"person__{f}" for f in fields),
                    )
                    .order_by("position", "id"),
                    to_attr=PREFETCHED.format(relation),
                )
                for relation, through in (
                    ("sender_links", LetterSender),
                    ("recipient_links", LetterRecipient),
                )
            )
        )

    def first_of(self, person, relation, count, limit, total=None):
        """The first ``limit`` of these letters in date order that ``person`` is on
        through ``relation`` ("senders", "recipients", "mentions"), ``count`` of them,
        among ``total`` letters (counted if not given: 17 ms at 100,000 letters on
        PostgreSQL, which counts by reading them all).

        SQLite keeps no statistics per person and joins the person's links first: for
        the busiest person at 100,000 letters it sorted 24,000 rows (57 ms). For
        someone on more than one letter in ``LARGE_SHARE``, walking the letters in date
        order and checking each for a link meets the first ``limit`` within about
        ``LARGE_SHARE * limit`` letters (3 ms). Someone on at most ``LINKS_FIRST``
        has their links read first, then their letters sorted; in between, the
        database chooses. The same letters every way.
        """
        if count > LARGE_SHARE * limit and count * LARGE_SHARE > (
            self.count() if total is None else total
        ):
            through = self.model._meta.get_field(relation).remote_field.through
            links = through.objects.filter(person=person, letter=OuterRef("pk"))
            return self.in_date_order().filter(Exists(links))[:limit]
        linked = self.filter(**{relation: person})
        if count <= LINKS_FIRST:
            # sorted on COALESCE(date_min, date_min), the same order as date_min's but
            # no index's: PostgreSQL could walk the date index, probing each letter
            # for a link (96,000 letters for the first 20 of 821 mentions all dated
            # late, 75 ms at 200,000 letters); so the links are read first (9 ms)
            return linked.order_by(Coalesce("date_min", "date_min"), "slug")[:limit]
        return linked.in_date_order()[:limit]

    def in_lists(self, lists):
        """{key: [Letter]} for ``lists``, {key: QuerySet of letters} (each sliced and
        ordered as wanted): the ids of each read first, then the letters of them all
        in one query with what this QuerySet adds (``with_people``...), each list in
        its own order. A person's page shows three short lists: read each with its
        people, they cost three times the prefetching."""
        ids = {
            key: list(letters.values_list("pk", flat=True))
            for key, letters in lists.items()
        }
        wanted = {pk for listed in ids.values() for pk in listed}
        by_id = self.filter(pk__in=wanted).in_bulk() if wanted else {}
        return {
            key: [by_id[pk] for pk in listed if pk in by_id]
            for key, listed in ids.items()
        }

    def with_everything(self):
        """All a letter page or the API detail needs, in a fixed number of queries."""
        people = Person.objects.only("slug", "name", "authority_uri").order_by("name")
        return (
            self.select_related("sent_from", "sent_to")
            .with_people("authority_uri")
            .prefetch_related(
                Prefetch("mentions", queryset=people),
                Prefetch("languages", queryset=Language.objects.order_by("name")),
                Prefetch("topics", queryset=Topic.objects.order_by("name")),
                Prefetch("footnotes", queryset=Footnote.objects.order_by("number")),
                Prefetch(
                    "letter_sources",
                    queryset=LetterSource.objects.select_related("source").order_by(
                        "order", "id"
                    ),
                ),
            )
        )

    def for_lists(self):
        """Without the long texts (body, headnote and the letter's other parts) that a
        row in a list of letters never shows."""
        return self.defer("headnote", "body", "salutation", "closing", "postscript")

    def for_rows(self):
        """What a row of a list shows (``letter_rows.letter_row``): no long texts, the
        people, the number of notes."""
        return self.for_lists().with_people().with_footnote_counts()

    def with_footnote_counts(self):
        """Annotate ``footnote_count`` with a subquery (no GROUP BY, so it composes)."""
        notes = (
            Footnote.objects.filter(letter=OuterRef("pk"))
            .order_by()
            .values("letter")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(footnote_count=Coalesce(Subquery(notes), 0))

    def summary(self):
        """How many letters, and the Gregorian span they cover, in one query."""
        return self.aggregate(
            count=Count("pk"), earliest=Min("date_min"), latest=Max("date_max")
        )

    def in_years(self, first, last):
        """Letters whose known date range meets the years ``first``..``last``
        (inclusive)."""
        return self.filter(
            date_min__lte=dt.date(last, 12, 31), date_max__gte=dt.date(first, 1, 1)
        )

    def involving(self, person):
        return self.filter(Q(senders=person) | Q(recipients=person)).distinct()

    # Facet filters: subqueries on the link tables, so no join multiplies rows and no
    # DISTINCT is needed however many values are chosen.
    def sent_by(self, slugs):
        return self.filter(id__in=_letters_linked(Letter.senders.through, slugs))

    def received_by(self, slugs):
        return self.filter(id__in=_letters_linked(Letter.recipients.through, slugs))

    def with_correspondents(self, slugs):
        """Letters any of the people (slugs) sent or received."""
        return self.filter(
            Q(id__in=_letters_linked(Letter.senders.through, slugs))
            | Q(id__in=_letters_linked(Letter.recipients.through, slugs))
        )

    def with_topics(self, slugs):
        return self.filter(
            id__in=Letter.topics.through.objects.filter(topic__slug__in=slugs).values(
                "letter_id"
            )
        )

    def at_places(self, slugs):
        """Letters sent from or to any of the places (slugs)."""
        places = Place.objects.filter(slug__in=slugs).values("pk")
        return self.filter(Q(sent_from__in=places) | Q(sent_to__in=places))

    def of_kinds(self, kinds):
        return self.filter(kind__in=kinds)

    def in_languages(self, codes):
        """Letters written in any of the languages (ISO codes)."""
        return self.filter(
            id__in=Letter.languages.through.objects.filter(
                language__code__in=codes
            ).values("letter_id")
        )

    def in_any_year(self, years):
        """Letters whose known range meets any of ``years``."""
        meets = Q()
        for year in years:
            meets |= Q(
                date_min__lte=dt.date(year, 12, 31), date_max__gte=dt.date(year, 1, 1)
            )
        return self.filter(meets)

    def in_month(self, year, month):
        first = dt.date(year, month, 1)
        last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return self.filter(date_min__lte=last, date_max__gte=first)


def _letters_linked(through, slugs):
    return through.objects.filter(person__slug__in=slugs).values("letter_id")


class LetterManager(models.Manager.from_queryset(LetterQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Letter(models.Model):
    TEXT_PARTS = TEXT_PARTS
    MARKED_PARTS = MARKED_PARTS

    class Precision(models.TextChoices):
        DAY = "day", "day"
        MONTH = "month", "month"
        YEAR = "year", "year"
        RANGE = "range", "between two dates"
        BEFORE = "before", "before a date"
        AFTER = "after", "after a date"
        UNKNOWN = "unknown", "undated"

    #: stable identifier used in the letter's citable URL
    slug = models.SlugField(max_length=200, unique=True)
    #: the heading the source prints, e.g. "Document 9. Letter to Armand. (p 27-30)"
    heading = models.CharField(max_length=500, blank=True)
    #: editorial introduction printed before the letter
    headnote = models.TextField(blank=True)
    #: True when the source prints only part of the letter
    excerpt = models.BooleanField(default=False)

    #: date exactly as printed, e.g. "25 May (7 June) 1914" or
    #: "[Before 12 (25) July 1914]"
    date_as_written = models.CharField(max_length=200, blank=True)
    #: earliest possible Gregorian day (null when the documents give only an upper
    #: bound)
    date_start = models.DateField(null=True, blank=True)
    #: latest possible Gregorian day (null when the documents give only a lower bound)
    date_end = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.UNKNOWN
    )
    #: True when the editor supplied the date (printed in square brackets)
    date_supplied = models.BooleanField(default=False)
    #: the Old Style (Julian) day, where the document gives one
    date_julian = models.DateField(null=True, blank=True)
    #: True when the date as written is wrong (a misprinted year) and the dates above
    #: are the editors' correction: the date as written is then shown with "[sic]"
    date_corrected = models.BooleanField(
        "date corrected by the editors",
        default=False,
        help_text="The date as written is wrong (e.g. a misprinted year) and the "
        "earliest and latest days are the editors' correction; the letter's page shows "
        "the date as written with “[sic]”, and browsing uses the correction.",
    )
    #: why, e.g. "misprint for 1902 (note 1)"
    date_correction = models.CharField(
        "reason for the correction",
        max_length=300,
        blank=True,
        help_text="Why the printed date is wrong, e.g. “misprint for 1902 (note 1)”.",
    )
    #: known bounds with the missing one filled from the other: what filters and sorting
    #: use (a letter is placed at its earliest known day)
    date_min = models.GeneratedField(
        expression=Coalesce("date_start", "date_end"),
        output_field=models.DateField(),
        db_persist=True,
    )
    date_max = models.GeneratedField(
        expression=Coalesce("date_end", "date_start"),
        output_field=models.DateField(),
        db_persist=True,
    )

    class Kind(models.TextChoices):
        LETTER = "letter", "letter"
        POSTCARD = "postcard", "postcard"
        TELEGRAM = "telegram", "telegram"
        NOTE = "note", "note"
        MANDATE = "mandate", "mandate"
        TELEPHONE = "telephone", "message by telephone"
        OTHER = "other", "other document"

    #: what the document is; blank until a page or an editor says
    kind = models.CharField(max_length=20, choices=Kind.choices, blank=True, default="")
    #: the languages the letter was written in (not those of a translation printed)
    languages = models.ManyToManyField(
        Language,
        related_name="letters",
        blank=True,
        help_text="The languages the letter was written in, not of its translation.",
    )

    #: the places as the documents print them, e.g. "Zurich", "Ambulant (Switzerland)"
    place_sent = models.CharField(max_length=200, blank=True)
    place_received = models.CharField(max_length=200, blank=True)
    #: the place records those texts name (linked by ``places.linking``, or an editor)
    sent_from = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="letters_sent_from",
        null=True,
        blank=True,
        help_text="The place record for where the letter was sent from.",
    )
    sent_to = models.ForeignKey(
        Place,
        on_delete=models.PROTECT,
        related_name="letters_sent_to",
        null=True,
        blank=True,
        help_text="The place record for where the letter was sent to.",
    )

    # The parts of the letter. Footnote markers are kept as "[^N]" at their exact place.
    #: a date line written on the letter itself, e.g. "7 June 1914[^1]"
    dateline = models.CharField(max_length=300, blank=True)
    salutation = models.CharField(max_length=300, blank=True)
    #: body paragraphs, separated by blank lines
    body = models.TextField(blank=True)
    closing = models.CharField(max_length=300, blank=True)
    signature = models.CharField(max_length=300, blank=True)
    postscript = models.TextField(blank=True)

    #: who wrote it (sender, co-signers) and to whom it went (addressees, copies), with
    #: the role and order the document gives: see people_links.py
    senders = models.ManyToManyField(
        Person, through=LetterSender, related_name="letters_sent"
    )
    recipients = models.ManyToManyField(
        Person, through=LetterRecipient, related_name="letters_received", blank=True
    )
    mentions = models.ManyToManyField(Person, related_name="mentioned_in", blank=True)
    topics = models.ManyToManyField(Topic, related_name="letters", blank=True)
    sources = models.ManyToManyField(
        Source, through="LetterSource", related_name="letters"
    )

    #: where the letter was read from: document file and position, e.g.
    #: "000_….txt#document-6"
    origin = models.CharField(max_length=300, blank=True)
    #: what the last ``import_documents`` wrote (fields, people, footnotes, sources), so
    #: a re-import can tell an editor's change from the page's; null for letters that
    #: came from the fixtures. See correspondence/importing/importer.py.
    imported = models.JSONField(null=True, blank=True, editable=False)

    objects = LetterManager()

    class Meta:
        ordering = ["date_min", "slug"]
        indexes = [
            models.Index(fields=["date_min", "slug"], name="letter_date_order"),
            models.Index(fields=["date_max"], name="letter_date_max"),
            models.Index(fields=["kind"], name="letter_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_start__isnull=True)
                | Q(date_end__isnull=True)
                | Q(date_start__lte=models.F("date_end")),
                name="letter_date_start_not_after_end",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("letters:detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.date_start and self.date_end and self.date_start > self.date_end:
            raise ValidationError(
                {"date_end": "The latest date is before the earliest date."}
            )
        if self.date_corrected and not (self.date_start or self.date_end):
            raise ValidationError(
                {
                    "date_corrected": "A corrected date needs the corrected earliest "
                    "or latest day."
                }
            )

    @property
    def date_in_words(self):
        """The normalised Gregorian date, as a title gives it: "7 June 1914"."""
        return date_in_words(self.date_start, self.date_end, self.date_precision)

    @property
    def sender_list(self):
        """The links to who wrote it (``person``, ``role``), in the document's order
        (prefetched by ``with_people``)."""
        return self._links("sender_links")

    @property
    def recipient_list(self):
        """The links to whom it went, addressees and copies, in the document's order."""
        return self._links("recipient_links")

    def _links(self, name):
        links = getattr(self, PREFETCHED.format(name), None)
        if links is None:  # prefetched without with_people ("sender_links")
            links = getattr(self, "_prefetched_objects_cache", {}).get(name)
        if links is None:  # not prefetched: their people in the same query
            links = getattr(self, name).select_related("person")
        return sorted(links, key=_document_order)

    @property
    def addressee_links(self):
        return [
            link
            for link in self.recipient_list
            if link.role == LetterRecipient.Role.RECIPIENT
        ]

    @property
    def copy_links(self):
        """Those a copy went to ("Copy to the Cheka"), in the document's order."""
        return [
            link
            for link in self.recipient_list
            if link.role == LetterRecipient.Role.COPY_TO
        ]

    @property
    def title(self):
        """\"Lenin to Inessa Armand, 7 June 1914": the editors' title, built from the
        record (with the normalised date, not the date as written), not stored. It names
        the senders (co-signers too) to the addressees, in the document's order; those
        a copy went to are not addressees (with none else, "unknown recipient")."""
        senders = " and ".join(link.person.name for link in self.sender_list)
        addressees = " and ".join(link.person.name for link in self.addressee_links)
        return (
            f"{senders or 'Unknown'} to {addressees or 'unknown recipient'}, "
            f"{self.date_in_words}"
        )


def _document_order(link):
    return (link.position, link.pk or 0)


class FootnoteManager(models.Manager):
    def get_by_natural_key(self, letter_slug, number):
        return self.get(letter__slug=letter_slug, number=number)


class Footnote(models.Model):
    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="footnotes"
    )
    #: the number the source prints; the marker "[^N]" in the letter refers to it
    number = models.PositiveIntegerField()
    #: the note's text; paragraphs separated by blank lines
    text = models.TextField()

    objects = FootnoteManager()

    class Meta:
        ordering = ["letter", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "number"], name="unique_note_number"
            ),
        ]

    def __str__(self):
        return f"Note {self.number}"

    def natural_key(self):
        return (self.letter.slug, self.number)

    natural_key.dependencies = ["correspondence.letter"]
