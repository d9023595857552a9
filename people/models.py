from django.db import models
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf, Upper
from django.urls import reverse

from .duplicates import candidate_duplicates


class PersonQuerySet(models.QuerySet):
    def with_names(self):
        return self.prefetch_related("names")

    def with_letter_counts(self):
        """Annotate ``letters_sent_count``, ``letters_received_count``,
        ``mentioned_in_count``.

        One subquery per relation: joining all three at once would multiply rows per
        person.
        """
        return self.annotate(
            letters_sent_count=_links_per_person(Person.letters_sent.through),
            letters_received_count=_links_per_person(Person.letters_received.through),
            mentioned_in_count=_links_per_person(Person.mentioned_in.through),
        )

    def matching(self, text):
        """People any of whose names contains ``text`` (case-insensitive); a typed
        apostrophe ' also finds the typographic ’ the documents print."""
        text = (text or "").strip()
        if not text:
            return self
        found = Q()
        for variant in dict.fromkeys([text, text.replace("'", "\u2019")]):
            found |= Q(name__icontains=variant) | Q(names__name__icontains=variant)
        return self.filter(found).distinct()

    def in_name_order(self):
        """By sort name (surname first), the name where none is set."""
        return self.annotate(filed_as=_filed_as()).order_by("filed_as", "slug")

    def in_index_order(self):
        """The people in name order, then the organisations in name order."""
        return self.annotate(
            filed_as=_filed_as(),
            organisation_last=Case(
                When(kind=Person.Kind.ORGANISATION, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        ).order_by("organisation_last", "filed_as", "slug")

    def filed_under(self, initial):
        """People whose sort name begins with the letter ``initial``."""
        return self.annotate(filed_as=_filed_as()).filter(filed_as__istartswith=initial)

    def candidate_duplicates(self):
        """The pairs of these people who may be one person (``duplicates``), but for
        those the editors have marked as not the same."""
        apart = {
            frozenset(pair)
            for pair in Person.not_the_same.through.objects.values_list(
                "from_person_id", "to_person_id"
            )
        }
        return [
            pair
            for pair in candidate_duplicates(self.with_names())
            if frozenset((pair.first.pk, pair.second.pk)) not in apart
        ]

    def initials(self):
        """The first letters of the sort names, A-Z, as a sorted list."""
        firsts = self.annotate(filed_as=Upper(_filed_as())).values_list(
            "filed_as", flat=True
        )
        return sorted({name[:1] for name in firsts if name[:1].isalpha()})


def _filed_as():
    return Coalesce(NullIf("sort_name", Value("")), "name")


def _links_per_person(through):
    """How many letters link to the outer person through a Letter M2M table."""
    links = (
        through.objects.filter(person_id=OuterRef("pk"))
        .order_by()
        .values("person_id")
        .annotate(n=Count("letter_id"))
        .values("n")
    )
    return Coalesce(Subquery(links, output_field=IntegerField()), Value(0))


class PersonManager(models.Manager.from_queryset(PersonQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Person(models.Model):
    """Someone the letters are from, to or about: a person, or an organisation (a
    committee, a Soviet, the Cheka, an editorial board) that writes and is written
    to as one."""

    class Kind(models.TextChoices):
        PERSON = "person", "person"
        ORGANISATION = "organisation", "organisation"

    #: stable identifier used in URLs and fixtures, e.g. "kamenev"
    slug = models.SlugField(max_length=100, unique=True)
    #: the name the edition files the person under, as a document gives it
    name = models.CharField(max_length=200)
    #: the name the list of people files the person under, surname first
    #: ("Troianovsky, A.A."); empty: the name (people/sorting.py fills it on migrating)
    sort_name = models.CharField(
        max_length=200,
        blank=True,
        help_text="The name the list of people files them under, surname first "
        "(e.g. “Troianovsky, A.A.”); empty: the name itself.",
    )
    #: a person, or an organisation (CMIF and TEI: ``orgName``); the importer sets
    #: it for names that are plainly a body's (people/organisations.py)
    kind = models.CharField(
        max_length=20,
        choices=Kind.choices,
        default=Kind.PERSON,
        help_text="An organisation (a committee, a Soviet, the Cheka, an editorial "
        "board) is listed apart from the people and exported as an organisation.",
    )
    #: life dates exactly as a document prints them, e.g. "1881-1938" or "1881-?"
    life_dates = models.CharField(max_length=50, blank=True)
    #: editorial note: who the person is, and which document says so
    note = models.TextField(blank=True)
    #: authority record (VIAF, GND, Wikidata ...), only where an editor recorded one
    authority_uri = models.URLField(blank=True)
    #: people whose names suggest they are this person but whom the editors have
    #: checked are not ("Ulyanova", the sister, and "Maria Alexandrovna Ulyanova")
    not_the_same = models.ManyToManyField(
        "self",
        symmetrical=True,
        blank=True,
        verbose_name="not the same person as",
        help_text="People whose names suggest they are this person but who are not: "
        "they are no longer listed as possible duplicates.",
    )

    objects = PersonManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("people:detail", args=[self.slug])

    @property
    def is_organisation(self):
        return self.kind == self.Kind.ORGANISATION

    def natural_key(self):
        return (self.slug,)


class PersonNameManager(models.Manager):
    def get_by_natural_key(self, person_slug, name):
        return self.get(person__slug=person_slug, name=name)


class PersonName(models.Model):
    """Another name a person goes by: a spelling, initials or signature, a pseudonym."""

    class Kind(models.TextChoices):
        SPELLING = "spelling", "spelling"
        SHORT = "short", "short form"
        FULL = "full", "full name"
        SIGNATURE = "signature", "initials or signature"
        PSEUDONYM = "pseudonym", "pseudonym or code name"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    #: the name exactly as a document writes it, e.g. "Malinowsky"
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    #: the editors' qualification, e.g. "possibly (Document 9, note 5)"
    note = models.CharField(max_length=300, blank=True)

    objects = PersonNameManager()

    class Meta:
        ordering = ["person", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name"], name="unique_name_per_person"
            ),
        ]
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.person.slug, self.name)

    natural_key.dependencies = ["people.person"]
