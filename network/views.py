"""/network/: who wrote to whom among the letters /letters/ shows for the same
parameters, drawn as SVG on the server, with a table of the same exchanges."""

from django.http import QueryDict
from django.urls import reverse
from django.views.generic import TemplateView

from browse.filters import LetterFilter
from browse.limits import query_refusal
from browse.links import PARAMS
from config.views import PageParameterMixin, SectionMixin

from . import graph


def links_to_letters(filterset, letters):
    """``letters_url(**changes)``: ``filterset.url(**changes)`` on /letters/ for
    changes of people only (a correspondent, a sender, a recipient), with the state
    read once rather than for each of hundreds of links."""
    state = QueryDict(filterset.url()[1:])

    def letters_url(**changes):
        params = QueryDict(mutable=True)
        for name in PARAMS:
            values = changes[name] if name in changes else state.getlist(name)
            if values:
                params.setlist(name, [str(v) for v in values])
        return f"{letters}?{params.urlencode()}"

    return letters_url


class NetworkView(SectionMixin, PageParameterMixin, TemplateView):
    template_name = "network/network.html"
    section = "letters"
    page_kwarg = "page"

    def get(self, request, *args, **kwargs):
        # too long a search: 400 before any query is made, as on /letters/
        message = query_refusal(request.GET)
        if message is not None:
            return self.bad_request(
                message, heading="Too costly a request", drop=("q",)
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        filterset = LetterFilter(self.request.GET)
        letters = reverse("letters:list")
        network = graph.build(filterset, links_to_letters(filterset, letters))
        return super().get_context_data(
            network=network,
            filterset=filterset,
            notes=filterset.messages(),
            chips=filterset.chips(),
            letters_url=letters + filterset.url(),
            width=graph.WIDTH,
            height=graph.HEIGHT,
            **kwargs,
        )
