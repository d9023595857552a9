"""The read-only JSON API, mounted at /api/.

OpenAPI 3 at /api/openapi.json, interactive docs at /api/docs (Swagger UI served from
django-ninja's own static files, no CDN). Errors are JSON ``{"detail": "..."}``: a
malformed query parameter is a 400 (django-ninja's default would be a 422 with a list),
an unknown slug a 404, and any method but GET a 405.
"""

from functools import wraps

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import path
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError

from browse.api import router as letter_list
from correspondence.api import letters, topics
from people.api import router as people_router
from places.api import router as places_router


class SiteSwagger(Swagger):
    """django-ninja's Swagger UI inside the site's page (templates/ninja/swagger.html),
    its settings written by ``json_script`` (escaped for a <script>) rather than as a
    JSON string marked safe."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        # the API is read-only and anonymous: no CSRF token to send
        context = {"swagger_settings": self.settings, "api": api, "add_csrf": False}
        return render(request, self.template, context)


api = NinjaAPI(
    title="Letters API",
    version="1",
    description="Read-only JSON for the edition's letters, people, places and topics.",
    openapi_url="/openapi.json",
    docs_url="/docs",
    # no deep links: they put a link inside each operation's button (nested controls)
    docs=SiteSwagger(settings={"deepLinking": False}),
    urls_namespace="api",
)
api.add_router("/letters/", letter_list)
api.add_router("/letters/", letters)
api.add_router("/people/", people_router)
api.add_router("/places/", places_router)
api.add_router("/topics/", topics)


def _describe(error):
    where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "request"
    return f"Invalid value for {where!r}: {error.get('msg', 'not valid')}."


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    detail = " ".join(_describe(error) for error in exc.errors)
    return api.create_response(request, {"detail": detail}, status=400)


def _json_not_allowed(view):
    """django-ninja answers a method it has no operation for with a plain-text 405."""

    @wraps(view)  # keeps csrf_exempt: the API has no session writes to protect
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        detail = f"{request.method} is not allowed: the API is read-only."
        return JsonResponse(
            {"detail": detail}, status=405, headers={"Allow": response["Allow"]}
        )

    return wrapper


def _patterns():
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = _json_not_allowed(pattern.callback)
    return patterns, app_name, namespace


urlpatterns = [path("", _patterns())]
