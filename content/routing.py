"""Routing by translated slug without reading every sibling.

wagtail-modeltranslation replaces `Page.route` so that a URL matches a child's slug in the
active language (with its fallback): it loads *every* child of each page on the path and compares
slugs in Python (17 children of the home page on every request). This route asks the database
only for the children one of whose slug columns equals the URL's component, then applies the
same comparison to those, in the same (tree) order: the same page is found.
"""

from django.db.models import Q
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from core.languages import language_codes


def _candidates(page, slug):
    columns = Q(slug=slug)
    for code in language_codes():
        columns |= Q(**{f"slug_{code}": slug})
    return page.get_children().filter(columns)


def route(self, request, path_components):
    if isinstance(self, RoutablePageMixin) and self.live:
        try:
            path = "/"
            if path_components:
                path += "/".join(path_components) + "/"
            view, args, kwargs = self.resolve_subpage(path)
            return RouteResult(self, args=(view, args, kwargs))
        except Http404:
            pass
    if path_components:
        child_slug, remaining = path_components[0], path_components[1:]
        for child in _candidates(self, child_slug):
            if child.slug == child_slug:
                return child.specific.route(request, remaining)
        raise Http404
    if self.live:
        return RouteResult(self)
    raise Http404


def install():
    """Replace wagtail-modeltranslation's route on every page model that has it."""
    from django.apps import apps
    from wagtail_modeltranslation.patch_wagtailadmin import _new_route

    for model in apps.get_models():
        if issubclass(model, Page) and model.route is _new_route:
            model.route = route
