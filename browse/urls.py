from django.urls import path

from . import views

#: the browsing page; config/urls.py puts it under /letters/ beside each letter's URLs
letter_patterns = [
    # ?format=csv|json|html: the list and its exports share one URL
    path("", views.letter_list, name="list"),
]

urlpatterns = [
    # every value of one facet of /letters/ (the page lists the first 50)
    path("facets/<slug:facet>/", views.FacetValuesView.as_view(), name="facet-values"),
]
