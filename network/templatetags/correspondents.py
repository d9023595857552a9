"""A person's correspondents, for their page (people's apps need not import browse:
the layers run one way, and this app imports browse).

{% load correspondents %}
{% person_correspondents person %}   the table (network/correspondents.py)

Its rows are formatted in Python (``correspondent_rows``): through the template each
of the 100 rows cost about 170 µs (two reverse() calls and a dozen lookups), a third
of the busiest people's pages at 100,000 letters with nothing cached.
"""

from django import template
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from config.html import SLUG, escaped, with_slug
from network.correspondents import MAX_SHOWN, busiest_exchanges

register = template.Library()


@register.inclusion_tag("network/correspondents.html")
def person_correspondents(person):
    shown, left_out = busiest_exchanges(person, MAX_SHOWN)
    return {"person": person, "exchanges": shown, "exchanges_left_out": left_out}


@register.simple_tag
def correspondent_rows(person, exchanges):
    """One <tr> an ``Exchange``: the correspondent (a link to their page), the
    letters each way (each a link to those letters on /letters/) and the years."""
    person_url = reverse("people:detail", args=[SLUG])
    letters = reverse("letters:list")
    name = escaped(person.name)
    rows = []
    for exchange in exchanges:
        them = exchange.correspondent
        their_name = escaped(them.name)
        url = with_slug(person_url, them.slug)
        cells = []
        for count, sender, recipient, from_name, to_name in (
            (exchange.to_them, person.slug, them.slug, name, their_name),
            (exchange.from_them, them.slug, person.slug, their_name, name),
        ):
            if not count:
                cells.append('<td class="correspondents__n">0</td>')
                continue
            href = f"{letters}?{urlencode({'sender': sender, 'recipient': recipient})}"
            cells.append(
                f'<td class="correspondents__n"><a href="{escaped(href)}" '
                f'aria-label="{count} letter{pluralize(count)} from {from_name} '
                f'to {to_name}">{count}</a></td>'
            )
        first, last = exchange.first_year, exchange.last_year
        years = first if first == last else f"{first}–{last}"
        rows.append(
            f'<tr><th scope="row"><a href="{escaped(url)}">{their_name}</a></th>'
            f'{"".join(cells)}<td class="correspondents__years">'
            f"{'undated' if first is None else years}</td></tr>\n"
        )
    return mark_safe("".join(rows))
