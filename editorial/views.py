"""The translation report in the admin (Reports → Translations) and its dashboard panel.

What counts as "needs translation" is decided in translation_status.py.
"""

from dataclasses import dataclass, field

import django_filters
from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.languages import default_language

from .models import TranslationStatus
from .translation_files.views import ImportForm
from .translation_status import (
    field_label,
    mark_up_to_date,
    pages_needing_translation,
)

EDITING_PERMISSIONS = ["add", "change", "publish"]
# The editor opens with these languages' fields shown (see editorial/static/editorial/).
TRANSLATE_PARAMETER = "translate"


def translated_language_choices():
    return [(code, name) for code, name in settings.LANGUAGES if code != default_language()]


def user_can_see_report(user):
    return PagePermissionPolicy().user_has_any_permission(user, EDITING_PERMISSIONS)


class NeedsTranslationFilter(django_filters.ChoiceFilter):
    ANY_LANGUAGE = "any"

    def filter(self, queryset, value):
        if not value:
            return queryset
        statuses = TranslationStatus.objects.filter(needs_translation=True)
        if value != self.ANY_LANGUAGE:
            statuses = statuses.filter(language=value)
        return queryset.filter(pk__in=statuses.values("page_id"))


class TranslationReportFilterSet(WagtailFilterSet):
    needs_translation_in = NeedsTranslationFilter(
        label=_("Needs translation in"),
        choices=lambda: (
            [(NeedsTranslationFilter.ANY_LANGUAGE, _("Any language"))]
            + translated_language_choices()
        ),
        empty_label=_("All pages"),
    )

    class Meta:
        model = Page
        fields = []


@dataclass
class LanguageCell:
    code: str
    name: str
    status_id: int | None = None
    missing: list = field(default_factory=list)
    outdated: bool = False
    edited_at: object = None

    @property
    def needs_translation(self):
        return self.outdated or bool(self.missing)


@dataclass
class ReportRow:
    page: Page
    title: str
    type_name: str
    edit_url: str
    languages: list


class TranslationReportView(ReportView):
    page_title = _("Translations")
    header_icon = "globe"
    results_template_name = "editorial/translation_report_results.html"
    index_url_name = "content_translation_report"
    index_results_url_name = "content_translation_report_results"
    filterset_class = TranslationReportFilterSet
    any_permission_required = EDITING_PERMISSIONS
    permission_policy = PagePermissionPolicy()
    paginate_by = 50

    def get_queryset(self):
        self.queryset = Page.objects.filter(depth__gt=1).order_by("path")
        return super().get_queryset()

    def decorate_paginated_queryset(self, pages):
        pages = list(pages)
        statuses = {}
        for status in TranslationStatus.objects.filter(page__in=pages):
            statuses.setdefault(status.page_id, {})[status.language] = status
        return [self.row(page, statuses.get(page.pk, {})) for page in pages]

    def row(self, page, statuses):
        model = ContentType.objects.get_for_id(page.content_type_id).model_class() or Page
        active, default = translation.get_language(), default_language()
        own_status = statuses.get(active) or statuses.get(default)
        title = (own_status and own_status.title) or page.title
        languages = []
        for code, name in translated_language_choices():
            status = statuses.get(code)
            cell = LanguageCell(code=code, name=name)
            if status is not None:
                cell.status_id = status.pk
                cell.outdated = status.outdated
                cell.edited_at = status.edited_at
                cell.missing = [field_label(model, key) for key in status.missing_fields]
            languages.append(cell)
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        return ReportRow(
            page=page,
            title=title,
            type_name=model._meta.verbose_name,
            edit_url=edit_url,
            languages=languages,
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["languages"] = translated_language_choices()
        context["default_language_name"] = dict(settings.LANGUAGES)[default_language()]
        context["translate_parameter"] = TRANSLATE_PARAMETER
        context["export_url"] = reverse("translation_files_export")
        context["import_url"] = reverse("translation_files_import_many")
        context["import_form"] = ImportForm()
        context["report_url"] = self.request.get_full_path().replace("/results/", "/", 1)
        return context


@require_POST
def mark_translation_up_to_date(request, status_id):
    """An editor checked a translation against a newer default-language version."""
    status = get_object_or_404(TranslationStatus.objects.select_related("page"), pk=status_id)
    if not status.page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    mark_up_to_date(status)
    messages.success(
        request,
        _("“%(title)s” (%(language)s) is marked as up to date.")
        % {
            "language": dict(settings.LANGUAGES)[status.language],
            "title": status.page.specific_deferred.get_admin_display_title(),
        },
    )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("content_translation_report")
    return redirect(next_url)


class TranslationStatusPanel(Component):
    """Dashboard: how many pages have a language to translate or check."""

    name = "translation_status"
    template_name = "editorial/translation_status_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        pages = pages_needing_translation()
        context["pages_needing_translation"] = pages.count()
        context["report_url"] = reverse("content_translation_report")
        context["filtered_report_url"] = (
            reverse("content_translation_report") + "?needs_translation_in=any"
        )
        context["pages_total"] = Page.objects.filter(depth__gt=1).count()
        return context
