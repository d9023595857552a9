"""Full-text search over letters, the read side: one query language, the same results on
SQLite and PostgreSQL.

The reader's query language
---------------------------
- ``words``: every word must occur. Case and diacritics don't matter ("misere" finds
  "misère") and English stemming applies ("liquidator" finds "liquidators").
- ``"quoted phrases"``: the words next to each other, in this order.
- ``OR`` (upper case) between two words or phrases: either will do. OR binds tighter
  than the implicit AND: ``Malinovsky Plekhanov OR Troianovsky`` is Malinovsky AND
  (Plekhanov OR Troianovsky). Upper-case ``AND`` is the default and is dropped.
- ``-word`` or ``-"a phrase"``: letters that do not contain it. A query made only of
  exclusions ("-Plekhanov") finds every letter except those that contain any excluded
  term.
- Everything else is plain text. Punctuation splits a word into parts searched as a
  phrase, exactly as the index splits the letters ("W.L." is the phrase "w l");
  ``*``, ``(``, ``:``, ``^`` and the like mean nothing (no prefix search, no column
  filters, no NEAR); an unmatched quote, a stray ``OR`` or a lone ``-`` is dropped.
  Queries are cut to ``MAX_QUERY_LENGTH`` characters, and to ``MAX_QUERY_WORDS``
  words searched for (the rest dropped, with a message).

No input raises: :func:`parse_query` always returns a :class:`ParsedQuery` whose
``messages`` the page can show ("Your query was treated as plain words."). Reader text
never reaches ``MATCH`` or a tsquery unescaped: on SQLite every term is an FTS5 string
(``"`` doubled) and the whole MATCH expression is one bound parameter; on PostgreSQL
each term is a bound parameter of ``phraseto_tsquery`` and the tree is combined with
``&&``, ``||`` and ``!!``.

Modules
-------
- ``query.py``: :func:`parse_query` and the tree (:class:`Term`, :class:`AnyOf`,
  :class:`Not`, :class:`AllOf`, :class:`ParsedQuery`); no database.
- ``sqlite.py``, ``postgresql.py``: the tree rendered for FTS5 ``MATCH`` and for
  ``tsquery``, with each back end's snippet SQL.
- ``ranking.py``: :func:`filter_and_rank` (matching letters, ``search_rank``), and
  :func:`best_ranked`, a page of one word in relevance order read best first (FTS5,
  and PostgreSQL where it has the RUM index of correspondence migration 0011).
- ``snippets.py``: :func:`snippets_for`; ``windows.py``: the part of a body PostgreSQL's
  headline needs for a query of one word.

What is indexed, and how the index is kept current, is
``correspondence/search_index.py`` (the write side); nothing here writes.
"""

from .query import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_WORDS,
    NOTHING_TO_SEARCH,
    ONLY_EXCLUSIONS,
    PLAIN_WORDS,
    SHORTENED,
    TOO_MANY_WORDS,
    AllOf,
    AnyOf,
    Not,
    ParsedQuery,
    Term,
    one_word,
    parse_query,
)
from .ranking import (
    backend_for,
    best_ranked,
    excluded_letters,
    filter_and_rank,
    matches,
    matching_ids,
    matching_letters,
    ranks_of,
    search_letters,
)
from .snippets import snippets_for

__all__ = [
    "MAX_QUERY_LENGTH",
    "MAX_QUERY_WORDS",
    "NOTHING_TO_SEARCH",
    "ONLY_EXCLUSIONS",
    "PLAIN_WORDS",
    "SHORTENED",
    "TOO_MANY_WORDS",
    "AllOf",
    "AnyOf",
    "Not",
    "ParsedQuery",
    "Term",
    "backend_for",
    "best_ranked",
    "excluded_letters",
    "filter_and_rank",
    "matching_ids",
    "matches",
    "matching_letters",
    "parse_query",
    "one_word",
    "ranks_of",
    "search_letters",
    "snippets_for",
]
