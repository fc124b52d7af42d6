"""The search page of each language: a GET form that works without JavaScript."""

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.template.loader import get_template
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import SearchPromotion

from . import querying as search
from . import results_cache, statistics, vocabulary
from .folding import fold

RESULTS_PER_PAGE = 10
# Fewer results than this, and the page also offers a corrected spelling when there is one.
SUGGEST_BELOW = 3


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
            context.update(_results(request, query, language))
            statistics.record(query, language, context["result_count"])
    if "results_html" not in context:
        context["results_html"] = _render_results(context)
    return render(request, "search.html", context)


def _render_results(context):
    """What a search found, or why it found nothing: the part of the page under the form."""
    return get_template("includes/search_results.html").render(context)


def _results(request, query, language):
    """What the page shows for a query, from the results cache when a search of the same query,
    page and content generation was made moments ago (results_cache), else searched.

    Kept as rendered HTML with the few numbers the page title needs: a repeated search renders
    only the page around it, not ten results again."""
    page_number = request.GET.get("page") or ""
    host = request.get_host()
    shown, generation = results_cache.get(language, host, query, page_number)
    if shown is None:
        shown = _search(request, query, language, page_number)
        results_cache.put(language, host, query, page_number, generation, shown)
    return shown


def _search(request, query, language, page_number):
    results = search.SearchResults(query, language, request)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    results_page = paginator.get_page(page_number)
    found = {
        "query": query,
        "results_page": results_page,
        "result_count": paginator.count,
        "page_links": _page_links(results_page, query),
        "promotions": promotions(query, language, request),
    }
    if paginator.count < SUGGEST_BELOW:
        found.update(_suggestion(query, language, request, paginator.count))
    return {
        "results_html": _render_results(found),
        "result_count": paginator.count,
        "page_number": results_page.number,
        "page_count": paginator.num_pages,
    }


def _suggestion(query, language, request, count):
    """ "Did you mean …?" from the index's vocabulary, offered only if it finds pages; with no
    result for the query, the suggestion's first results are shown too."""
    suggestion = vocabulary.suggest(query, language)
    if not suggestion:
        return {}
    suggested = search.SearchResults(suggestion, language, request)
    if count == 0:
        results = suggested[:RESULTS_PER_PAGE]
        total = suggested.count() if len(results) == RESULTS_PER_PAGE else len(results)
    else:
        results, total = [], suggested.count()
    if not total:
        return {}
    return {
        "suggestion": suggestion,
        "suggestion_url": "?" + urlencode({"q": suggestion}),
        "suggestion_results": results,
        "suggestion_count": total,
    }


def promotions(query, language, request):
    """Editors' picks (Wagtail's search promotions) for the query, in the visitor's language.

    A promotion's query applies in every language ("pension"), or in one language only when it
    starts with the language code and a colon ("nl: werkloos"). Accents and case do not matter.
    """
    normalised = " ".join(query.lower().split())
    folded = " ".join(fold(query).split())
    strings = {
        text
        for form in (normalised, folded)
        for text in (form, f"{language}: {form}", f"{language}:{form}")
    }
    picks = SearchPromotion.objects.filter(query__query_string__in=strings).select_related("page")
    shown = []
    for pick in picks.order_by("sort_order", "pk"):
        if pick.page_id:
            if not pick.page.live:
                continue
            url, title = pick.page.get_url(request), pick.page.title
        else:
            url, title = pick.external_link_url, pick.external_link_text
        if url and title:
            shown.append({"url": url, "title": title, "description": pick.description})
    return shown


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
