"""A letter as one row of a list (/letters/, a person's, a topic's, a place's letters).

    {% load letter_rows %}
    {% letter_row letter %}            the row, its title a <h2>
    {% letter_row letter level=3 %}    under a page's own <h2>
    {% letter_row letter person=person %}  on a person's page: says when they signed
                                       beside the sender or got a copy

Formatted in Python rather than by an included template: /letters/ shows up to 100 rows,
and the template engine spent about 150 µs on each (half of the page's rendering at
100,000 letters with nothing cached).
"""

from django import template
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.safestring import mark_safe

from config.html import SLUG, with_slug
from config.html import escaped as _html

from .letter_text import gregorian_html, with_markers

register = template.Library()

#: a part of the line under the title, after the date
SEPARATED = ' <span class="sep" aria-hidden="true">·</span> '


def _letter_url(context, slug):
    """``Letter.get_absolute_url`` with one ``reverse()`` a page, not one a row."""
    url = context.render_context.get(_letter_url)
    if url is None:
        url = context.render_context[_letter_url] = reverse(
            "letters:detail", args=[SLUG]
        )
    return with_slug(url, slug)


#: how a person's page says they stood on a letter, where the title does not tell
ROLE_BADGES = {"co_signer": "co-signer", "copy_to": "copy"}


def _role_badge(letter, person):
    """ "co-signer" or "copy" when ``person`` stands so on ``letter`` (whose links are
    prefetched): a copy's recipient is not in the title."""
    for link in (*letter.sender_list, *letter.recipient_list):
        if link.person_id == person.pk and link.role in ROLE_BADGES:
            return f' <span class="badge">{ROLE_BADGES[link.role]}</span>'
    return ""


@register.simple_tag(takes_context=True)
def letter_row(context, letter, level=2, person=None):
    """Title (a link), date, where from, whether an excerpt, how many notes (and, with
    ``person``, how they stood on it if not as sender or addressee); then the heading
    and, when searching, the snippet (``letter.snippet``) if there are any."""
    meta = f'<span class="letter-row__date">{_html(gregorian_html(letter))}</span>'
    if letter.date_supplied:
        meta += ' <span class="supplied-label">date supplied</span>'
    if letter.place_sent:
        meta += f"{SEPARATED}<span>from {_html(letter.place_sent)}</span>"
    if letter.excerpt:
        meta += ' <span class="badge">Excerpt</span>'
    if person is not None:
        meta += _role_badge(letter, person)
    notes = getattr(letter, "footnote_count", 0)
    if notes:
        meta += (
            f'{SEPARATED}<span class="letter-row__notes">'
            f"{notes} note{pluralize(notes)}</span>"
        )
    heading = snippet = ""
    if letter.heading:
        heading = (
            '\n  <p class="letter-row__heading">'
            f"{_html(with_markers(letter.heading))}</p>"
        )
    if getattr(letter, "snippet", None):
        snippet = f'\n  <p class="letter-row__snippet">{_html(letter.snippet)}</p>'
    url = _letter_url(context, letter.slug)
    return mark_safe(
        '<li class="letter-row">\n'
        f'  <h{level} class="letter-row__title">'
        f'<a href="{_html(url)}">{_html(letter.title)}</a>'
        f"</h{level}>\n"
        f'  <p class="letter-row__meta">\n    {meta}\n  </p>{heading}{snippet}\n</li>\n'
    )
