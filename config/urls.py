from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("correspondence.urls")),
    path("people/", include("people.urls")),
    path("api/", include("correspondence.api_urls")),
    path("admin/", admin.site.urls),
]
