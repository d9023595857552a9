"""Keeping the search index current: the only use of signals in the project (STYLE.md).

Each handler works out which letters a change touches and asks
``search_index.reindex`` for them. Raw saves (``loaddata``) are skipped: run
``manage.py rebuild_search_index`` after loading fixtures. Deleting a letter needs no
handler: a database trigger (migration 0002_search) drops its index row. Connected in
``CorrespondenceConfig.ready()``.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from correspondence import search_index as search
from correspondence.models import Footnote, Letter
from people.models import Person, PersonName


@receiver(post_save, sender=Letter, dispatch_uid="search_letter_saved")
def letter_saved(sender, instance, raw, using, **kwargs):
    if not raw:
        search.reindex([instance.pk], using)


@receiver(post_save, sender=Footnote, dispatch_uid="search_footnote_saved")
@receiver(post_delete, sender=Footnote, dispatch_uid="search_footnote_deleted")
def footnote_changed(sender, instance, using, raw=False, **kwargs):
    if not raw:
        search.reindex([instance.letter_id], using)


def people_linked(sender, instance, action, reverse, pk_set, using, **kwargs):
    """Senders, recipients or mentions changed, from either side of the relation."""
    if action in ("post_add", "post_remove"):
        search.reindex(pk_set if reverse else [instance.pk], using)
    elif action == "pre_clear" and reverse:
        # After the clear the links are gone: note the person's letters now.
        letters = sender.objects.using(using).filter(person_id=instance.pk)
        instance.__dict__.setdefault("_search_cleared", {})[sender] = set(
            letters.values_list("letter_id", flat=True)
        )
    elif action == "post_clear":
        if reverse:
            search.reindex(
                instance.__dict__.get("_search_cleared", {}).pop(sender, ()), using
            )
        else:
            search.reindex([instance.pk], using)


for _relation in (Letter.senders, Letter.recipients, Letter.mentions):
    m2m_changed.connect(
        people_linked,
        sender=_relation.through,
        dispatch_uid=f"search_people_linked_{_relation.field.name}",
    )


@receiver(post_save, sender=Person, dispatch_uid="search_person_saved")
def person_saved(sender, instance, raw, using, created, **kwargs):
    if not raw and not created:
        search.reindex(search.letters_of_people([instance.pk], using), using)


@receiver(pre_delete, sender=Person, dispatch_uid="search_person_deleting")
def person_deleting(sender, instance, using, **kwargs):
    instance._search_letters = search.letters_of_people([instance.pk], using)


@receiver(post_delete, sender=Person, dispatch_uid="search_person_deleted")
def person_deleted(sender, instance, using, **kwargs):
    search.reindex(getattr(instance, "_search_letters", ()), using)


@receiver(post_save, sender=PersonName, dispatch_uid="search_person_name_saved")
@receiver(post_delete, sender=PersonName, dispatch_uid="search_person_name_deleted")
def person_name_changed(sender, instance, using, raw=False, **kwargs):
    if not raw:
        search.reindex(search.letters_of_people([instance.person_id], using), using)
