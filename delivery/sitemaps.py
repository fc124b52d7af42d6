"""Findability: sitemap.xml with every public page in every language and its hreflang
alternates, the HTML site map of each language, and robots.txt."""

from django.contrib import sitemaps
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from core.languages import default_language, language_codes


class PageSitemap(sitemaps.Sitemap):
    """Django's i18n sitemap over the site's live, public pages.

    Django's own x-default drops the language prefix from the default language's URL, which
    gives addresses that do not exist here (every page lives under /<lang>/); the x-default
    added in get_urls matches the pages' own <link rel="alternate" hreflang="x-default">: the
    language choice at / for the home page, the default language elsewhere.
    """

    i18n = True
    alternates = True
    x_default = False

    def __init__(self, request):
        self.request = request
        self.site = Site.find_for_request(request)

    def items(self):
        if self.site is None:
            return Page.objects.none()
        return self.site.root_page.get_descendants(inclusive=True).live().public().order_by("path")

    def location(self, page):
        return page.get_url_parts(self.request)[2]

    def lastmod(self, page):
        return page.last_published_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            item = url["item"][0]
            if item.pk == self.site.root_page_id:
                path = "/"
            else:
                with translation.override(default_language()):
                    path = self.location(item)
            url["alternates"].append({"location": origin + path, "lang_code": "x-default"})
        return urls


def _site_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return Page.objects.none(), None
    root = site.root_page
    pages = root.get_descendants(inclusive=True).live().public().order_by("path")
    return pages, root


@require_safe
def sitemap_page(request):
    """Every public page as a nested list, in the active language."""
    pages, root = _site_pages(request)
    tree = []
    branches = {}
    for page in pages:
        node = {"page": page, "children": []}
        branches[page.path] = node["children"]
        parent_path = page.path[: -page.steplen]
        if page.pk == root.pk or parent_path not in branches:
            tree.append(node)
        else:
            branches[parent_path].append(node)
    return render(
        request,
        "sitemap_page.html",
        {"tree": tree, "page_title": _("Site map")},
    )


@require_safe
def sitemap_xml(request):
    """sitemap.xml: every public page in every language, with its hreflang alternates."""
    return django_sitemap(request, sitemaps={"pages": PageSitemap(request)})


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/"]
    for code in language_codes():
        with translation.override(code):
            lines.append(f"Disallow: {reverse('search')}")
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap_xml'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
