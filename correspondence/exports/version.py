"""The data's version: what a scholar cites to name the exact dataset they used.

The version is the time of the last recorded change to the data:

- the newest ``history_date`` of any django-simple-history table (the ``editing`` app
  records every editor's change there, once it is installed), and
- the newest admin ``LogEntry`` (edits in the admin, and imports logged as a script
  user),

whichever is later. Loading the shipped fixtures records no change (loaddata saves raw
rows), so an edition nobody has touched since it was loaded has no such time; its
version is then named by its newest letter (``id5``: the highest letter id), which
changes whenever a letter is added. Two states of the data on one day share a date
stamp; the full timestamp, and the token that database triggers change on every write
(``correspondence/data_version.py``), are in the files themselves, so they can still
be told apart.

Nothing is cached in the process: the version is read from the database each time, so
every process and machine agrees on it (DESIGN.md, "Growing past one machine").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Max

from correspondence.models import Letter


@dataclass(frozen=True)
class DataVersion:
    #: time of the last recorded change, or None when nothing was recorded since loading
    changed: dt.datetime | None
    #: the highest letter id (0 for an empty edition)
    last_letter_id: int
    #: the token database triggers change on every write
    #: (correspondence/data_version.py), None
    #: where that table is missing; it tells apart two states of one day
    token: str | None = None

    @property
    def stamp(self):
        """For file names: "2026-11-24", or "id5" without a recorded change."""
        if self.changed is not None:
            return self.changed.date().isoformat()
        return f"id{self.last_letter_id}"

    def as_dict(self):
        return {
            "stamp": self.stamp,
            "changed": self.changed.isoformat() if self.changed else None,
            "last_letter_id": self.last_letter_id,
            "token": self.token,
        }


def _history_models():
    """simple-history's Historical* models, whatever app they live in."""
    for model in apps.get_models():
        if any(field.name == "history_date" for field in model._meta.concrete_fields):
            yield model


def last_change():
    """When the data last changed, as far as any record says; None if nothing says."""
    times = [
        model.objects.aggregate(newest=Max("history_date"))["newest"]
        for model in _history_models()
    ]
    if apps.is_installed("django.contrib.admin"):
        from django.contrib.admin.models import LogEntry

        times.append(LogEntry.objects.aggregate(newest=Max("action_time"))["newest"])
    times = [t for t in times if t is not None]
    return max(times) if times else None


def data_version():
    from correspondence.data_version import data_version as version_token

    last_id = Letter.objects.aggregate(last=Max("id"))["last"] or 0
    return DataVersion(
        changed=last_change(), last_letter_id=last_id, token=version_token()
    )
