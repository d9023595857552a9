"""Bounded cost: requests refused (400) from their parameters alone, before any query.

A ``q`` longer than ``MAX_QUERY_LENGTH`` characters, or a ``page`` reaching past the
first ``MAX_RESULTS_PAGED`` results, is refused with a message to shorten or narrow the
search. Pages hold ``settings.LETTERS_PAGE_SIZE`` letters (no parameter changes it).
"""

from .search import MAX_QUERY_LENGTH

#: paging stops here: a page reaching past this many results is refused
MAX_RESULTS_PAGED = 10_000
QUERY_TOO_LONG = (
    f"Your search is longer than {MAX_QUERY_LENGTH:,} characters: shorten it."
)


def query_refusal(params):
    """``QUERY_TOO_LONG`` when ``q`` is longer than ``MAX_QUERY_LENGTH`` characters,
    else None (for answers that are not paged, such as the CSV download)."""
    query = params.get("q") or ""
    return QUERY_TOO_LONG if len(query.strip()) > MAX_QUERY_LENGTH else None


def refusal(params, page_size):
    """Why the request ``params`` would cost too much to answer, or None: a ``q``
    longer than ``MAX_QUERY_LENGTH`` characters, or a ``page`` whose last letter
    would lie past the first ``MAX_RESULTS_PAGED`` results. Looks at the parameters
    only (no query, no count), so the 400 is answered at once."""
    if message := query_refusal(params):
        return message
    try:
        page = int(params.get("page") or 1)
    except (TypeError, ValueError):
        return None  # not a number: the paginator's own 400 says so
    if page * page_size > MAX_RESULTS_PAGED:
        return (
            f"Page {page} lies past the first {MAX_RESULTS_PAGED:,} results, as far "
            "as paging goes: narrow the search (a year, a correspondent, a topic or "
            "more words) to reach the letters further on."
        )
    return None
