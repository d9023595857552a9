"""Snippets for a page of results: a passage with the matches in ``<mark>``, or, for a
letter found only by the heading or the name of someone in it ("W.L."), which name
matched and whose it is."""

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from correspondence.search_index import words

from .query import SPACES, START, STOP, AllOf, AnyOf
from .ranking import backend_for, parsed

#: words of a letter's opening shown when no passage matches
SNIPPET_WORDS = 25
#: matched names told at most
NAMES_TOLD = 3


def _html(fragment):
    """Escape a snippet and turn the sentinels into <mark> tags (and nothing else)."""
    fragment = SPACES.sub(" ", fragment).strip()
    return mark_safe(escape(fragment).replace(START, "<mark>").replace(STOP, "</mark>"))


def _opening(text):
    words = (text or "").split()
    return " ".join(words[:SNIPPET_WORDS]) + (
        " …" if len(words) > SNIPPET_WORDS else ""
    )


def _terms(node):
    """The word tuples of the terms of a query tree's items."""
    for item in node.items:
        for term in item.terms if isinstance(item, AnyOf) else (item,):
            yield tuple(term.text.split())


def _holds(line_words, term):
    n = len(term)
    return any(
        tuple(line_words[i : i + n]) == term for i in range(len(line_words) - n + 1)
    )


def _names_matched(columns, node, using):
    """{letter id: why it matched} for the letters among ``columns`` (their names
    column by id: the heading, then every name of their people, one a line) where a
    line holds a term of ``node``: "Matched the name <mark>W.L.</mark> (Lenin)", as
    safe HTML. Lines are split into words as the index splits them (stemming aside:
    a letter found only through a stem gets no entry). Two queries, whatever the
    number of letters."""
    from people.models import Person, PersonName

    terms = list(_terms(node))
    lines = {}
    for pk, column in columns.items():
        found = [
            line.strip()
            for line in (column or "").splitlines()
            if any(_holds(words(line), term) for term in terms)
        ]
        if found:
            lines[pk] = list(dict.fromkeys(found))[:NAMES_TOLD]
    names = {line for found in lines.values() for line in found}
    primary = set(
        Person.objects.using(using)
        .filter(name__in=names)
        .values_list("name", flat=True)
    )
    whose = {}
    for variant, person in (
        PersonName.objects.using(using)
        .filter(name__in=names)
        .values_list("name", "person__name")
    ):
        whose.setdefault(variant, set()).add(person)

    def told(line):
        if line in primary or len(whose.get(line, ())) > 1:
            return format_html("the name <mark>{}</mark>", line)
        if line in whose:
            return format_html(
                "the name <mark>{}</mark> ({})", line, next(iter(whose[line]))
            )
        return format_html("the heading “<mark>{}</mark>”", line)

    return {
        pk: format_html(
            "Matched {}", format_html_join("; ", "{}", ([told(line)] for line in found))
        )
        for pk, found in lines.items()
    }


def _best(body, notes):
    """The body's passage if it has a match or the notes' has none, else the notes'."""
    if START in body or (body.strip() and START not in notes) or not notes:
        return body
    return notes


def _with_notes(backend, cursor, rows, node):
    """``rows`` with every notes' passage a string: a back end may leave it None where
    the body matched the whole query, as the body is then shown; should the body's
    passage mark nothing all the same, the notes' is asked for after all."""
    wanted = [pk for pk, body, notes, _ in rows if notes is None and START not in body]
    notes_of = dict(backend.notes_snippets(cursor, wanted, node)) if wanted else {}
    return [
        (pk, body, notes if notes is not None else notes_of.get(pk, ""), names)
        for pk, body, notes, names in rows
    ]


def snippets_for(letters, query, using=None):
    """{letter id: safe HTML} for ``letters`` (Letter objects or ids): a passage with
    the matches in ``<mark>`` (from the body if it matches, else from the notes), or the
    opening of the letter; for a letter matched only by its heading or the name of
    someone in it, which name matched. The text is escaped; only the <mark> tags are
    HTML. At most five queries whatever the number of letters; a letter missing from
    the index gets no entry."""
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
            required = AllOf(parsed_query.required)
            rows = backend.snippets(cursor, ids, required)
            rows = _with_notes(backend, cursor, rows, required)
            passages, unmarked = {}, {}
            for pk, body, notes, names in rows:
                passages[pk] = _best(body, notes)
                if START not in body and START not in notes:
                    unmarked[pk] = names
            result = {pk: _html(passage) for pk, passage in passages.items()}
            if unmarked:  # no passage shows the match: a name may say why
                result.update(_names_matched(unmarked, required, using))
        missing = [pk for pk in ids if pk not in result]
        if missing:
            for pk, body, notes in backend.bodies(cursor, missing):
                result[pk] = _html(_opening(body or notes))
    return result
