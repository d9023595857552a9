"""How a person stands on a letter: sender or co-signer, addressee or "copy to", and
where the document names them (its order, not the alphabet's).

The through models of ``Letter.senders`` and ``Letter.recipients``. They keep the
tables Django made for the plain many-to-many fields (``correspondence_letter_senders``,
``correspondence_letter_recipients``: migration 0009), so the raw SQL, indexes and
triggers on them, the browse index and the facets read them as before. A copy's
addressee is a recipient there: browsing by recipient finds the letters copied to them;
pages, the API and the exports say "copy to".

``.add()``/``.set()`` on the relations still work (role sender/recipient, position 0);
``write_links`` writes roles and order, as the importer and the fixtures do.
"""

from django.db import models
from django.db.models.signals import m2m_changed

from people.models import Person

#: where ``LetterQuerySet.with_people`` keeps a letter's links of one relation
#: ("sender_links"): plain lists, dropped when the links are written
PREFETCHED = "prefetched_{}"


class PersonLinkManager(models.Manager):
    def get_by_natural_key(self, letter_slug, person_slug):
        return self.get(letter__slug=letter_slug, person__slug=person_slug)


class PersonLink(models.Model):
    #: where the document names the person among the letter's senders (or
    #: recipients): 0 first
    position = models.PositiveSmallIntegerField(
        default=0,
        help_text="Where the document names them: the smallest number first.",
    )

    objects = PersonLinkManager()

    class Meta:
        abstract = True
        # as Django made it for the plain many-to-many field (the same index name)
        unique_together = [("letter", "person")]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    def natural_key(self):
        return (self.letter.slug, self.person.slug)

    natural_key.dependencies = ["correspondence.letter", "people.person"]


class LetterSender(PersonLink):
    """One who wrote the letter: its sender, or a co-signer beside the sender."""

    class Role(models.TextChoices):
        SENDER = "sender", "sender"
        CO_SIGNER = "co_signer", "co-signer"

    letter = models.ForeignKey(
        "correspondence.Letter", on_delete=models.CASCADE, related_name="sender_links"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="sender_links"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.SENDER)

    class Meta(PersonLink.Meta):
        db_table = "correspondence_letter_senders"
        verbose_name = "sender"


class LetterRecipient(PersonLink):
    """One the letter went to: an addressee, or one a copy went to ("Copy to the
    Cheka")."""

    class Role(models.TextChoices):
        RECIPIENT = "recipient", "recipient"
        COPY_TO = "copy_to", "copy to"

    letter = models.ForeignKey(
        "correspondence.Letter",
        on_delete=models.CASCADE,
        related_name="recipient_links",
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="recipient_links"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.RECIPIENT)

    class Meta(PersonLink.Meta):
        db_table = "correspondence_letter_recipients"
        verbose_name = "recipient"


#: the relation's name on Letter -> its through model
LINK_MODELS = {"senders": LetterSender, "recipients": LetterRecipient}


def link_rows(letter, relation):
    """``[(person_id, role)]`` of ``letter``'s ``relation``, in the document's order."""
    return [
        (person_id, role)
        for person_id, role in LINK_MODELS[relation]
        .objects.filter(letter=letter)
        .order_by("position", "id")
        .values_list("person_id", "role")
    ]


def write_links(letter, relation, people):
    """Make ``letter``'s ``relation`` ("senders", "recipients") exactly ``people``:
    ``[(person or its id, role)]`` in the document's order. Rows already right are left
    alone; True when anything changed.

    The rows are written directly (the related manager gives every row the same role),
    then the change is announced as the related manager would (``m2m_changed``), so
    the search index and the history of the letter follow it as they follow ``.set()``.
    """
    through = LINK_MODELS[relation]
    wanted = {}
    for person, role in people:  # a person named twice keeps the first place
        wanted.setdefault(getattr(person, "pk", person), (role, len(wanted)))
    stored = {link.person_id: link for link in through.objects.filter(letter=letter)}
    gone = [pk for pk in stored if pk not in wanted]
    changed = []
    for pk, (role, position) in wanted.items():
        link = stored.get(pk)
        if link is None:
            continue
        if (link.role, link.position) != (role, position):
            link.role, link.position = role, position
            changed.append(link)
    added = [
        through(letter=letter, person_id=pk, role=role, position=position)
        for pk, (role, position) in wanted.items()
        if pk not in stored
    ]
    if gone:
        through.objects.filter(letter=letter, person_id__in=gone).delete()
    if changed:
        through.objects.bulk_update(changed, ["role", "position"])
    if added:
        through.objects.bulk_create(added)
    if not (gone or changed or added):
        return False
    # what was prefetched on ``letter`` is out of date (as the related manager does)
    cache = getattr(letter, "_prefetched_objects_cache", {})
    links = through._meta.get_field("letter").remote_field.get_accessor_name()
    cache.pop(relation, None)
    cache.pop(links, None)
    letter.__dict__.pop(PREFETCHED.format(links), None)
    links_changed(
        letter,
        through,
        {*gone, *(link.person_id for link in added + changed)},
        "post_add" if added or changed else "post_remove",
    )
    return True


def links_changed(letter, through, pks=frozenset(), action="post_add"):
    """Announce a change to ``letter``'s links written without the related manager,
    as the manager would (``m2m_changed``): once, so the history gets one row for it.
    Its receivers (the search index, simple-history) look at the letter, not at
    ``pks``."""
    m2m_changed.send(
        sender=through,
        instance=letter,
        action=action,
        reverse=False,
        model=Person,
        pk_set=set(pks),
        using=through.objects.db,
    )
