"""A letter page's links to its other forms and its citation.

{% load letter_exports %}
{% letter_metadata letter %}   in <head>: alternates (TEI, JSON), Dublin Core
{% letter_citation letter %}   the "Cite this letter" section
"""

from django import template
from django.urls import reverse
from django.utils import timezone

from correspondence.exports import citation
from correspondence.exports.cmif import EDITION_TITLE

register = template.Library()


def _permalink(context, letter):
    request = context.get("request")
    path = letter.get_absolute_url()
    return request.build_absolute_uri(path) if request is not None else path


@register.inclusion_tag(
    "correspondence/snippets/letter_metadata.html", takes_context=True
)
def letter_metadata(context, letter):
    request = context.get("request")
    absolute = request.build_absolute_uri if request is not None else (lambda p: p)
    first = letter.date_start or letter.date_end
    last = letter.date_end or letter.date_start
    if first and first == last:
        dc_date = first.isoformat()
    elif first:
        bounds = (letter.date_start, letter.date_end)
        dc_date = "/".join(day.isoformat() if day else ".." for day in bounds)
    else:
        dc_date = ""
    return {
        "letter": letter,
        "permalink": _permalink(context, letter),
        "tei_url": absolute(reverse("letters:tei", args=[letter.slug])),
        "json_url": absolute(reverse("api:letter-detail", args=[letter.slug])),
        "dc_date": dc_date,
        "edition_title": EDITION_TITLE,
    }


@register.inclusion_tag("correspondence/snippets/citation.html", takes_context=True)
def letter_citation(context, letter):
    permalink = _permalink(context, letter)
    accessed = timezone.localdate()
    return {
        "letter": letter,
        "permalink": permalink,
        "accessed": accessed,
        "chicago_html": citation.chicago_html(letter, permalink, accessed),
        "chicago_text": citation.chicago(letter, permalink, accessed),
        "bibtex": citation.bibtex(letter, permalink, accessed),
        "tei_url": reverse("letters:tei", args=[letter.slug]),
        "json_url": reverse("api:letter-detail", args=[letter.slug]),
    }
