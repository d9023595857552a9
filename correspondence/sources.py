"""The publications and sites letters appear in, and how a letter stands in each.

Models of the correspondence app, kept apart from ``models.py`` (which imports them) so
that neither module grows past what one reads at a sitting; ``LetterSource`` names the
letter by its label, so this module imports nothing of ``models.py``.
"""

from django.db import models
from django.urls import reverse


class SourceManager(models.Manager):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class Source(models.Model):
    """A publication or site a letter appears in: a book volume, a periodical, a web
    archive."""

    #: stable identifier derived from the bibliographic fields, e.g.
    #: "pipes-1996-unknown-lenin"
    key = models.SlugField(max_length=200, unique=True)
    title = models.CharField(max_length=500)
    author = models.CharField(max_length=200, blank=True)
    editor = models.CharField(max_length=200, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    place = models.CharField(max_length=200, blank=True)
    #: year of publication as printed (kept as text: "[1976]" is printed with brackets)
    year = models.CharField(max_length=20, blank=True)
    volume = models.CharField(max_length=50, blank=True)
    #: home page of an online source
    url = models.URLField(blank=True)

    objects = SourceManager()

    class Meta:
        ordering = ["title", "volume"]

    def __str__(self):
        parts = [
            self.author,
            self.title,
            f"vol. {self.volume}" if self.volume else "",
            self.year,
        ]
        return ", ".join(p for p in parts if p)

    def get_absolute_url(self):
        return reverse("sources:detail", args=[self.key])

    def natural_key(self):
        return (self.key,)


class LetterSourceManager(models.Manager):
    def get_by_natural_key(self, letter_slug, source_key, role):
        return self.get(letter__slug=letter_slug, source__key=source_key, role=role)


class LetterSource(models.Model):
    """How one letter stands in one source: its role, and the pages and people of that
    printing."""

    class Role(models.TextChoices):
        EDITION = "edition", "edition"
        FIRST_PUBLICATION = "first_publication", "first publication"
        TRANSCRIPTION = "transcription", "online transcription"

    letter = models.ForeignKey(
        "correspondence.Letter", on_delete=models.CASCADE, related_name="letter_sources"
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="letter_sources"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    #: pages as printed, e.g. "27-30"
    pages = models.CharField(max_length=50, blank=True)
    translator = models.CharField(max_length=200, blank=True)
    transcriber = models.CharField(max_length=200, blank=True)
    licence = models.TextField(blank=True)
    #: the address of this letter's page, for an online source
    url = models.URLField(blank=True)
    #: the source's own remark on this printing, e.g. "Printed from the Bulletins text."
    note = models.CharField(max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = LetterSourceManager()

    class Meta:
        ordering = ["letter", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "source", "role"],
                name="unique_source_role_per_letter",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.source}"

    def natural_key(self):
        return (self.letter.slug, self.source.key, self.role)

    natural_key.dependencies = ["correspondence.letter", "correspondence.source"]
