"""URLs of the open-data formats: CMIF, TEI, CSV and JSON downloads, robots.txt.

Views only choose and wire: the documents are built in this package's modules.
"""

from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from correspondence import views as pages
from correspondence.models import Letter

from . import cmif, dumps, tables, tei
from .streaming import batched
from .version import data_version

CSV_TYPE = "text/csv; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"
TEI_TYPE = "application/tei+xml; charset=utf-8"

_letter_detail_page = pages.LetterDetailView.as_view()

#: the values ``?format=`` takes on a letter's page
DETAIL_FORMATS = ("html", "tei", "json")


def unsupported_format(value, formats):
    shown = value if len(value) <= 40 else value[:40] + "…"
    return HttpResponseBadRequest(
        f"Unsupported format {shown!r}: this page is available as "
        f"{', '.join(formats)}.\n",
        content_type=TEXT_TYPE,
    )


def versioned(response, version, filename=None):
    response["X-Data-Version"] = version.stamp
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def query_without_format(request):
    params = request.GET.copy()
    params.pop("format", None)
    return f"?{params.urlencode()}" if params else ""


@require_safe
def letter_detail(request, slug):
    """A letter's page; ``?format=tei`` and ``?format=json`` lead to its TEI and
    JSON."""
    chosen = request.GET.get("format", "html").strip().lower() or "html"
    if chosen == "html":
        return _letter_detail_page(request, slug=slug)
    if chosen not in DETAIL_FORMATS:
        return unsupported_format(chosen, DETAIL_FORMATS)
    if not Letter.objects.filter(slug=slug).exists():
        raise Http404(f"There is no letter with the slug {slug!r}.")
    if chosen == "tei":
        return HttpResponseRedirect(reverse("letters:tei", args=[slug]))
    return HttpResponseRedirect(reverse("api:letter-detail", args=[slug]))


@require_safe
def letter_tei(request, slug):
    letter = tei.for_tei().filter(slug=slug).first()
    if letter is None:
        raise Http404(f"There is no letter with the slug {slug!r}.")
    url = request.build_absolute_uri(letter.get_absolute_url())
    response = HttpResponse(
        tei.to_bytes(tei.letter_tei(letter, url, request.build_absolute_uri)),
        content_type=TEI_TYPE,
    )
    response["Content-Disposition"] = f'inline; filename="{letter.slug}.tei.xml"'
    return response


@require_safe
def cmif_file(request):
    """/cmif.xml: every letter's correspondence metadata, for correspSearch."""
    version = data_version()
    changed = version.changed or timezone.now()
    response = StreamingHttpResponse(
        batched(cmif.stream(build_url=request.build_absolute_uri, changed=changed)),
        content_type=XML_TYPE,
    )
    return versioned(response, version)


@require_safe
def downloads(request):
    version = data_version()
    return render(
        request,
        "correspondence/downloads.html",
        {
            "section": "downloads",
            "version": version,
            "letter_count": Letter.objects.count(),
            "csv_name": f"letters-{version.stamp}.csv",
            "json_name": f"letters-{version.stamp}.json",
        },
    )


@require_safe
def download_csv(request):
    version = data_version()
    response = StreamingHttpResponse(
        batched(
            tables.stream(Letter.objects.in_date_order(), request.build_absolute_uri)
        ),
        content_type=CSV_TYPE,
    )
    return versioned(response, version, f"letters-{version.stamp}.csv")


@require_safe
def download_json(request):
    version = data_version()
    response = StreamingHttpResponse(
        batched(dumps.stream(request, version)), content_type=JSON_TYPE
    )
    return versioned(response, version, f"letters-{version.stamp}.json")


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type=TEXT_TYPE)
