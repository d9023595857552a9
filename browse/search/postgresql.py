"""Reading the search index on PostgreSQL: the weighted tsvector of
``correspondence_letter_search``, every term a bound ``phraseto_tsquery``."""

import re

from django.db import transaction

from .query import START, STOP, AllOf, AnyOf, Not, Term, one_word
from .windows import DELIMITER, phrase_window, trusted, window

#: phraseto_tsquery's text for two words found side by side: 'a' <-> 'b'
_TWO_WORDS = re.compile(r"'([^']+)' <-> '([^']+)'")


class PostgreSQL:
    """Each term a bound ``phraseto_tsquery``, combined with && || !!."""

    # {pairs}: a phrase's pairs of adjacent words, where the query has phrases
    match_ids_sql = (
        "SELECT letter_id FROM correspondence_letter_search "
        "WHERE document @@ ({query}){pairs}"
    )
    #: the ids a query of ids selects, as one text (ranking._fetch_ids)
    joined_ids_sql = "SELECT string_agg(letter_id::text, ' ') FROM ({ids}) AS found"
    ranked_ids_sql = (
        "SELECT letter_id, ts_rank(document, {query}) "
        "FROM correspondence_letter_search WHERE document @@ ({query}){pairs}"
    )
    rank_sql = (
        "SELECT ts_rank(document, {query}) FROM correspondence_letter_search "
        "WHERE letter_id = {letter_id}"
    )
    #: the RUM index of migration 0011, where the server had the extension
    rum_index = "correspondence_letter_search_rum"
    # The index's order, document <=> query, is 1 / ts_rank for a query of one word.
    # Ranked by that distance, negated, the best are read from the index with no
    # document read: ts_rank read each (200 to 900 documents a page, most not on it).
    # The same order and ties as ts_rank's on every match of 82 words at 100,000
    # letters; 40 cold relevance pages, twice each way: -6% of their time.
    best_ranked_sql = (
        "SELECT letter_id, -(document <=> query.q) "
        "FROM correspondence_letter_search, (SELECT {query} AS q) AS query "
        "WHERE document @@ query.q ORDER BY document <=> query.q LIMIT %s"
    )
    #: the same rank for the letters ``%s``, each document read
    ranks_sql = (
        "SELECT letter_id, -(document <=> query.q) "
        "FROM correspondence_letter_search, (SELECT {query} AS q) AS query "
        "WHERE letter_id = ANY(%s)"
    )
    headline_options = (
        f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=20, MinWords=8, "
        'FragmentDelimiter=" … "'
    )
    #: the same, fragments split by a character the text never holds (windows.py)
    windowed_options = headline_options.replace(" … ", DELIMITER)

    def orders_by_rank(self, cursor):
        """True if the database gives one word's matches best first (the RUM index)."""
        cursor.execute(
            "SELECT 1 FROM pg_indexes WHERE indexname = %s", [self.rum_index]
        )
        return cursor.fetchone() is not None

    def ranks_of(self, cursor, sql, params, ids):
        """(id, rank) of the letters ``ids`` (the query's SQL ``sql``, ``params`` its
        parameters)."""
        cursor.execute(
            self.ranks_sql.replace("{query}", sql), [*params, [int(i) for i in ids]]
        )
        return cursor.fetchall()

    def fetch_matches(self, cursor, sql, params):
        """The rows of ``sql``, a query of the search table alone, planned on the GIN
        index.

        The planner takes a word in two letters of three to a sequential scan, which
        detoasts every document to test it (690 ms at 100,000 letters), where the
        index's bitmap needs no test at all (55 ms): it does not count detoasting."""
        return _planned(cursor, sql, params, "enable_seqscan")

    def fetch_best(self, cursor, sql, params):
        """The rows of ``best_ranked_sql``, read in the RUM index's order.

        The planner guesses 500 matches for a word it has no statistics for; asked
        for more, it reads every match's document to sort them instead: "thaidirdais"
        (7,282 letters), the best 1,000 in 130 ms, where the index gives them in 15."""
        return _planned(cursor, sql, params, "enable_sort")

    def render(self, node):
        if isinstance(node, Term):
            return "phraseto_tsquery('letters', %s)", [node.text]
        if isinstance(node, AnyOf):
            return self._join(" || ", node.terms)
        required = [i for i in node.items if not isinstance(i, Not)]
        excluded = [i.term for i in node.items if isinstance(i, Not)]
        sql, params = self._join(" && ", required)
        if excluded:
            not_sql, not_params = self.render(AnyOf(tuple(excluded)))
            sql, params = f"{sql} && !!{not_sql}", [*params, *not_params]
        return sql, params

    def pairs_condition(self, node):
        """What narrows ``node``'s matches before their documents are read: every
        pair of adjacent words of each phrase it requires must be among the letter's
        ``pairs`` (correspondence migration 0010); ("", []) when it requires none.

        A necessary condition only (the phrase is still matched on the document), so
        the results are the same; for a phrase of two common words it leaves the
        matches alone to read, not every letter holding both words. Terms under OR
        or NOT narrow nothing."""
        terms = [node] if isinstance(node, Term) else getattr(node, "items", ())
        phrases = _phrases(terms)
        if not phrases:
            return "", []
        # = ANY(ARRAY(...)): the pairs' letters are read first, then only their
        # documents are checked. As "IN (subquery OFFSET 0)" the planner could join
        # the other way round: for "that spai" it checked the 3,272 documents holding
        # both words for the 35 holding the pair (86 ms, now 3)
        return (
            " AND letter_id = ANY(ARRAY(SELECT letter_id FROM "
            f"correspondence_letter_search_pairs WHERE pairs @> ({_pairs(phrases)})))",
            phrases,
        )

    def without_exact_phrases(self, cursor, node):
        """``node`` (an AllOf) without its phrases of two words, and the SQL and
        parameters finding the letters of those (None for none): one query asks
        PostgreSQL how it reads each phrase.

        A phrase read as two words side by side ('a' <-> 'b') is in a letter exactly
        when the pair "a b" is among its ``pairs``: both come from the same positions
        of the same document. So its letters are found in the pairs' index alone,
        with no document read: "of the" (35,486 letters) 350-800 -> 16 ms. A phrase of
        more words, or read otherwise (a hyphenated word), is still matched on the
        documents."""
        phrases = _phrases(node.items)
        if not phrases:
            return node, None
        cursor.execute(
            "SELECT t, phraseto_tsquery('letters', t)::text FROM unnest(%s::text[]) t",
            [phrases],
        )
        exact = [text for text, read in cursor.fetchall() if _TWO_WORDS.fullmatch(read)]
        if not exact:
            return node, None
        rest = tuple(
            i for i in node.items if not (isinstance(i, Term) and i.text in exact)
        )
        return AllOf(rest), (
            "SELECT letter_id FROM correspondence_letter_search_pairs "
            f"WHERE pairs @> ({_pairs(exact)})",
            exact,
        )

    def _join(self, operator, nodes):
        parts = [self.render(n) for n in nodes]
        sql = "(" + operator.join(p[0] for p in parts) + ")"
        return sql, [param for p in parts for param in p[1]]

    def snippets(self, cursor, ids, node):
        # A body that matches the whole query is the passage shown (snippets.py's
        # _best), so the notes' headline, a third of the cost, is skipped for it
        # (None): the body's words are the document's weight B.
        items = getattr(node, "items", ())
        word = one_word(items)
        if word is not None:
            return self._word_snippets(cursor, ids, node, word)
        pair = self._two_words(cursor, items)
        if pair is not None:
            return self._phrase_snippets(cursor, ids, node, pair)
        query_sql, query_params = self.render(node)
        cursor.execute(
            "SELECT letter_id, ts_headline('letters', body, query.q, %s), "
            "CASE WHEN ts_filter(document, '{b}') @@ query.q THEN NULL "
            "ELSE ts_headline('letters', notes, query.q, %s) END, names "
            f"FROM correspondence_letter_search, (SELECT {query_sql} AS q) AS query "
            "WHERE letter_id = ANY(%s)",
            [self.headline_options, self.headline_options, *query_params, list(ids)],
        )
        return cursor.fetchall()

    def _word_snippets(self, cursor, ids, node, word):
        """:meth:`snippets` for a query of one word: each body's headline asked of
        the window around the word's first occurrences (windows.py), the whole body
        asked only where that headline could differ."""
        query_sql, query_params = self.render(node)
        cursor.execute(
            "SELECT s.letter_id, s.body, s.names, "
            "CASE WHEN hits.at IS NULL "
            "THEN ts_headline('letters', s.notes, query.q, %s) END, hits.at "
            f"FROM correspondence_letter_search s, (SELECT {query_sql} AS q) AS query, "
            # the word's positions among the body's (weight B) words
            "LATERAL (SELECT array_agg(p ORDER BY p) AS at FROM unnest(ts_filter("
            "setweight(ts_filter(s.document, '{b}'), 'd', "
            "tsvector_to_array(to_tsvector('letters', %s))), '{d}')) AS w, "
            "unnest(w.positions) AS p) AS hits "
            "WHERE s.letter_id = ANY(%s)",
            [self.headline_options, *query_params, word, list(ids)],
        )
        found = [
            (row, window(row[1], hits, row[2]), hits is not None)
            for *row, hits in cursor.fetchall()
        ]
        return self._windowed_headlines(cursor, node, found)

    def _two_words(self, cursor, items):
        """The two lexemes of ``items`` if they are one phrase that PostgreSQL reads
        as two words side by side ('a' <-> 'b'), else None."""
        if len(items) != 1 or not isinstance(items[0], Term):
            return None
        if len(items[0].text.split()) != 2:
            return None
        cursor.execute("SELECT phraseto_tsquery('letters', %s)::text", [items[0].text])
        read = _TWO_WORDS.fullmatch(cursor.fetchone()[0])
        return read.groups() if read else None

    def _phrase_snippets(self, cursor, ids, node, pair):
        """:meth:`snippets` for a phrase of two words: each body's headline asked of
        the window that holds every cover of the phrase (windows.py), the whole body
        asked only where that headline could differ."""
        query_sql, query_params = self.render(node)
        first, second = pair
        cursor.execute(
            "SELECT s.letter_id, s.body, s.names, "
            "CASE WHEN ts_filter(s.document, '{b}') @@ query.q THEN NULL "
            "ELSE ts_headline('letters', s.notes, query.q, %s) END, "
            "hits.first, hits.second "
            f"FROM correspondence_letter_search s, (SELECT {query_sql} AS q) AS query, "
            # each word's positions among the body's (weight B) words
            "LATERAL (SELECT array_agg(p) FILTER (WHERE w.lexeme = %s) AS first, "
            "array_agg(p) FILTER (WHERE w.lexeme = %s) AS second FROM unnest(ts_filter("
            "setweight(ts_filter(s.document, '{b}'), 'd', %s::text[]), '{d}')) AS w, "
            "unnest(w.positions) AS p) AS hits "
            "WHERE s.letter_id = ANY(%s)",
            [
                self.headline_options,
                *query_params,
                first,
                second,
                [first, second],
                list(ids),
            ],
        )
        found = []
        for *row, firsts, seconds in cursor.fetchall():
            after = {p - 1 for p in seconds or ()}
            starts = [p for p in firsts or () if p in after]
            hits = sorted({*starts, *(p + 1 for p in starts)})
            found.append((row, phrase_window(row[1], hits, row[2]), bool(starts)))
        return self._windowed_headlines(cursor, node, found)

    def _windowed_headlines(self, cursor, node, found):
        """(letter id, body's headline, notes' headline, names) for ``found``, a
        ``((letter id, body, names, notes' headline), window or None, marked)`` for
        each letter: the headline of each window, that of the whole body where there
        is none or it cannot be trusted (``windows.trusted``)."""
        query_sql, query_params = self.render(node)
        cursor.execute(
            "SELECT ts_headline('letters', x.t, query.q, %s) "
            "FROM unnest(%s::text[]) WITH ORDINALITY AS x(t, n), "
            f"(SELECT {query_sql} AS q) AS query ORDER BY x.n",
            [
                self.windowed_options,
                [part.text if part else row[1] for row, part, _ in found],
                *query_params,
            ],
        )
        headlines = [headline for (headline,) in cursor.fetchall()]
        doubtful = [
            row[0]
            for (row, part, marked), headline in zip(found, headlines, strict=True)
            if part and not trusted(headline, part, marked=marked)
        ]
        whole = (
            dict(self._headlines(cursor, doubtful, node, "body")) if doubtful else {}
        )
        return [
            (pk, whole.get(pk, headline).replace(DELIMITER, " … "), notes, names)
            for ((pk, _, names, notes), _, _), headline in zip(
                found, headlines, strict=True
            )
        ]

    def notes_snippets(self, cursor, ids, node):
        """(letter id, notes' headline) for ``ids``: for a body whose headline marks
        nothing although its words match (the index splits words where PostgreSQL's
        own parser does not)."""
        return self._headlines(cursor, ids, node, "notes")

    def _headlines(self, cursor, ids, node, column):
        """(letter id, the headline of its whole ``column``) for ``ids``."""
        query_sql, query_params = self.render(node)
        cursor.execute(
            f"SELECT letter_id, ts_headline('letters', {column}, query.q, %s) "
            f"FROM correspondence_letter_search, (SELECT {query_sql} AS q) AS query "
            "WHERE letter_id = ANY(%s)",
            [self.headline_options, *query_params, list(ids)],
        )
        return cursor.fetchall()

    def bodies(self, cursor, ids):
        cursor.execute(
            "SELECT letter_id, body, notes FROM correspondence_letter_search "
            "WHERE letter_id = ANY(%s)",
            [list(ids)],
        )
        return cursor.fetchall()


def _planned(cursor, sql, params, setting):
    """The rows of ``sql`` with the planner's ``setting`` off. ``SET LOCAL`` holds for
    the transaction (or savepoint) alone, so a statement cancelled by the time limit
    takes the setting with it."""
    with transaction.atomic(using=cursor.db.alias):
        cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        # inside an outer transaction, the savepoint's release would keep it
        cursor.execute(f"SET LOCAL {setting} = DEFAULT")
    return rows


def _phrases(items):
    """The texts of the phrases (terms of more than one word) among ``items``."""
    return [i.text for i in items if isinstance(i, Term) and " " in i.text]


def _pairs(phrases):
    """SQL for the pairs of adjacent words of ``phrases`` (one parameter each)."""
    return " || ".join(
        "letters_word_pairs(to_tsvector('letters', %s))" for _ in phrases
    )
