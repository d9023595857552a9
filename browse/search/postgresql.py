"""Reading the search index on PostgreSQL: the weighted tsvector of
``correspondence_letter_search``, every term a bound ``phraseto_tsquery``."""

from django.db import transaction

from .query import START, STOP, AnyOf, Not, Term


class PostgreSQL:
    """Each term a bound ``phraseto_tsquery``, combined with && || !!."""

    # {pairs}: a phrase's pairs of adjacent words, where the query has phrases
    match_ids_sql = (
        "SELECT letter_id FROM correspondence_letter_search "
        "WHERE document @@ ({query}){pairs}"
    )
    ranked_ids_sql = (
        "SELECT letter_id, ts_rank(document, {query}) "
        "FROM correspondence_letter_search WHERE document @@ ({query}){pairs}"
    )
    rank_sql = (
        "SELECT ts_rank(document, {query}) FROM correspondence_letter_search "
        "WHERE letter_id = {letter_id}"
    )
    headline_options = (
        f"StartSel={START}, StopSel={STOP}, MaxFragments=2, MaxWords=20, MinWords=8, "
        'FragmentDelimiter=" … "'
    )

    def fetch_matches(self, cursor, sql, params):
        """The rows of ``sql``, a query of the search table alone, planned on the GIN
        index.

        The planner takes a word in two letters of three to a sequential scan, which
        detoasts every document to test it (690 ms at 100,000 letters), where the
        index's bitmap needs no test at all (55 ms): it does not count detoasting.
        ``SET LOCAL`` holds for the transaction (or savepoint) alone, so a statement
        cancelled by the time limit takes the setting with it."""
        with transaction.atomic(using=cursor.db.alias):
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            # inside an outer transaction, the savepoint's release would keep it
            cursor.execute("SET LOCAL enable_seqscan = DEFAULT")
        return rows

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
        phrases = [t.text for t in terms if isinstance(t, Term) and " " in t.text]
        if not phrases:
            return "", []
        pairs = " || ".join(
            "letters_word_pairs(to_tsvector('letters', %s))" for _ in phrases
        )
        # OFFSET 0 keeps the subquery whole, read first: the pairs' index gives the
        # few letters whose documents are checked (a plan that started from the
        # documents' index checked 49,000 for "well the": 123 ms, not 45)
        return (
            " AND letter_id IN (SELECT letter_id FROM "
            f"correspondence_letter_search_pairs WHERE pairs @> ({pairs}) OFFSET 0)",
            phrases,
        )

    def _join(self, operator, nodes):
        parts = [self.render(n) for n in nodes]
        sql = "(" + operator.join(p[0] for p in parts) + ")"
        return sql, [param for p in parts for param in p[1]]

    def snippets(self, cursor, ids, node):
        # A body that matches the whole query is the passage shown (snippets.py's
        # _best), so the notes' headline, a third of the cost, is skipped for it
        # (None): the body's words are the document's weight B.
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

    def notes_snippets(self, cursor, ids, node):
        """(letter id, notes' headline) for ``ids``: for a body whose headline marks
        nothing although its words match (the index splits words where PostgreSQL's
        own parser does not)."""
        query_sql, query_params = self.render(node)
        cursor.execute(
            "SELECT letter_id, ts_headline('letters', notes, query.q, %s) "
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
