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
from django.utils.html import format_html, format_html_join

from .letter_text import gregorian_html, with_markers

register = template.Library()

#: a part of the line under the title, after the date
SEPARATED = ' <span class="sep" aria-hidden="true">·</span> '
#: how a person's page says they stood on a letter, where the title does not tell
ROLE_BADGES = {"co_signer": "co-signer", "copy_to": "copy"}


def _role_badge(letter, person):
    """ "co-signer" or "copy" when ``person`` stands so on ``letter`` (whose links are
    prefetched): a copy's recipient is not in the title."""
    for link in (*letter.sender_list, *letter.recipient_list):
        if link.person_id == person.pk and link.role in ROLE_BADGES:
            return format_html(' <span class="badge">{}</span>', ROLE_BADGES[link.role])
    return ""


@register.simple_tag
def letter_row(letter, level=2, person=None):
    """Title (a link), date, where from, whether an excerpt, how many notes (and, with
    ``person``, how they stood on it if not as sender or addressee); then the heading
    and, when searching, the snippet (``letter.snippet``) if there are any."""
    meta = [
        format_html('<span class="letter-row__date">{}</span>', gregorian_html(letter))
    ]
    if letter.date_supplied:
        meta.append(
            format_html(' <span class="supplied-label">{}</span>', "date supplied")
        )
    if letter.place_sent:
        meta.append(format_html(SEPARATED + "<span>from {}</span>", letter.place_sent))
    if letter.excerpt:
        meta.append(format_html(' <span class="badge">{}</span>', "Excerpt"))
    if person is not None and (badge := _role_badge(letter, person)):
        meta.append(badge)
    notes = getattr(letter, "footnote_count", 0)
    if notes:
        meta.append(
            format_html(
                SEPARATED + '<span class="letter-row__notes">{} note{}</span>',
                notes,
                pluralize(notes),
            )
        )
    heading = snippet = ""
    if letter.heading:
        heading = format_html(
            '\n  <p class="letter-row__heading">{}</p>', with_markers(letter.heading)
        )
    if getattr(letter, "snippet", None):
        snippet = format_html(
            '\n  <p class="letter-row__snippet">{}</p>', letter.snippet
        )
    return format_html(
        '<li class="letter-row">\n'
        '  <h{level} class="letter-row__title"><a href="{url}">{title}</a></h{level}>\n'
        '  <p class="letter-row__meta">\n    {meta}\n  </p>{heading}{snippet}\n</li>\n',
        level=level,
        url=letter.get_absolute_url(),
        title=letter.title,
        meta=format_html_join("", "{}", ((part,) for part in meta)),
        heading=heading,
        snippet=snippet,
    )
