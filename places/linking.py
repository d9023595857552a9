"""Letters to place records, from the place text the documents print.

``link_letter_places(letters)`` gives each letter whose ``sent_from``/``sent_to`` is
empty the place whose name (or a variant name an editor recorded) is exactly its
printed ``place_sent``/``place_received``, creating a place with just that name where
there is none. Identical texts become one place; a text that differs by a letter
("Cracow", "Krakow") is another place until an editor records it as a variant. A link
an editor set is never changed. Used by ``load_edition`` and the importer; migration
places/0001's companion in correspondence did the same for the letters already stored.
"""

from .models import Place, unique_place_slug

#: (text field as printed, link field) of a letter
PLACE_FIELDS = (("place_sent", "sent_from"), ("place_received", "sent_to"))


def place_index():
    """{name: place} for every name and variant name of every place (a name two
    places share goes to the first by slug, so the choice is stable)."""
    index = {}
    for place in Place.objects.order_by("slug"):
        for name in [place.name, *place.names]:
            index.setdefault(name, place)
    return index


def link_letter_places(letters):
    """Link ``letters`` (Letter objects) to their places; return how many places were
    created. Writes only the link columns, with an UPDATE (no save signals): linking is
    part of loading or importing, not an edit, so it writes no history."""
    index, created = None, 0
    taken = None
    for letter in letters:
        changed = []
        for text_field, link_field in PLACE_FIELDS:
            text = (getattr(letter, text_field) or "").strip()
            if not text or getattr(letter, f"{link_field}_id") is not None:
                continue
            if index is None:
                index = place_index()
                taken = set(Place.objects.values_list("slug", flat=True))
            place = index.get(text)
            if place is None:
                place = Place.objects.create(
                    slug=unique_place_slug(text, taken), name=text
                )
                index[text] = place
                created += 1
            setattr(letter, link_field, place)
            changed.append(link_field)
        if changed:
            type(letter)._base_manager.filter(pk=letter.pk).update(
                **{field: getattr(letter, field) for field in changed}
            )
    return created
