"""The admin speaks the editor's language, and its refusals say why (issue 16, points 3–4)."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation

from content.blocks import TableBlock, summary_language_choices
from content.models import HomePage, ThemePage
from tests.editor_helpers import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def dutch_editor(client):
    client.force_login(make_user("els", "Editors", language="nl"))
    return client


def test_the_dashboard_names_the_site_in_the_editors_language(dutch_editor):
    html = dutch_editor.get("/admin/").content.decode()
    assert "Belgische sociale zekerheid" in html
    assert "Belgian social security" not in html


def test_the_checks_panel_labels_are_dutch(dutch_editor):
    theme = ThemePage.objects.get(slug_en="ageing")
    html = dutch_editor.get(f"/admin/pages/{theme.pk}/edit/").content.decode()
    assert "Controles tonen/verbergen" in html
    assert "Inhoudsstatistieken" in html
    assert "Checks aan/uitzetten" not in html
    assert "Content statistieken" not in html


def test_summary_languages_are_named_in_the_editors_language():
    with translation.override("nl"):
        names = dict(summary_language_choices())
    assert names["ru"] == "Russisch (ru)"
    assert names["ar"] == "Arabisch (ar)"
    assert "Chinees" in names["zh-hans"]


def test_tables_use_a_language_the_table_editor_has():
    """Handsontable knows "en-US", not "fr": the editor logged an error for every table."""
    assert TableBlock().table_options["language"] == "en-US"


def test_adding_a_page_under_a_magazine_section_says_why_it_cannot(dutch_editor):
    theme = ThemePage.objects.get(slug_en="ageing")
    response = dutch_editor.get(f"/admin/pages/{theme.pk}/add_subpage/", follow=True)
    home = HomePage.objects.get()
    assert response.redirect_chain[-1][0] == f"/admin/pages/{home.pk}/"
    messages = [str(message) for message in response.context["messages"]]
    assert any("kunnen geen pagina’s staan" in message for message in messages), messages
    assert not any("autorisations" in message or "permission" in message for message in messages)


def test_adding_a_page_where_it_is_allowed_still_offers_the_page_types(dutch_editor):
    home = HomePage.objects.get()
    response = dutch_editor.get(f"/admin/pages/{home.pk}/add_subpage/")
    assert response.status_code == 200
    assert "standardpage" in response.content.decode()


def test_the_development_admin_has_a_name_and_an_address(settings):
    settings.DEBUG = True
    call_command("ensure_dev_admin", stdout=StringIO())
    admin = get_user_model().objects.get(username="admin")
    assert admin.get_full_name() and admin.email


def test_an_existing_development_admin_without_a_name_gets_one(settings):
    settings.DEBUG = True
    get_user_model().objects.create_superuser("admin", password="a-long-test-password")
    call_command("ensure_dev_admin", stdout=StringIO())
    admin = get_user_model().objects.get(username="admin")
    assert admin.get_full_name() and admin.email
    admin.full_clean()  # the account form's own checks: the address is a valid one
