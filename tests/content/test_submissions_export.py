"""The CSV export of feedback submissions, downloaded from the admin by a signed-in editor,
cannot smuggle a formula into a spreadsheet: cells starting with = + - @ tab or CR are
prefixed with a single quote; everything else is unchanged."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission

from content.models import FormPage

pytestmark = pytest.mark.django_db

TYPED = {
    '=HYPERLINK("http://evil.example","click")': '\'=HYPERLINK("http://evil.example","click")',
    "+32 2 528 60 11": "'+32 2 528 60 11",
    "-1+1": "'-1+1",
    "@SUM(A1:A2)": "'@SUM(A1:A2)",
    "\tleading tab": "'\tleading tab",
    "\rleading return": "'\rleading return",
    "a plain message = fine": "a plain message = fine",
    "mail@example.org": "mail@example.org",
}


def test_the_csv_export_neutralises_formulas(client):
    page = FormPage.objects.get()
    text_field = next(
        field for field in page.form_fields.all() if field.field_type in ("singleline", "multiline")
    )
    for typed in TYPED:
        FormSubmission.objects.create(page=page, form_data={text_field.clean_name: typed})
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(editor)

    response = client.get(reverse("wagtailforms:list_submissions", args=[page.pk]) + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content, newline="")))
    assert len(rows) == len(TYPED)
    exported = set()
    for row in rows:
        exported.update(value for value in row.values() if value)
    for typed, safe in TYPED.items():
        assert safe in exported, (typed, safe)
    dangerous = [value for value in exported if value.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert not dangerous
