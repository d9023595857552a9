"""View mixins shared by the apps' pages (a neutral home: every app may use them)."""

from django.core.paginator import EmptyPage, PageNotAnInteger
from django.shortcuts import render


class SectionMixin:
    """Names the part of the site a page belongs to, for the header navigation."""

    section = None

    def get_context_data(self, **kwargs):
        return super().get_context_data(section=self.section, **kwargs)


class BadPage(Exception):
    """A ``page`` parameter naming no page of the results."""


def bad_page_message(raw, pages, error):
    """The API's wording (correspondence/api.py ``page_window``)."""
    if isinstance(error, EmptyPage) and int(raw) > pages:
        return f"There is no page {int(raw)}: the pages run from 1 to {pages}."
    return f"The page must be a whole number from 1 to {pages}."


class PageParameterMixin:
    """A ``page`` that is not a whole number from 1 to the last page answers 400 with
    a message and links to the first and last pages, as the JSON API answers 400 (a
    shrinking result set is no server error, and not a missing resource either)."""

    bad_page_template = "bad_page.html"

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        raw = self.request.GET.get(self.page_kwarg, "1")
        try:
            page = paginator.page(raw)
        except (PageNotAnInteger, EmptyPage) as error:
            raise BadPage(bad_page_message(raw, paginator.num_pages, error)) from None
        page.object_list = list(page.object_list)
        return paginator, page, page.object_list, page.has_other_pages()

    def bad_request(self, message, heading=None, drop=()):
        """The 400 page: ``message``, and a link to the first page of the same
        request without the parameters ``drop`` (the page always goes)."""
        params = self.request.GET.copy()
        for name in (self.page_kwarg, *drop):
            params.pop(name, None)
        context = {
            "message": message,
            "first_page": f"?{params.urlencode()}",
            "section": self.section,
        }
        if heading:
            context["heading"] = heading
        return render(self.request, self.bad_page_template, context, status=400)

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except BadPage as error:
            return self.bad_request(str(error))
