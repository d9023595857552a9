"""Every change to the edition's records, kept as rows by django-simple-history.

The models stay in their own apps; their historical tables are registered here
(``app="editing"``), so all history migrations live in ``editing/migrations``. A save
in the admin (or anywhere else, except ``loaddata``'s raw saves) writes one row per
object with who, when and every field; the admin diffs rows field by field and reverts
to any of them.

Letter's generated columns (``date_min``/``date_max``) are left out: the database
computes them again from the dates that are kept; so is ``imported`` (the importer's
own record of what it last wrote, not an editorial fact; a revert keeps the current
one). The people and topics of a letter are many-to-many relations, tracked with
simple-history's ``m2m_fields``: each row also records the letter's senders,
recipients, mentions and topics at that moment.
Sources are linked through ``LetterSource``, which has its own history.

When a model gains a field, run ``manage.py makemigrations editing`` too.
"""

import simple_history
from django.db.models.signals import post_save, pre_save

from correspondence.models import (
    Footnote,
    Language,
    Letter,
    LetterSource,
    Source,
    Topic,
)
from people.models import Person, PersonName
from places.models import Place

from .redirects import keep_old_slug

#: the letter's relations whose changes history records
LETTER_M2M_FIELDS = ["senders", "recipients", "mentions", "topics", "languages"]

#: the senders' and recipients' links became models of their own (with role and
#: position, which their history rows now record too); their history keeps the names
#: and tables it had
_HISTORY_NAMES = {
    "LetterSender": "HistoricalLetter_senders",
    "LetterRecipient": "HistoricalLetter_recipients",
}


def _history_name(name):
    return _HISTORY_NAMES.get(name, f"Historical{name}")


simple_history.register(
    Letter,
    app="editing",
    excluded_fields=["date_min", "date_max", "imported"],
    m2m_fields=LETTER_M2M_FIELDS,
    custom_model_name=_history_name,
)
for _model in (
    Footnote,
    Topic,
    Source,
    LetterSource,
    Person,
    PersonName,
    Place,
    Language,
):
    simple_history.register(_model, app="editing")


def _no_history_for_raw_saves(sender, instance, raw, **kwargs):
    """loaddata saves a row raw, then sets its many-to-many links on the same
    instance; simple-history skips the raw save but would record the links. Marking
    the instance keeps a fixture load out of the history altogether."""
    if raw:
        instance.skip_history_when_saving = True


post_save.connect(
    _no_history_for_raw_saves, sender=Letter, dispatch_uid="editing_no_raw_history"
)


# An old slug stays in the history, so its URLs redirect (editing/redirects.py).
for _model in (Letter, Person, Topic, Place):
    pre_save.connect(
        keep_old_slug, sender=_model, dispatch_uid=f"editing_old_slug_{_model.__name__}"
    )
