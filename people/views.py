"""People, and each person's letters sent, received and mentioned in."""

from django.conf import settings
from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from correspondence.views import SectionMixin

from .models import Person, PersonName


class PersonListView(SectionMixin, ListView):
    template_name = "people/person_list.html"
    context_object_name = "people"
    section = "people"
    paginate_by = 100

    def get_queryset(self):
        return Person.objects.with_letter_counts().with_names().order_by("name", "slug")


def names_by_kind(names):
    """[(kind label, [PersonName, ...]), ...] in the order of ``PersonName.Kind``."""
    groups = {kind: [] for kind in PersonName.Kind.values}
    for name in names:
        groups.setdefault(name.kind, []).append(name)
    return [
        (PersonName.Kind(kind).label if kind in PersonName.Kind.values else kind, items)
        for kind, items in groups.items()
        if items
    ]


class PersonDetailView(SectionMixin, DetailView):
    """A person, their names, and three lists of letters.

    Each list shows at most ``LETTERS_PAGE_SIZE`` letters (the counts say how many there
    are in all), so the page costs the same few queries for any correspondent.
    """

    template_name = "people/person_detail.html"
    context_object_name = "person"
    section = "people"

    def get_queryset(self):
        return Person.objects.with_letter_counts().prefetch_related(
            Prefetch("names", queryset=PersonName.objects.order_by("kind", "name"))
        )

    def get_context_data(self, **kwargs):
        person = self.object
        limit = settings.LETTERS_PAGE_SIZE
        lists = [
            ("sent", "Letters sent", person.letters_sent, person.letters_sent_count),
            (
                "received",
                "Letters received",
                person.letters_received,
                person.letters_received_count,
            ),
            (
                "mentioned",
                "Mentioned in",
                person.mentioned_in,
                person.mentioned_in_count,
            ),
        ]
        return super().get_context_data(
            name_groups=names_by_kind(person.names.all()),
            letter_lists=[
                {
                    "key": key,
                    "label": label,
                    "count": count,
                    "letters": (
                        list(
                            manager.in_date_order()
                            .with_people()
                            .with_footnote_counts()[:limit]
                        )
                        if count
                        else []
                    ),
                }
                for key, label, manager, count in lists
            ],
            **kwargs,
        )
