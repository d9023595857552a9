"""Reading the search index on SQLite: the FTS5 table ``letter_fts``, every term an
FTS5 string."""

import json

from .query import START, STOP, AnyOf, Not, Term

#: the most letters ranked from a list of them without asking first how many match
BY_LIST_MOST = 2000


class SQLite:
    """FTS5: the tree becomes one MATCH string, passed as a single bound parameter."""

    match_ids_sql = "SELECT rowid FROM letter_fts WHERE letter_fts MATCH {query}"
    #: the ids a query of ids selects, as one text (ranking._fetch_ids)
    joined_ids_sql = "SELECT group_concat(rowid, ' ') FROM ({ids})"
    #: the matches with their ranks, as ``rank_sql`` ranks them one at a time
    ranked_ids_sql = (
        "SELECT rowid, -bm25(letter_fts, 1.0, 0.4, 0.2) FROM letter_fts "
        "WHERE letter_fts MATCH {query}"
    )
    # column weights (names, body, notes) in the proportions of PostgreSQL's A, B, C.
    # The matches are ranked once per statement: ``LIMIT -1`` keeps SQLite from
    # flattening the subquery into a MATCH per letter, where bm25 would recount the
    # phrase's documents at every letter (quadratic in the number of matches).
    rank_sql = (
        "SELECT ranked.score FROM (SELECT rowid AS letter_id, "
        "-bm25(letter_fts, 1.0, 0.4, 0.2) AS score FROM letter_fts "
        "WHERE letter_fts MATCH {query} LIMIT -1) AS ranked "
        "WHERE ranked.letter_id = {letter_id}"
    )
    #: the best matches first (ranking.best_ranked): bm25 is computed for every
    #: match, but only the first are read ("dear", in all 100,000 letters: 120 ms to
    #: read them all ranked, 80 the best 200)
    best_ranked_sql = (
        "SELECT rowid, -bm25(letter_fts, 1.0, 0.4, 0.2) AS score FROM letter_fts "
        "WHERE letter_fts MATCH {query} ORDER BY score DESC LIMIT %s"
    )
    #: the same rank for the letters of a JSON list. ``+rowid`` keeps the ids from
    #: FTS5, which would run the MATCH once for each, bm25 counting the phrases'
    #: letters again every time (500 letters of "dear": 889 ms); so the matches are
    #: walked once and only those listed ranked (26 ms), with the same bm25
    ranks_sql = (
        "SELECT rowid, -bm25(letter_fts, 1.0, 0.4, 0.2) FROM letter_fts "
        "WHERE letter_fts MATCH {query} AND +rowid IN (SELECT value FROM json_each(%s))"
    )

    def pairs_condition(self, node):
        """Nothing to narrow: FTS5 matches phrases on its own positions."""
        return "", []

    def without_exact_phrases(self, cursor, node):
        """``node`` whole: FTS5 matches a phrase on its own positions."""
        return node, None

    def orders_by_rank(self, cursor):
        """True: FTS5 gives the best matches first (``best_ranked_sql``)."""
        return True

    def ranks_of(self, cursor, sql, params, ids):
        """(id, rank) of the letters ``ids`` among the matches of ``sql`` (the query's
        SQL, ``params`` its parameters); where they are most of the matches, of every
        match: a JSON list of all 100,000 letters holding "dear" cost more than the
        ranks it spared (page 30 of it in relevance order: 226 -> 160 ms; 156 when
        every match was read ranked at first)."""
        if len(ids) > BY_LIST_MOST:
            matching = self.match_ids_sql.replace("{query}", sql)
            cursor.execute(f"SELECT count(*) FROM ({matching})", params)
            if 2 * len(ids) > cursor.fetchone()[0]:
                cursor.execute(self.ranked_ids_sql.replace("{query}", sql), params)
                return cursor.fetchall()
        cursor.execute(
            self.ranks_sql.replace("{query}", sql),
            [*params, json.dumps([int(i) for i in ids])],
        )
        return cursor.fetchall()

    def fetch_matches(self, cursor, sql, params):
        """The rows of ``sql``, a query of the search table alone."""
        cursor.execute(sql, params)
        return cursor.fetchall()

    fetch_best = fetch_matches

    def render(self, node):
        """(sql, params) where sql is a %s placeholder for the MATCH string."""
        return "%s", [self._match(node)]

    def _match(self, node):
        if isinstance(node, Term):
            return '"' + node.text.replace('"', '""') + '"'
        if isinstance(node, AnyOf):
            return "(" + " OR ".join(self._match(t) for t in node.terms) + ")"
        required = [i for i in node.items if not isinstance(i, Not)]
        excluded = [i.term for i in node.items if isinstance(i, Not)]
        expression = " AND ".join(self._match(i) for i in required)
        if excluded:
            expression = f"({expression}) NOT {self._match(AnyOf(tuple(excluded)))}"
        return expression

    def snippets(self, cursor, ids, node):
        # The notes' snippet is asked for only where the body's marks nothing
        # (snippets.py's _with_notes): the body's passage is shown wherever it matches,
        # and the second snippet() was a quarter of the cost (8.5 -> 6.6 ms a page).
        return self._matching_rows(
            cursor, ids, node, "snippet(letter_fts, 1, %s, %s, '…', 12), NULL, names"
        )

    def notes_snippets(self, cursor, ids, node):
        """(letter id, the notes' snippet) for ``ids``."""
        return self._matching_rows(
            cursor, ids, node, "snippet(letter_fts, 2, %s, %s, '…', 12)"
        )

    def _matching_rows(self, cursor, ids, node, columns):
        """(rowid, ``columns``...) of the letters ``ids`` that match ``node``:
        ``columns`` holds one snippet(), its two %s the sentinels."""
        placeholders = ", ".join(["%s"] * len(ids))
        cursor.execute(
            f"SELECT rowid, {columns} FROM letter_fts "
            f"WHERE letter_fts MATCH %s AND rowid IN ({placeholders})",
            [START, STOP, self._match(node), *ids],
        )
        return cursor.fetchall()

    def bodies(self, cursor, ids):
        placeholders = ", ".join(["%s"] * len(ids))
        cursor.execute(
            "SELECT rowid, body, notes FROM letter_fts "
            f"WHERE rowid IN ({placeholders})",
            ids,
        )
        return cursor.fetchall()
