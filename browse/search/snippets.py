"""Snippets for a page of results: a passage with the matches in ``<mark>``."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .query import SPACES, START, STOP, AllOf
from .ranking import backend_for, parsed

#: words of a letter's opening shown when no passage matches
SNIPPET_WORDS = 25


def _html(fragment):
    """Escape a snippet and turn the sentinels into <mark> tags (and nothing else)."""
    fragment = SPACES.sub(" ", fragment).strip()
    return mark_safe(escape(fragment).replace(START, "<mark>").replace(STOP, "</mark>"))


def _opening(text):
    words = (text or "").split()
    return " ".join(words[:SNIPPET_WORDS]) + (
        " …" if len(words) > SNIPPET_WORDS else ""
    )


def _best(body, notes):
    """The body's passage if it has a match or the notes' has none, else the notes'."""
    if START in body or (body.strip() and START not in notes) or not notes:
        return body
    return notes


def snippets_for(letters, query, using=None):
    """{letter id: safe HTML} for ``letters`` (Letter objects or ids): a passage with
    the matches in ``<mark>`` (from the body if it matches, else from the notes), or the
    opening of the letter. The text is escaped; only the <mark> tags are HTML. At most
    two queries whatever the number of letters; a letter missing from the index gets no
    entry."""
    letters = list(letters)
    ids = list(dict.fromkeys(getattr(letter, "pk", letter) for letter in letters))
    if not ids:
        return {}
    if using is None:
        states = (getattr(letter, "_state", None) for letter in letters)
        using = next((s.db for s in states if s and s.db), DEFAULT_DB_ALIAS)
    parsed_query, backend = parsed(query), backend_for(using)
    result = {}
    with connections[using].cursor() as cursor:
        if parsed_query.required:
            rows = backend.snippets(cursor, ids, AllOf(parsed_query.required))
            result = {pk: _html(_best(body, notes)) for pk, body, notes in rows}
        missing = [pk for pk in ids if pk not in result]
        if missing:
            for pk, body, notes in backend.bodies(cursor, missing):
                result[pk] = _html(_opening(body or notes))
    return result
