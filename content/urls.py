"""Routes of the content app that are not Wagtail pages.

`urlpatterns` are language-neutral (API, sitemap.xml, robots.txt); `localised_urlpatterns` go
inside i18n_patterns, before Wagtail's catch-all page route, with paths translated per language.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views
from .api import api_router

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("sitemap.xml", views.sitemap_xml, name="sitemap_xml"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

localised_urlpatterns = [
    # Translators: the address of the search page, e.g. /en/search/. Lower case, ends with "/".
    path(_("search/"), views.search_view, name="search"),
    # Translators: the address of the site map page, e.g. /en/sitemap/. Lower case, ends with "/".
    path(_("sitemap/"), views.sitemap_page, name="sitemap"),
]
