"""Places letters were sent from and to, each with its letters and, where an editor
recorded coordinates, a map."""

from django.conf import settings
from django.views.generic import DetailView, ListView

from config.views import PageParameterMixin, SectionMixin
from correspondence.models import Letter

from .maps import place_map
from .models import Place


class PlaceListView(SectionMixin, PageParameterMixin, ListView):
    template_name = "places/place_list.html"
    context_object_name = "places"
    section = "places"
    paginate_by = 100

    def get_queryset(self):
        return Place.objects.with_letter_counts().order_by("name", "slug")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["map"] = place_map(context["places"])
        return context


class PlaceDetailView(SectionMixin, DetailView):
    """A place and the letters sent from and to it: at most ``RECORD_PAGE_LETTERS`` of
    each (the counts say how many in all), so the page costs the same for any
    place."""

    template_name = "places/place_detail.html"
    context_object_name = "place"
    section = "places"

    def get_queryset(self):
        return Place.objects.with_letter_counts()

    def get_context_data(self, **kwargs):
        place = self.object
        limit = settings.RECORD_PAGE_LETTERS
        lists = [
            ("from", "Letters sent from here", place.letters_sent_from,
             place.sent_from_count),
            ("to", "Letters sent here", place.letters_sent_to, place.sent_to_count),
        ]  # fmt: skip
        letters = Letter.objects.for_rows().in_lists(
            {
                key: manager.in_date_order()[:limit]
                for key, _, manager, count in lists
                if count
            }
        )
        return super().get_context_data(
            map=place_map([place]),
            letter_lists=[
                {
                    "key": key,
                    "label": label,
                    "count": count,
                    "letters": letters.get(key, []),
                }
                for key, label, _, count in lists
            ],
            **kwargs,
        )
