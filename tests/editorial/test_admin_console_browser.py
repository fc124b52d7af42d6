"""The admin's edit views open without a console error, tables included, in Chromium."""

import pytest

from content.models import PublicationPage, ThemePage
from tests.editor_helpers import make_user
from tests.editorial.admin_browser import AdminSession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_edit_views_with_tables_log_no_console_error(editorial_site, browser):
    make_user("els", "Editors", language="nl")
    pages = [
        ThemePage.objects.get(slug_en="ageing"),
        PublicationPage.objects.get(slug_en="wssf-magazine-2019"),
    ]
    session = AdminSession(browser, editorial_site, "els")
    for page in pages:
        session.open(f"/admin/pages/{page.pk}/edit/")
        tables = session.page.locator("[data-contentpath=body_nl] .handsontable")
        assert tables.count() >= 1  # the table editor has drawn
    session.close()  # fails on any console error ("Language with code "fr" was not found")
