"""Pages → select → "Translation files": the texts of the selected pages in one download."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction

from .views import ExportForm, export_download


class ExportTranslationFilesBulkAction(PageBulkAction):
    display_name = _("Translation files")
    action_type = "export_translation_files"
    aria_label = _("Export the selected pages' texts for a translator")
    template_name = "editorial/translation_files/bulk_export.html"
    action_priority = 60
    form_class = ExportForm

    def check_perm(self, page):
        return page.permissions_for_user(self.request.user).can_edit()

    def form_valid(self, form):
        pages, _without_access = self.get_actionable_objects()
        return export_download(
            self.request,
            [page.specific for page in pages],
            form.cleaned_data["language"],
            form.cleaned_data["format"],
            archive=True,
        )
