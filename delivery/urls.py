"""Routes that serve visitors outside the page tree.

`urlpatterns` are language-neutral (the language root, /healthz, the API, sitemap.xml,
robots.txt); `localised_urlpatterns` go inside i18n_patterns, before Wagtail's catch-all page
route, with paths translated per language.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import sitemaps, views
from .api import api_router

urlpatterns = [
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemaps.sitemap_xml, name="sitemap_xml"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("", views.language_root, name="language_root"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/ready", views.healthz_ready, name="healthz_ready"),
]

localised_urlpatterns = [
    # Translators: the address of the site map page, e.g. /en/sitemap/. Lower case, ends with "/".
    path(_("sitemap/"), sitemaps.sitemap_page, name="sitemap"),
]
