"""The editors' search report (Reports → Searches): per language and week, the most frequent
queries and the queries that found nothing (search.statistics)."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.languages import default_language, language_codes

from . import statistics

EDITING_PERMISSIONS = ["add", "change", "publish"]


def user_can_see_search_report(user):
    """Anyone who edits pages: the report holds no personal data."""
    return PagePermissionPolicy().user_has_any_permission(user, EDITING_PERMISSIONS)


class SearchReportView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Searches")
    header_icon = "search"
    template_name = "search/search_report.html"

    def dispatch(self, request, *args, **kwargs):
        if not user_can_see_search_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = self.request.GET.get("language")
        if language not in language_codes():
            language = default_language()
        week = parse_date(self.request.GET.get("week") or "") or timezone.localdate()
        report = statistics.weekly_report(language, week)
        one_week = datetime.timedelta(days=7)
        context.update(
            report=report,
            language=language,
            languages=settings.LANGUAGES,
            previous_week=(report["start"] - one_week).isoformat(),
            next_week=(report["start"] + one_week).isoformat(),
            is_current_week=report["start"] >= statistics.week_start(timezone.localdate()),
            retention_days=statistics.RETENTION_DAYS,
        )
        return context
