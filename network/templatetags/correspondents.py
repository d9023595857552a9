"""A person's correspondents, for their page (people's apps need not import browse:
the layers run one way, and this app imports browse).

{% load correspondents %}
{% person_correspondents person %}   the table (network/correspondents.py)
"""

from django import template

from network.correspondents import MAX_SHOWN, exchanges

register = template.Library()


@register.inclusion_tag("network/correspondents.html")
def person_correspondents(person):
    found = exchanges(person)
    return {
        "person": person,
        "exchanges": found[:MAX_SHOWN],
        "exchanges_left_out": max(0, len(found) - MAX_SHOWN),
    }
