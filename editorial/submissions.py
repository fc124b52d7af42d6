"""The admin's list and export of feedback submissions, safe to open in a spreadsheet."""

import csv

from wagtail.admin.views.mixins import Echo
from wagtail.contrib.forms.views import SubmissionsListView

from content.models import FormPage

# A cell starting with one of these is read as a formula by spreadsheet programs (CSV
# injection): "=HYPERLINK(…)" typed into the feedback form would run when an editor opens the
# export. Such cells get a leading single quote, which spreadsheets show as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions list; its CSV export neutralises formulas in every cell, headings
    included (the XLSX export already stores such cells as text)."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def stream_csv(self, queryset):
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export)
        yield writer.writerow(
            {field: neutralise(self.get_heading(queryset, field)) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))


def attach_to_form_pages():
    """Called from EditorialConfig.ready(): the admin app owns the admin's views."""
    FormPage.submissions_list_view_class = SafeSubmissionsListView
