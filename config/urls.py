from django.contrib import admin
from django.urls import include, path

from browse import urls as browse_urls
from correspondence import urls as correspondence_urls

#: /letters/ is the browsing page (browse/) and each letter's own URLs (correspondence/)
letter_patterns = [*browse_urls.letter_patterns, *correspondence_urls.letter_patterns]

urlpatterns = [
    path("letters/", include((letter_patterns, "letters"))),
    path("", include("browse.urls")),
    path("", include("correspondence.urls")),
    path("people/", include("people.urls")),
    path("places/", include("places.urls")),
    path("network/", include("network.urls")),
    path("api/", include("config.api_urls")),
    path("admin/", admin.site.urls),
]
