"""The admin, made for editing in three languages: the language tabs of the editor, the
translation report and its dashboard panel, and the content checker's WCAG rules."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets import Button

from core.accessibility import WCAG_TAGS
from core.languages import default_language, language_codes, local_name

from . import rich_text  # noqa: F401  (registers the "language of this phrase" buttons)
from .preview import KeptPreviewOnEditView
from .translation_files import views as translation_files
from .translation_files.bulk_action import ExportTranslationFilesBulkAction
from .translation_status import is_tracked
from .views import (
    TRANSLATE_PARAMETER,
    TranslationReportView,
    TranslationStatusPanel,
    mark_translation_up_to_date,
    user_can_see_report,
)
from .workflow_names import translate_workflow_log_messages


class WcagContentCheckerItem(ContentCheckerItem):
    """Wagtail's content checker (userbar and the editor's "Checks" panel), running the same
    axe-core WCAG 2.0/2.1/2.2 A and AA rules as the test suite's audit of every page, plus
    Wagtail's own rules for what editors write (a skipped heading level, an empty heading, a
    file name as alternative text…), which axe files under best practice, not WCAG."""

    axe_run_only = WCAG_TAGS
    # Not "p-as-heading": it flags the key figure block's own markup (a bold number in a <p>),
    # which no editor can change.
    axe_rules = {
        rule: {"enabled": True}
        for rule in ContentCheckerItem.axe_run_only
        if rule != "p-as-heading"
    }


@hooks.register("construct_wagtail_userbar")
def check_wcag_rules_in_userbar(request, items, page):
    items[:] = [
        WcagContentCheckerItem(in_editor=item.in_editor)
        if isinstance(item, ContentCheckerItem) and not isinstance(item, WcagContentCheckerItem)
        else item
        for item in items
    ]


@hooks.register("insert_editor_js")
def editor_language_tabs():
    """Translate and improve wagtail-modeltranslation's language toggles (see the JS file)."""
    active = translation.get_language()
    shown_first = [default_language()] + ([active] if active != default_language() else [])
    config = {
        "heading": str(_("Languages shown")),
        "shownFirst": [code for code in shown_first if code in language_codes()],
        "translateParameter": TRANSLATE_PARAMETER,
        "languages": {
            code: {"name": str(name), "localName": local_name(code)}
            for code, name in settings.LANGUAGES
        },
    }
    return render_to_string("editorial/editor_languages.html", {"config": config})


@hooks.register("insert_editor_js")
def checks_status_notice():
    """The "Checks" panel says when the checks have not run, never "0" (see the JS file)."""
    messages = {
        "pending": str(_("Not checked yet: the checks run on the preview once it has loaded.")),
        "failed": str(
            _(
                "The checks could not run: the preview is not available. Correct the errors "
                "in the form, or open the preview to see why."
            )
        ),
    }
    return render_to_string("editorial/checks_status.html", {"messages": messages})


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationReportMenuItem(
        _("Translations"),
        reverse("content_translation_report"),
        name="translations",
        icon_name="globe",
        order=650,
    )


@hooks.register("register_admin_urls")
def register_translation_report_urls():
    return [
        path(
            "reports/translations/",
            TranslationReportView.as_view(),
            name="content_translation_report",
        ),
        path(
            "reports/translations/results/",
            TranslationReportView.as_view(results_only=True),
            name="content_translation_report_results",
        ),
        path(
            "reports/translations/<int:status_id>/up-to-date/",
            mark_translation_up_to_date,
            name="content_translation_mark_up_to_date",
        ),
        path(
            "pages/<int:page_id>/translation-files/",
            translation_files.page_translation_files,
            name="translation_files_page",
        ),
        path(
            "pages/<int:page_id>/translation-files/import/",
            translation_files.import_translation_file,
            name="translation_files_import",
        ),
        path(
            "translation-files/import/",
            translation_files.import_translation_file,
            name="translation_files_import_many",
        ),
        path(
            "translation-files/export/",
            translation_files.export_translation_files,
            name="translation_files_export",
        ),
    ]


def translation_files_button(page, user, priority):
    """ "Translation files" in a page's header menu and in the page listing's "more" menu."""
    if page.is_root() or not is_tracked(page.specific_class):
        return None
    if not page.permissions_for_user(user).can_edit():
        return None
    return Button(
        _("Translation files"),
        reverse("translation_files_page", args=[page.pk]),
        icon_name="globe",
        priority=priority,
    )


hooks.register("register_bulk_action", ExportTranslationFilesBulkAction)


@hooks.register("register_page_header_buttons")
def page_header_translation_files(page, user, view_name, next_url=None):
    button = translation_files_button(page, user, priority=66)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def page_listing_translation_files(page, user, next_url=None):
    button = translation_files_button(page, user, priority=55)
    if button:
        yield button


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    if user_can_see_report(request.user):
        panels.append(TranslationStatusPanel())


# After Wagtail's own formatters (order 0): the workflow log entries name the workflow and its
# task in the reader's language.
hooks.register("register_log_actions", translate_workflow_log_messages, order=1)


class PortalPageViewSet(PageViewSet):
    """Wagtail's page views, with a preview that does not validate the same form twice."""

    preview_on_edit_view_class = KeptPreviewOnEditView


@hooks.register("register_admin_viewset")
def register_page_viewset():
    # Registered for Page after Wagtail's own (its hook runs first): every page type uses it.
    return PortalPageViewSet()
