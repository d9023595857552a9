"""Letter to letter: where a letter stands in date order, said where its date is
uncertain (correspondence/neighbours.py finds the neighbours).

{% load letter_nav %}
{% letter_placement letter %}        a sentence: where the letter stands, and why
{% neighbour_placement letter %}     a short note beside a neighbour's date
"""

from django import template
from django.db import connection
from django.utils.html import format_html

from .letter_text import _time

register = template.Library()


def is_uncertain(letter):
    """A letter not dated to one day: a range, a month or year, a single bound, or no
    date at all."""
    start, end = letter.date_start, letter.date_end
    return start is None or end is None or start != end


def undated_stand():
    """Where the database (and so the list of letters) puts undated letters."""
    return "after" if connection.features.nulls_order_largest else "before"


@register.simple_tag
def letter_placement(letter):
    """For a letter with an uncertain date: how it is placed among the others."""
    if not is_uncertain(letter):
        return ""
    if letter.date_min is None:
        return format_html(
            "This letter is undated: in date order it stands with the undated "
            "letters, {} the dated ones.",
            undated_stand(),
        )
    if letter.date_start is None:
        return format_html(
            "Its date is known only as before {}: in date order it stands at that day.",
            _time(letter.date_end),
        )
    if letter.date_end is None:
        return format_html(
            "Its date is known only as after {}: in date order it stands at that day.",
            _time(letter.date_start),
        )
    return format_html(
        "Its date is uncertain, between {} and {}: in date order it stands at the "
        "first day of that range.",
        _time(letter.date_start),
        _time(letter.date_end),
    )


@register.simple_tag
def neighbour_placement(letter):
    """Beside a neighbour: whether its date is uncertain, and where it is placed."""
    if not is_uncertain(letter):
        return ""
    if letter.date_min is None:
        return "undated, placed with the undated letters"
    return format_html("uncertain date, placed at {}", _time(letter.date_min))
