"""Reading and writing the history of edits (the rows django-simple-history keeps).

- ``latest_versions(model, pks)``: the newest history row id of each object, the
  "version" an admin form carries to detect a stale save;
- ``history_baseline(objs)``: the state an object was in before its first recorded
  edit, so that state can be restored (see below);
- ``record_versions(model, objs)``: a row for each object as it is now, written in
  bulk (a change made without saving each object, such as a merge of people);
- ``annotations_last_changed(letter)``: when an editor last changed one of the
  letter's annotations (notes, headnote, topics), for the public page.

Loading fixtures (``loaddata``, ``load_edition``) writes no history: those saves are
raw, and simple-history skips them. The edition as loaded is the starting point, not an
edit, and a large load stays fast. So that the loaded state can still be restored, the
admin records a baseline row ("as loaded") for an object the first time an editor
changes it, just before the change is saved.
"""

from itertools import pairwise

from django.db.models import Max

#: the change reason of a baseline row
BASELINE_REASON = "As loaded, before the first recorded edit"


def latest_versions(model, pks):
    """{pk: newest history_id} of the objects of ``model`` among ``pks``: one query."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return {}
    pk_name = model._meta.pk.attname
    rows = (
        model.history.filter(**{f"{pk_name}__in": pks})
        .order_by()
        .values(pk_name)
        .annotate(latest=Max("history_id"))
    )
    return {row[pk_name]: row["latest"] for row in rows}


def latest_version(obj):
    """The newest history row id of ``obj``, or None if it has none (or is unsaved)."""
    if obj.pk is None:
        return None
    return latest_versions(type(obj), [obj.pk]).get(obj.pk)


def history_baseline(model, pks, *, user=None):
    """Record the stored state of the objects among ``pks`` that have no history yet.

    Reads them from the database (so unsaved form changes are not in it) and writes
    one row each, dated now, marked with ``BASELINE_REASON``, many-to-many links
    included (``record_versions``).
    """
    pks = {pk for pk in pks if pk is not None}
    if not pks:
        return []
    pk_name = model._meta.pk.attname
    have_history = set(
        model.history.filter(**{f"{pk_name}__in": pks})
        .values_list(pk_name, flat=True)
        .distinct()
    )
    missing = model._default_manager.filter(pk__in=pks - have_history)
    return record_versions(model, list(missing), user=user, reason=BASELINE_REASON)


def record_versions(model, objs, *, user=None, reason=None):
    """One history row for each of ``objs`` as it is now, dated now, with ``user``
    and ``reason``, and its many-to-many links (a letter's people, topics): in bulk,
    without saving the objects."""
    if not objs:
        return []
    rows = model.history.bulk_history_create(
        objs, update=True, default_user=user, default_change_reason=reason
    )
    _record_m2m(model, rows)
    return rows


def _record_m2m(model, rows):
    """The many-to-many links (a letter's people, topics) of new history ``rows``."""
    history_model = model.history.model
    by_pk = {getattr(row, model._meta.pk.attname): row for row in rows}
    for field in getattr(history_model, "_history_m2m_fields", ()):
        m2m_history = history_model.__dict__[field.name].model
        through = field.remote_field.through
        source = field.m2m_field_name()
        links = through.objects.filter(**{f"{source}__in": list(by_pk)})
        m2m_history.objects.bulk_create(
            m2m_history(
                history=by_pk[getattr(link, f"{source}_id")],
                **{f.attname: getattr(link, f.attname) for f in through._meta.fields},
            )
            for link in links
        )


def annotations_last_changed(letter):
    """When an editor last changed an annotation of ``letter``: one of its footnotes
    (also a deleted one), its headnote or its topics. A correction of the letter's
    text, or a baseline row, is no change to its annotations.

    None when no editor did: an edition as loaded, or letters only imported (an import
    records its rows as its script user, who is no staff member). Three queries,
    whatever the number of notes and rows.
    """
    from correspondence.models import Footnote, Letter

    by_editors = {"history_user__is_staff": True}
    notes = (
        Footnote.history.filter(letter_id=letter.pk, **by_editors)
        .exclude(history_change_reason=BASELINE_REASON)
        .aggregate(last=Max("history_date"))["last"]
    )
    dates = [notes] if notes is not None else []
    rows = list(
        Letter.history.filter(id=letter.pk)
        .order_by("history_date", "history_id")
        .values_list("history_id", "history_date", "headnote", "history_user__is_staff")
    )
    if any(by_editor for *_, by_editor in rows):
        topics = {}
        through = Letter.history.model.__dict__["topics"].model
        for history_id, topic_id in through.objects.filter(
            history_id__in=[row[0] for row in rows]
        ).values_list("history_id", "topic_id"):
            topics.setdefault(history_id, set()).add(topic_id)
        for previous, row in pairwise(rows):
            state = (row[2], topics.get(row[0], set()))
            before = (previous[2], topics.get(previous[0], set()))
            if row[3] and state != before:
                dates.append(row[1])
    return max(dates) if dates else None
