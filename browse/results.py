"""A page of results read by primary key, in the order the browse index gives."""


class LetterResults:
    """The letters ``ids`` (in order) as a sequence Django's ``Paginator`` and the API
    page through: ``count()``, and slices that read just those letters (one query,
    plus what ``prepare`` adds to the QuerySet)."""

    def __init__(self, ids, queryset, prepare=None):
        self.ids, self.queryset, self.prepare = ids, queryset, prepare

    def count(self):
        return len(self.ids)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        ids = [int(pk) for pk in self.ids[key]]
        qs = self.queryset.filter(pk__in=ids)
        if self.prepare is not None:
            qs = self.prepare(qs)
        by_id = {letter.pk: letter for letter in qs}
        return [by_id[pk] for pk in ids if pk in by_id]
