"""The vocabularies letters are described with: their topics and their languages.

Models of the correspondence app, kept apart from ``models.py`` (which imports them) so
that neither module grows past what one reads at a sitting; this module imports nothing
of ``models.py``.
"""

from django.db import models
from django.db.models import Count
from django.urls import reverse


class SlugManager(models.Manager):
    """Natural keys by slug, so fixtures load idempotently without numeric ids."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class TopicQuerySet(models.QuerySet):
    def with_letter_counts(self):
        return self.annotate(letter_count=Count("letters", distinct=True))


class TopicManager(SlugManager.from_queryset(TopicQuerySet)):
    pass


class Topic(models.Model):
    #: stable identifier used in URLs, e.g. "malinovsky-affair"
    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    #: editorial description of what the topic covers
    description = models.TextField(blank=True)

    objects = TopicManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topics:detail", args=[self.slug])

    def natural_key(self):
        return (self.slug,)


class LanguageManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Language(models.Model):
    """A language letters are written in: the editors' list, with ISO 639 codes."""

    #: ISO 639-1 code where there is one ("fr"), else ISO 639-3 ("yid" is also fine)
    code = models.SlugField(
        max_length=10,
        unique=True,
        help_text="ISO 639-1 code (two letters) where there is one, e.g. fr.",
    )
    #: its English name, e.g. "French"
    name = models.CharField(max_length=100, unique=True)

    objects = LanguageManager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)
