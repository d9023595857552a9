"""HTML escaping for the few places that format hundreds of values a page (the rows
of a letter list, the values of the facets) in Python."""

from html import escape


def escaped(value):
    """What ``django.utils.html.conditional_escape`` gives, without the lazy-text
    check wrapped around Django's ``escape`` (a third of a row's formatting time): for
    values that are never lazy text."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value))
