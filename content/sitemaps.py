"""sitemap.xml: every public page in every language, each with its hreflang alternates."""

from django.contrib import sitemaps
from django.utils import translation
from wagtail.models import Page, Site

from portal.languages import default_language


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
