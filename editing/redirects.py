"""Old addresses keep working: when an editor changes the slug of a letter, a person, a
topic or a place, every URL that carried the old one (a citation, a bookmark, a link
from another site) answers with a permanent redirect to the same URL with the new one.

The old slugs are those the history keeps (django-simple-history, editing/models.py):
every saved version of a record, with the slug it had then. A 404 from one of the URLs
in ``URLS`` is looked up there: the record that had the slug most recently, if it
still exists under another slug, gives the redirect (query string kept); a person
merged into another (people/merging.py) leads to that one. A slug that a
live record has is that record's, whatever it was before: nothing is looked up.

Browsing URLs name people and topics in their parameters (``/letters/?correspondent=
<slug>``, the API likewise): one that names a person or topic by an old slug is
redirected to the same URL with the current one (looked for once the view has answered
200: one query per such parameter).

A record loaded from the fixtures has no history until its first edit, when the admin
records it "as loaded" (editing/history.py). So that an old slug is never lost, a slug
changed any other way (the shell, a script, an import) records that state too, just
before the save (``keep_old_slug``, connected in editing/models.py).
"""

from django.db.models import OuterRef, Subquery
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse

from correspondence.models import Letter, Topic
from correspondence.text import SLUG_RE
from people.merging import merged_into
from people.models import Person
from places.models import Place

from .history import history_baseline

#: the URL names whose ``slug`` names a record, and that record's model
URLS = {
    "letters:detail": Letter,
    "letters:tei": Letter,
    "api:letter-detail": Letter,
    "people:detail": Person,
    "api:person-detail": Person,
    "topics:detail": Topic,
    "api:topic-detail": Topic,
    "places:detail": Place,
    "api:place-detail": Place,
}


def keep_old_slug(sender, instance, raw=False, **kwargs):
    """pre_save: when a stored record's slug changes, its history holds the old one
    (a baseline row if it had no history yet)."""
    if raw or instance.pk is None:
        return
    stored = sender._default_manager.filter(pk=instance.pk).values("slug").first()
    if stored is not None and stored["slug"] != instance.slug:
        history_baseline(sender, [instance.pk])


#: the browsing URLs, and the parameters in which they name records by slug
LISTS = {"letters:list", "api:letter-list"}
PARAMETERS = {
    "correspondent": Person,
    "sender": Person,
    "recipient": Person,
    "topic": Topic,
    "place": Place,
}
#: old slugs looked up per parameter, at most (a longer list is not a citation)
MAX_LOOKUPS = 10
#: merges followed from a deleted record to the one that holds it now, at most
MAX_MERGES = 10


def current_slug(model, old):
    """The slug now borne by the record of ``model`` that last had ``old``, or None
    (no record had it, or it was deleted since)."""
    history = model.history.model
    last_had_it = (
        history.objects.filter(id=OuterRef("pk"), slug=old)
        .order_by("-history_date", "-history_id")
        .values("history_date")[:1]
    )
    live = (
        model.objects.exclude(slug=old)
        .annotate(had_it=Subquery(last_had_it))
        .filter(had_it__isnull=False)
        .order_by("-had_it")
        .values_list("slug", flat=True)
        .first()
    )
    return live or _merged_slug(model, old)


def _merged_slug(model, old):
    """The slug of the record that the deleted record with ``old`` was merged into
    (people/merging.py), following later merges; or None."""
    history = model.history.model
    deletions = history.objects.filter(history_type="-").order_by("-history_date")
    reason = deletions.filter(slug=old).values_list("history_change_reason", flat=True)
    for _hop in range(MAX_MERGES):
        target = merged_into(reason.first())
        if target is None:
            return None
        slug = model.objects.filter(pk=target).values_list("slug", flat=True).first()
        if slug is not None:
            return slug
        reason = deletions.filter(id=target).values_list(
            "history_change_reason", flat=True
        )
    return None


def renamed_parameters(request):
    """The browsing URL of ``request`` with old slugs in its parameters replaced by
    current ones, or None when no value is an old slug."""
    if not PARAMETERS.keys() & request.GET:
        return None
    match = request.resolver_match  # set by Django when the URL matched
    if match is None or match.view_name not in LISTS:
        return None
    params, changed = request.GET.copy(), False
    for name, model in PARAMETERS.items():
        values = params.getlist(name)
        # only what could be a slug is looked up (not, say, a NUL byte: PostgreSQL
        # refuses it in a query, the filter ignores it with a note)
        slugs = [v for v in values if SLUG_RE.match(v)][:MAX_LOOKUPS]
        if not slugs:
            continue
        live = set(model.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        renamed = {v: current_slug(model, v) for v in slugs if v not in live}
        if any(renamed.values()):
            changed = True
            params.setlist(name, [renamed.get(v) or v for v in values])
    return f"{request.path}?{params.urlencode()}" if changed else None


def moved_to(request):
    """The URL ``request`` now lives at, if its slug is an old one; else None."""
    match = request.resolver_match
    if match is None:  # no URL matched: nothing to look up
        return None
    model = URLS.get(match.view_name)
    old = match.kwargs.get("slug")
    if model is None or not old:
        return None
    new = current_slug(model, old)
    if new is None:
        return None
    url = reverse(match.view_name, kwargs={**match.kwargs, "slug": new})
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


class PastSlugRedirectMiddleware:
    """A browsing URL naming a record by an old slug, or a 404 on a record's URL whose
    slug is an old one, becomes a 301 to the URL with the current slug."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        # after the view: a request it refuses (400) costs no lookup
        if response.status_code == 200:
            url = renamed_parameters(request)
        elif response.status_code == 404:
            url = moved_to(request)
        else:
            url = None
        return HttpResponsePermanentRedirect(url) if url else response
