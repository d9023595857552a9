"""Timelines of some letters drawn as /letters/ draws its own, for pages outside
browsing (a person's page), so that their apps need not import browse (the layers run
one way: browse imports correspondence and people; this app imports browse).

{% load letter_timelines %}
{% correspondent_timeline person %}   the letters a person sent or received, per year
"""

from django import template
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode

from browse import histogram
from browse.filters import LetterFilter

register = template.Library()


def correspondent_histogram(person):
    """The timeline of /letters/?correspondent=<person>, from the same browse index
    (no query once it is built), each bar a link to its letters there."""
    filterset = LetterFilter(QueryDict(urlencode({"correspondent": person.slug})))
    drawn = histogram.for_filterset(filterset)
    for bar in drawn["bars"]:
        bar.url = reverse("letters:list") + bar.url
    return drawn


@register.inclusion_tag("browse/snippets/histogram.html")
def correspondent_timeline(person):
    return {"histogram": correspondent_histogram(person)}
