"""Public views that are not pages: search, the HTML site map, sitemap.xml and robots.txt."""

from django import forms
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from portal.languages import language_codes

from . import search
from .sitemaps import PageSitemap

RESULTS_PER_PAGE = 10


class SearchQueryField(forms.CharField):
    """Control characters (a NUL byte, say) are dropped before validation, not refused: the
    rest of the query is still worth searching for."""

    def to_python(self, value):
        return search.clean_query(super().to_python(value))


class SearchForm(forms.Form):
    q = SearchQueryField(
        label=_("Search for"),
        required=False,
        max_length=search.MAX_QUERY_LENGTH,
        strip=True,
        error_messages={
            "max_length": _(
                "Your search is too long: use at most %(limit_value)d characters (it has "
                "%(show_value)d). A few precise words work best."
            )
        },
    )


@require_safe
def search_view(request):
    """Search the content of the active language. A GET form: it works without JavaScript."""
    language = translation.get_language()
    form = SearchForm(request.GET)
    context = {"form": form, "query": "", "page_title": _("Search"), "noindex": True}
    if not form.is_valid():
        # Too long: say so, and give back what was typed so it can be shortened, not retyped.
        context["typed"] = search.clean_query(request.GET.get("q", ""))
    elif query := form.cleaned_data["q"]:
        context.update(query=query, typed=query)
        if not search.has_words(query):
            context["message"] = _(
                "Your search has no letters or digits to look for. Type one or more words."
            )
        else:
            results = search.SearchResults(query, language, request)
            paginator = Paginator(results, RESULTS_PER_PAGE)
            results_page = paginator.get_page(request.GET.get("page"))
            context.update(
                results_page=results_page,
                result_count=paginator.count,
                page_links=_page_links(results_page, query),
            )
    return render(request, "search.html", context)


def _page_links(results_page, query):
    from urllib.parse import urlencode

    if results_page.paginator.num_pages < 2:
        return None

    def link(number):
        return "?" + urlencode({"q": query, "page": number})

    return {
        "previous": link(results_page.previous_page_number())
        if results_page.has_previous()
        else None,
        "next": link(results_page.next_page_number()) if results_page.has_next() else None,
        "pages": [
            {"number": number, "url": link(number), "current": number == results_page.number}
            for number in results_page.paginator.page_range
        ],
    }


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
