"""The values of a facet on /letters/, rendered in Python.

A browsing page lists up to 50 values of each of nine facets. Through an included
template each value cost about 20 µs of rendering (a quarter of the page's, measured
at 100,000 letters with nothing cached); formatted here it costs a few.
"""

from django import template
from django.template.defaultfilters import pluralize
from django.utils.safestring import mark_safe

from config.html import escaped

register = template.Library()


@register.simple_tag
def facet_values(name, items):
    """One <li> a value: a checkbox (a radio button for the month) labelled with the
    value and its number of letters; a value with none is marked."""
    kind = "radio" if name == "month" else "checkbox"
    name = escaped(name)
    rows = []
    for item in items:
        value, count = escaped(item["value"]), item["count"]
        rows.append(
            f'<li class="facet__value{"" if count else " facet__value--none"}">'
            f'<input type="{kind}" id="f-{name}-{value}" name="{name}" '
            f'value="{value}"{" checked" if item["selected"] else ""}> '
            f'<label for="f-{name}-{value}">{escaped(item["label"])} '
            f'<span class="facet__count">{escaped(count)}'
            f'<span class="visually-hidden"> letter{pluralize(count)}</span>'
            "</span></label></li>\n"
        )
    return mark_safe("".join(rows))
