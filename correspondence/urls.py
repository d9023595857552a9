from django.urls import include, path

from . import views

letter_patterns = [
    path("", views.LetterListView.as_view(), name="list"),
    path("<slug:slug>/", views.LetterDetailView.as_view(), name="detail"),
]

topic_patterns = [
    path("", views.TopicListView.as_view(), name="list"),
    path("<slug:slug>/", views.TopicDetailView.as_view(), name="detail"),
]

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("letters/", include((letter_patterns, "letters"))),
    path("topics/", include((topic_patterns, "topics"))),
]
