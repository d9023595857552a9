"""Places letters were sent from and to, as records an editor can extend.

A place starts as the name a document prints ("Zurich", "Ambulant (Switzerland)");
its variant names, authority record (GeoNames or Wikidata) and coordinates are empty
until an editor adds them: none is looked up or guessed. Letters keep the place text
as printed (``Letter.place_sent``/``place_received``); the link to the record is beside
it (``Letter.sent_from``/``sent_to``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import slugify


class PlaceQuerySet(models.QuerySet):
    def with_letter_counts(self):
        """Annotate ``sent_from_count`` and ``sent_to_count`` (one subquery each, so
        neither multiplies the other's rows)."""
        return self.annotate(
            sent_from_count=_letters_per_place("sent_from"),
            sent_to_count=_letters_per_place("sent_to"),
        )

    def with_coordinates(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)


def _letters_per_place(field):
    letters = Place._meta.get_field(f"letters_{field}").related_model
    counts = (
        letters.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


class PlaceManager(models.Manager.from_queryset(PlaceQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Place(models.Model):
    #: stable identifier used in URLs, e.g. "zurich"
    slug = models.SlugField(max_length=100, unique=True)
    #: the name the edition files the place under, as a document prints it
    name = models.CharField(max_length=200)
    #: other names the documents give the place ("Cracow" for Krakow), one a line
    variant_names = models.TextField(
        blank=True, help_text="Other names the documents give this place, one a line."
    )
    #: GeoNames or Wikidata record, only where an editor recorded one
    authority_uri = models.URLField(
        "authority record",
        blank=True,
        help_text="The place's GeoNames or Wikidata address, e.g. "
        "http://www.geonames.org/2657896.",
    )
    #: WGS 84 degrees, only where an editor recorded them
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Degrees north (negative: south), e.g. 47.36667.",
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Degrees east (negative: west), e.g. 8.55.",
    )
    #: editorial note on the place
    note = models.TextField(blank=True)

    objects = PlaceManager()

    class Meta:
        ordering = ["name", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="place_coordinates_both_and_in_range",
            ),
        ]
        indexes = [models.Index(fields=["name"], name="place_name")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("places:detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            raise ValidationError(
                {missing: "Give both coordinates, or neither (a point needs both)."}
            )

    @property
    def names(self):
        """The variant names as a list, in the editor's order."""
        return [n.strip() for n in self.variant_names.splitlines() if n.strip()]

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None


def unique_place_slug(name, taken):
    """A slug for a new place called ``name`` that is not in ``taken`` (a set, which
    this adds to): "zurich", then "zurich-2", ..."""
    base = slugify(name)[:90] or "place"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug
