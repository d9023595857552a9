"""The letters a ``LetterFilter`` chooses, answered from the browse index.

One mask per chosen parameter (``browse/index.py``), combined as the filters combine:
several values of a parameter with OR inside its mask, parameters with AND. Each facet
counts the letters of every mask but its own (and what depends on it), the timeline
those of every mask but the dates. The result, its count and its order are the same as
``LetterFilter.qs`` gives from SQL (tests/browse/test_selection.py compares them on
random filters), on either database.
"""

from functools import cached_property

import numpy as np

from . import facets
from .fields import FIRST_YEAR, LAST_YEAR
from .index import current
from .search import (
    best_ranked,
    excluded_letters,
    matches,
    one_word,
    ranks_of,
)

#: the parameters (and facets) of values linked to letters: {name: the index's values}
VALUES = {
    "correspondent": "people",
    "sender": "people",
    "recipient": "people",
    "topic": "topics",
    "place": "places",
    "kind": "kinds",
    "language": "languages",
}


class Selection:
    def __init__(self, filterset):
        self.filterset = filterset
        self.index = current.get(filterset.queryset.db)

    # -- masks ---------------------------------------------------------------------
    @cached_property
    def masks(self):
        """{parameter: mask of the letters it keeps} for each parameter that filters."""
        f, index, masks = self.filterset, self.index, {}
        for name, values in VALUES.items():
            slugs = f.selected(name)
            if slugs:
                indexes = getattr(index, values).indexes(slugs)
                masks[name] = getattr(index, name).letters_with(indexes, index.n)
        years = f.cleaned("year")
        if years:
            masks["year"] = index.in_any_year(years)
        if f.cleaned("month") and f.one_year is not None:
            masks["month"] = index.in_month(f.one_year, f.cleaned("month"))
        if f.cleaned("year_from") is not None:
            masks["year_from"] = index.in_years(f.cleaned("year_from"), LAST_YEAR)
        if f.cleaned("year_to") is not None:
            masks["year_to"] = index.in_years(FIRST_YEAR, f.cleaned("year_to"))
        query = f.parsed_query
        if query.required:
            masks["q"] = index.of_ids(self._matches[0])
        elif not query.is_empty:  # only exclusions: every letter without them
            masks["q"] = ~index.of_ids(excluded_letters(query, self.index.using))
        return masks

    @cached_property
    def _matches(self):
        """(ids, ranks) of the letters the query's words match (ranks None unless
        every match is ranked to sort by relevance)."""
        ranked = self.filterset.sort_order == "relevance" and not self._best_first
        return matches(self.filterset.parsed_query, self.index.using, ranked)

    @cached_property
    def _best_first(self):
        """True if the database gives the matches best first (``search.one_word``
        on a database that ``orders_by_rank``): a page in relevance order then ranks
        only what it needs (``_BestFirst``)."""
        query = self.filterset.parsed_query
        return self.index.orders_by_rank and one_word(query.required) is not None

    def mask_without(self, names=()):
        """The letters kept by every parameter but ``names``; None for all of them."""
        kept = [mask for name, mask in self.masks.items() if name not in names]
        if not kept:
            return None
        return np.logical_and.reduce(kept) if len(kept) > 1 else kept[0]

    # -- the results ---------------------------------------------------------------
    @cached_property
    def ids(self):
        """The ids of the chosen letters in the chosen order."""
        mask = self.mask_without()
        positions = np.arange(self.index.n) if mask is None else np.flatnonzero(mask)
        order = self.filterset.sort_order
        if order == "relevance":
            if self._best_first:
                return _BestFirst(self, mask, positions)
            return self.best_first(*self._matches, positions)
        if order == "-date":
            positions = positions[::-1]
        return self.index.ids[positions]

    def best_first(self, ids, ranks, positions):
        """The ids of the letters at ``positions``, best first by the ``ranks`` of
        ``ids`` (0 for a letter not among them); equal ranks in date order, as
        order_by("-search_rank", "date_min", "slug") gives."""
        rank_at = np.zeros(self.index.n)
        found = self.index.positions_of(ids)
        rank_at[found[found >= 0]] = np.asarray(ranks)[found >= 0]
        positions = positions[np.lexsort((positions, -rank_at[positions]))]
        return self.index.ids[positions]

    # -- counts --------------------------------------------------------------------
    def facet_counts(self, first=None):
        """Each facet's values (``facets.value_items``; with ``first``, the first
        ``first`` of a linked facet's values and every selected one)."""
        f, index, counts = self.filterset, self.index, {}
        for facet in facets.FACETS:
            mask = self.mask_without(facet.excludes)
            chosen = f.selected(facet.name)
            if facet.name in VALUES:
                links = getattr(index, facet.name)
                counts[facet.name] = facets.value_items(
                    links.counts(mask),
                    getattr(index, VALUES[facet.name]),
                    chosen,
                    first,
                )
            elif facet.name == "year":
                counts["year"] = facets.year_items(
                    index.year_spans(self._all(mask)), chosen
                )
            elif f.one_year is not None:
                spans = index.month_spans(self._all(mask), f.one_year)
                counts["month"] = facets.month_items(spans, chosen)
            else:
                counts["month"] = facets.FacetValues()
        return counts

    def year_spans(self, without):
        return self.index.year_spans(self._all(self.mask_without(without)))

    def month_spans(self, without, year):
        return self.index.month_spans(self._all(self.mask_without(without)), year)

    def _all(self, mask):
        return self.index.all() if mask is None else mask


class _BestFirst:
    """The chosen letters in relevance order, each page read best first from the
    database (``search.best_ranked``) instead of ranking every match: ``len`` and
    slices, as ``LetterResults`` reads them. A page the database cannot give so (deep,
    or past a narrow filter) ranks just the chosen letters (``search.ranks_of``)."""

    def __init__(self, selection, mask, positions):
        self.selection, self.mask, self.positions = selection, mask, positions

    def __len__(self):
        return len(self.positions)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        selection, index = self.selection, self.selection.index
        query, using = selection.filterset.parsed_query, index.using
        stop = len(self) if key.stop is None else min(key.stop, len(self))
        chosen = index.ids[self.positions]
        best = best_ranked(query, using, stop, chosen, self._keeps) if stop else None
        if best is not None:
            # every letter that can be on the page, and all are chosen
            positions = np.sort(index.positions_of(best[0]))
        elif stop > 0:
            positions = self.positions
            best = ranks_of(query, using, chosen)
        else:
            return index.ids[self.positions][key]
        return selection.best_first(*best, positions)[key]

    def _keeps(self, ids):
        found = self.selection.index.positions_of(ids)
        kept = found >= 0
        if self.mask is not None:
            kept[kept] = self.mask[found[kept]]
        return kept
