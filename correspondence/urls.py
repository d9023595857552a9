from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from . import views
from .exports import views as exports
from .exports.sitemaps import SITEMAPS

letter_patterns = [
    # ?format=csv|json|html: the list and its exports share one URL (exports.views)
    path("", exports.letter_list, name="list"),
    path("<slug:slug>/", exports.letter_detail, name="detail"),
    path("<slug:slug>/tei.xml", exports.letter_tei, name="tei"),
]

topic_patterns = [
    path("", views.TopicListView.as_view(), name="list"),
    path("<slug:slug>/", views.TopicDetailView.as_view(), name="detail"),
]

export_patterns = [
    path("cmif.xml", exports.cmif_file, name="cmif"),
    path("downloads/", exports.downloads, name="downloads"),
    path("downloads/letters.csv", exports.download_csv, name="letters-csv"),
    path("downloads/letters.json", exports.download_json, name="letters-json"),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # every value of one facet of /letters/ (the page lists the first 50)
    path("facets/<slug:facet>/", views.FacetValuesView.as_view(), name="facet-values"),
    path("letters/", include((letter_patterns, "letters"))),
    path("topics/", include((topic_patterns, "topics"))),
    path("", include((export_patterns, "exports"))),
    path("robots.txt", exports.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]
