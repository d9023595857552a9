from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from . import source_views, views
from .exports import views as exports
from .exports.sitemaps import SITEMAPS

#: a letter's URLs; config/urls.py puts them under /letters/ beside the browsing page
letter_patterns = [
    # ?format=tei|json|html: the letter and its exports share one URL (exports.views)
    path("<slug:slug>/", exports.letter_detail, name="detail"),
    path("<slug:slug>/tei.xml", exports.letter_tei, name="tei"),
]

topic_patterns = [
    path("", views.TopicListView.as_view(), name="list"),
    path("<slug:slug>/", views.TopicDetailView.as_view(), name="detail"),
]

source_patterns = [
    path("", source_views.SourceListView.as_view(), name="list"),
    path("<slug:key>/", source_views.SourceDetailView.as_view(), name="detail"),
]

export_patterns = [
    path("cmif.xml", exports.cmif_file, name="cmif"),
    path("downloads/", exports.downloads, name="downloads"),
    path("downloads/letters.csv", exports.download_csv, name="letters-csv"),
    path("downloads/letters.json", exports.download_json, name="letters-json"),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("topics/", include((topic_patterns, "topics"))),
    path("sources/", include((source_patterns, "sources"))),
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
