"""/sitemap.xml: an index of one sitemap per kind of page (letters, people, topics,
the fixed pages), each split into files of at most 50,000 addresses as the sitemaps
protocol requires, so the index stays valid for hundreds of thousands of letters."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from correspondence.models import Letter, Topic
from people.models import Person


class _SlugSitemap(Sitemap):
    model = None

    def items(self):
        return self.model.objects.order_by("id").only("id", "slug")


class LetterSitemap(_SlugSitemap):
    model = Letter
    priority = 0.8


class PersonSitemap(_SlugSitemap):
    model = Person
    priority = 0.6


class TopicSitemap(_SlugSitemap):
    model = Topic
    priority = 0.5


class PageSitemap(Sitemap):
    priority = 0.7

    def items(self):
        return [
            "home",
            "letters:list",
            "people:list",
            "topics:list",
            "exports:downloads",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {
    "pages": PageSitemap,
    "letters": LetterSitemap,
    "people": PersonSitemap,
    "topics": TopicSitemap,
}
