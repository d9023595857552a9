"""People, and each person's letters sent, received and mentioned in."""

from django import forms
from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import DetailView, ListView

from browse.index import current
from config.views import PageParameterMixin, SectionMixin
from correspondence.models import Letter

from .models import Person, PersonName


class PersonSearchForm(forms.Form):
    """``?q=``: any part of any of a person's names. NUL bytes are dropped and a long
    text cut, so every value searches something."""

    max_length = 100
    q = forms.CharField(required=False, strip=True, label="Find a person")

    def clean_q(self):
        text = self.cleaned_data["q"].replace("\x00", "")
        return text[: self.max_length].strip()


class PersonListView(SectionMixin, PageParameterMixin, ListView):
    """Everyone, or the people whose names contain ``?q=``, with their letter counts
    (each a link to those letters on /letters/); the organisations after the people,
    under their own heading."""

    template_name = "people/person_list.html"
    context_object_name = "people"
    section = "people"
    paginate_by = 100

    def get_queryset(self):
        form = PersonSearchForm(self.request.GET)
        self.query = form.cleaned_data["q"] if form.is_valid() else ""
        self.initials = Person.objects.initials()
        initial = self.request.GET.get("initial", "").strip().upper()
        self.initial = initial if initial in self.initials else ""
        people = Person.objects.matching(self.query)
        if self.initial:
            people = people.filed_under(self.initial)
        return people.with_letter_counts().with_names().in_index_order()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            query=self.query, initial=self.initial, initials=self.initials, **kwargs
        )
        context["sections"] = index_sections(context["people"])
        return context


def index_sections(rows):
    """[(heading, [Person, ...]), ...]: one page of the index, the people then the
    organisations. Headings only where the page holds organisations (None for a page
    of people alone, which the page's own heading covers)."""
    people = [row for row in rows if not row.is_organisation]
    organisations = [row for row in rows if row.is_organisation]
    if not organisations:
        return [(None, people)] if people else []
    return [
        (heading, items)
        for heading, items in (("People", people), ("Organisations", organisations))
        if items
    ]


def letters_url(**params):
    return f"{reverse('letters:list')}?{urlencode(params)}"


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

    Each list shows at most ``RECORD_PAGE_LETTERS`` letters (the counts say how many
    there are in all), so the page costs the same few queries for any correspondent.
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
        limit = settings.RECORD_PAGE_LETTERS
        lists = [
            ("sent", "Letters sent", "senders", person.letters_sent_count),
            (
                "received",
                "Letters received",
                "recipients",
                person.letters_received_count,
            ),
            ("mentioned", "Mentioned in", "mentions", person.mentioned_in_count),
        ]
        browse = self.browse_links(person)
        # the edition's size, from the browse index the page's timeline reads as well
        total = current.get(person._state.db).n
        letters = Letter.objects.for_rows().in_lists(
            {
                key: Letter.objects.first_of(person, relation, count, limit, total)
                for key, _, relation, count in lists
                if count
            }
        )
        return super().get_context_data(
            name_groups=names_by_kind(person.names.all()),
            letter_lists=[
                {
                    "key": key,
                    "label": label,
                    "count": count,
                    "browse_url": browse[key][0],
                    "browse_label": browse[key][1],
                    "letters": letters.get(key, []),
                }
                for key, label, _, count in lists
            ],
            **kwargs,
        )

    @staticmethod
    def browse_links(person):
        """Each list's way into /letters/: filtered by the person as sender or
        recipient; for mentions, a search for the person's name (which the search
        index holds, with every variant, for each letter that names them)."""
        return {
            "sent": (
                letters_url(sender=person.slug),
                f"All letters sent by {person.name}, with facets and search",
            ),
            "received": (
                letters_url(recipient=person.slug),
                f"All letters received by {person.name}, with facets and search",
            ),
            "mentioned": (
                letters_url(q=f'"{person.name}"'),
                f"Search the letters for “{person.name}”",
            ),
        }
