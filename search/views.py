"""The search page of each language: a GET form that works without JavaScript."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from . import querying as search

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
