"""The search app in the admin: synonyms as a snippet, and the search report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import SearchReportView, user_can_see_search_report
from .models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["term", "replacements", "language"]
    list_filter = ["language"]
    ordering = ["language", "term"]


register_snippet(SearchSynonymViewSet)


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_search_report(request.user)


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(
        _("Searches"), reverse("search_report"), name="searches", icon_name="search", order=660
    )


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [path("reports/searches/", SearchReportView.as_view(), name="search_report")]
