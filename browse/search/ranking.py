"""Filtering and ranking letters by a reader's query, on either database.

:func:`filter_and_rank` narrows a ``Letter`` QuerySet to the matches of a
:class:`~browse.search.query.ParsedQuery` and annotates ``search_rank``; the back end
(``sqlite.py``, ``postgresql.py``) is chosen once, by the connection's vendor.
"""

import numpy as np
from django.db import NotSupportedError, connections
from django.db.models import Expression, F, FloatField, Value
from django.db.models.expressions import RawSQL

from .postgresql import PostgreSQL
from .query import AllOf, AnyOf, ParsedQuery, parse_query
from .sqlite import SQLite

_BACKENDS = {"sqlite": SQLite(), "postgresql": PostgreSQL()}

#: the most matches read best first before the database is asked for the ranks of
#: every letter that may be shown instead (a deep page, or a narrow filter)
BEST_RANKED_MOST = 2000
#: the fewest matches read best first for a page
BEST_RANKED_FIRST = 200
#: the letters ranked at first in date order to find those ranked as a page's last
TIED_FIRST = 500


def backend_for(using):
    vendor = connections[using].vendor
    try:
        return _BACKENDS[vendor]
    except KeyError:
        raise NotSupportedError(
            f"Letter search supports SQLite and PostgreSQL, not {vendor}."
        ) from None


class _Rank(Expression):
    """A correlated subquery giving the rank of the outer letter; compiled with the
    outer query's own alias for the letter id, so it survives joins and subqueries."""

    output_field = FloatField()

    def __init__(self, sql, params, letter_id=None):
        super().__init__(output_field=FloatField())
        self.sql, self.params = sql, list(params)
        self.letter_id = letter_id if letter_id is not None else F("pk")

    def get_source_expressions(self):
        return [self.letter_id]

    def set_source_expressions(self, exprs):
        (self.letter_id,) = exprs

    def as_sql(self, compiler, connection):
        id_sql, id_params = compiler.compile(self.letter_id)
        return f"COALESCE(({self.sql.replace('{letter_id}', id_sql)}), 0.0)", [
            *self.params,
            *id_params,
        ]


def matching_sql(backend, template, node, narrowed_by=None):
    """``template`` (one of the back end's ``*_ids_sql``) matching ``node``, and its
    parameters: the query at each "{query}", with its parameters each time, and what
    narrows its matches at "{pairs}" (PostgreSQL's phrases of ``narrowed_by``, default
    ``node``), its parameters last."""
    sql, params = backend.render(node)
    pairs_sql, pairs_params = backend.pairs_condition(narrowed_by or node)
    return (
        template.replace("{query}", sql).replace("{pairs}", pairs_sql),
        params * template.count("{query}") + pairs_params,
    )


def matching_ids(backend, node):
    return RawSQL(*matching_sql(backend, backend.match_ids_sql, node))


def filter_and_rank(queryset, query):
    """``queryset`` narrowed to the letters matching ``query`` (text or a
    :class:`ParsedQuery`), annotated with ``search_rank`` (higher is better: ``ts_rank``
    on PostgreSQL, ``-bm25`` on SQLite). An empty query filters nothing; an
    exclusions-only query keeps every letter without the excluded terms; both rank every
    letter 0."""
    parsed_query = parsed(query)
    if parsed_query.is_empty:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    backend = backend_for(queryset.db)
    if not parsed_query.required:
        return queryset.exclude(
            pk__in=matching_ids(backend, AnyOf(parsed_query.excluded))
        ).annotate(search_rank=Value(0.0, output_field=FloatField()))
    # Ranked on the required terms alone: ts_rank gives 0 to any query with a !! in it.
    sql, params = backend.render(AllOf(parsed_query.required))
    rank = _Rank(backend.rank_sql.replace("{query}", sql), params)
    return queryset.filter(pk__in=matching_ids(backend, parsed_query.tree)).annotate(
        search_rank=rank
    )


def parsed(query):
    """``query`` as a :class:`ParsedQuery` (text is parsed)."""
    return query if isinstance(query, ParsedQuery) else parse_query(query)


def search_letters(query, queryset=None):
    """The letters (of ``queryset``, default every letter) matching ``query``, with
    ``search_rank``: :func:`filter_and_rank` for callers that start from nothing."""
    from correspondence.models import Letter

    return filter_and_rank(
        Letter.objects.all() if queryset is None else queryset, query
    )


def matching_letters(query, using, ranked=False):
    """The ids of the letters matching ``query`` (a :class:`ParsedQuery` with words a
    letter must contain), and with ``ranked`` their ``search_rank`` as
    :func:`filter_and_rank` gives it (else None): ``(ids, ranks)``, two lists."""
    ids, ranks = matches(query, using, ranked)
    return ids.tolist(), (ranks.tolist() if ranked else None)


def matches(query, using, ranked=False):
    """:func:`matching_letters` as arrays. One query for the words, one more for any
    excluded terms (and on PostgreSQL, in date order, one to read how its phrases are
    split into words)."""
    backend, node = backend_for(using), AllOf(query.required)
    with connections[using].cursor() as cursor:
        if ranked:  # the rank reads every match's document anyway
            found = matching_sql(backend, backend.ranked_ids_sql, node)
            ids, ranks = _arrays(backend.fetch_matches(cursor, *found))
        else:
            rest, exact = backend.without_exact_phrases(cursor, node)
            if exact is not None and not rest.items:
                found = exact
            else:
                found = matching_sql(backend, backend.match_ids_sql, rest, node)
            ids, ranks = _fetch_ids(backend, cursor, *found), None
    if query.excluded:
        kept = ~np.isin(ids, _excluded_ids(query, using))
        ids, ranks = ids[kept], (ranks[kept] if ranked else None)
    return ids, ranks


def excluded_letters(query, using):
    """The ids of the letters holding any of ``query``'s excluded terms."""
    return _excluded_ids(query, using).tolist()


def _excluded_ids(query, using):
    """:func:`excluded_letters` as an array."""
    backend = backend_for(using)
    found = matching_sql(backend, backend.match_ids_sql, AnyOf(query.excluded))
    with connections[using].cursor() as cursor:
        return _fetch_ids(backend, cursor, *found)


def _fetch_ids(backend, cursor, sql, params):
    """The ids ``sql`` selects, in an array, read as one text the database joins:
    a row each, the 100,000 letters of a word in all of them took 30 ms on SQLite,
    as one text 10."""
    [(text,)] = backend.fetch_matches(
        cursor, backend.joined_ids_sql.replace("{ids}", sql), params
    )
    if not text:
        return np.empty(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=" ")


def best_ranked(query, using, count, chosen, keep):
    """``(ids, ranks)`` of letters matching ``query`` among ``chosen`` (ids in date
    order; ``keep`` gives the mask of an array of ids that are chosen) holding the
    ``count`` first in relevance order (best first, equal ranks in date order); all
    of them if fewer. None if the database cannot say without ranking them all: more
    than ``BEST_RANKED_MOST`` letters to read, or too few of those read chosen.

    The best are read from the index (a query of ``query.one_word``, where the back
    end ``orders_by_rank``: FTS5's bm25; on PostgreSQL the RUM index's order, then
    ts_rank's). When the last of the
    ``count`` is ranked as letters not read (one word once in the body ranks a
    thousand letters alike), the earliest of those are found by ranking the chosen
    letters in date order, a few at a time; or, where few of the first tie, by
    reading from the index every letter ranked so or better."""
    if count > BEST_RANKED_MOST:
        return None
    limit = min(max(2 * count, BEST_RANKED_FIRST), BEST_RANKED_MOST)
    rows = _read_best(query, using, limit)
    ids, ranks = _arrays(rows)
    kept = keep(ids)
    share = kept.mean() if len(rows) else 1.0  # of the matches, how many are chosen
    if len(rows) < limit:  # every match read
        return ids[kept], ranks[kept]
    ids, ranks = ids[kept], ranks[kept]
    if len(ids) < count:
        return None
    last = np.sort(ranks)[::-1][count - 1]
    if rows[-1][1] < last:  # every letter ranked as the last is read
        return ids, ranks
    # every letter ranked above the last is read (the index gives them first)
    above = ranks > last
    n_above = int(above.sum())
    needed, tied, size, start = count - n_above, [], TIED_FIRST, 0
    while needed > 0 and start < len(chosen):
        some = chosen[start : start + size]
        some_ids, some_ranks = ranks_of(query, using, some)
        found = some[np.isin(some, some_ids[some_ranks == last])]  # in date order
        tied.append(found[:needed])
        needed -= len(tied[-1])
        start, size = start + size, 2 * size
        if needed > 0 and len(tied) == 1 and limit < BEST_RANKED_MOST:
            # Few of the first letters tie with the last ("child": 4 of 500, the
            # next 55 would take 7,000 letters ranked): the index reads all the
            # ties (215), and those above them, sooner, in one go
            density = max(len(found), 1) / start
            ties = density * len(chosen) / share
            wanted = int(2 * (n_above / share + ties))
            if needed / density > wanted and wanted <= BEST_RANKED_MOST:
                more = min(max(wanted, 2 * limit), BEST_RANKED_MOST)
                best = _all_above(query, using, more, last, keep)
                if best is not None:
                    return best
    tied_ids = np.concatenate([np.empty(0, dtype=np.int64), *tied])
    return (
        np.concatenate([ids[above], tied_ids]),
        np.concatenate([ranks[above], np.full(len(tied_ids), last)]),
    )


def _read_best(query, using, limit):
    """(id, rank) of the ``limit`` best matches of ``query``, best first, from the
    index."""
    backend, node = backend_for(using), AllOf(query.required)
    sql, params = backend.render(node)
    with connections[using].cursor() as cursor:
        return backend.fetch_best(
            cursor, backend.best_ranked_sql.replace("{query}", sql), [*params, limit]
        )


def _all_above(query, using, limit, last, keep):
    """``(ids, ranks)`` of the chosen letters among the ``limit`` best matches, if
    they hold every letter ranked ``last`` or better; else None."""
    rows = _read_best(query, using, limit)
    if len(rows) == limit and rows[-1][1] >= last:
        return None
    ids, ranks = _arrays(rows)
    kept = keep(ids)
    return ids[kept], ranks[kept]


def _arrays(rows):
    """Rows of (id, rank) as two arrays."""
    return (
        np.array([row[0] for row in rows], dtype=np.int64),
        np.array([row[1] for row in rows], dtype=np.float64),
    )


def ranks_of(query, using, ids):
    """``(ids, ranks)`` of the letters ``ids``, all of which match ``query`` (and on
    SQLite, where they are most of its matches, of every match): ranks in the order,
    and with the ties, of :func:`filter_and_rank`'s (on PostgreSQL the RUM index's
    distance, negated, as ``best_ranked`` reads it)."""
    backend, node = backend_for(using), AllOf(query.required)
    sql, params = backend.render(node)
    with connections[using].cursor() as cursor:
        return _arrays(backend.ranks_of(cursor, sql, params, ids))
