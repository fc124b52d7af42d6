"""In real Chromium: an editor and a moderator each read the moderation workflow and its task in
their own admin language, from the submit button to the approval; an administrator who renames
the workflow gets exactly the name typed (issue 16, point 3)."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Workflow
from wagtail.users.models import UserProfile

from accounts.testing import totp_device
from content.models import HomePage
from tests.editor_helpers import PASSWORD, make_user
from tests.editorial.admin_browser import AdminSession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The names in each language, and what must not show in the other languages' admin.
OTHER_NAMES = {
    "nl": ["Modération", "Approbation", "Moderation", "Approval", "portal:"],
    "fr": ["Moderatie", "Goedkeuring", "Moderation", "Approval", "portal:"],
}


def text_of(session, selector="body"):
    return session.page.locator(selector).first.inner_text()


def assert_only_own_language(text, language, where):
    shown = [name for name in OTHER_NAMES[language] if name in text]
    assert not shown, f"{where}: {shown} in a {language} admin"


def test_a_dutch_editor_and_a_french_moderator_read_the_workflow_in_their_language(
    editorial_site, browser
):
    make_user("els", "Editors", language="nl")
    make_user("marc", "Moderators", language="fr")
    home = HomePage.objects.get()
    edit = f"/admin/pages/{home.pk}/edit/"

    editor = AdminSession(browser, editorial_site, "els")
    editor.open(edit)
    editor.open_more_actions()
    submit = editor.page.locator("button[name=action-submit]")
    assert submit.inner_text().strip() == "Stuur door naar Moderatie"
    submit.click()
    editor.page.wait_for_url(f"{editorial_site.url}/admin/pages/{home.get_parent().pk}/")
    assert "ter goedkeuring ingediend" in text_of(editor, ".messages")

    editor.open("/admin/")  # "Jouw pagina's en snippets in een workflow"
    dashboard = text_of(editor, "main")
    assert "Goedkeuring" in dashboard
    assert_only_own_language(dashboard, "nl", "dashboard")

    editor.open(edit)  # the header and the status side panel
    editor.page.locator("[data-side-panel-toggle=status]").first.click()
    status = text_of(editor, "[data-side-panel=status]")
    assert "Goedkeuring" in status
    editor.page.locator("[data-side-panel=status]").get_by_text("Bekijk details").click()
    dialog = editor.page.locator("#workflow-status-dialog")
    dialog.wait_for(state="visible")
    assert "Moderatie" in dialog.inner_text() and "Goedkeuring" in dialog.inner_text()
    assert_only_own_language(dialog.inner_text(), "nl", "workflow status dialog")
    dialog.locator("button[data-action*=hide]").first.click()
    assert_only_own_language(text_of(editor, "main"), "nl", "edit view")

    editor.open(f"/admin/pages/{home.pk}/workflow_history/")
    assert "Moderatie" in text_of(editor, "main")
    editor.page.locator("main a[href*='/workflow_history/detail/']").first.click()
    editor.page.wait_for_load_state("networkidle")
    detail = text_of(editor, "main")
    assert "Moderatie" in detail and "Goedkeuring" in detail
    assert_only_own_language(detail, "nl", "workflow history")
    editor.close()

    moderator = AdminSession(browser, editorial_site, "marc")
    # "En attente de votre vérification": each task's name in a tooltip on its status
    tooltips = moderator.page.locator("main [data-w-tooltip-content-value]")
    awaiting = " ".join(
        tooltips.nth(index).get_attribute("data-w-tooltip-content-value")
        for index in range(tooltips.count())
    )
    assert "Approbation" in awaiting
    assert_only_own_language(awaiting + text_of(moderator, "main"), "fr", "dashboard")
    moderator.open(edit)
    moderator.page.locator("[data-side-panel-toggle=status]").first.click()
    assert "Approbation" in text_of(moderator, "[data-side-panel=status]")
    assert_only_own_language(text_of(moderator, "main"), "fr", "edit view")
    moderator.open_more_actions()
    moderator.page.locator("footer button[data-workflow-action-name=approve]").first.click()
    moderator.page.wait_for_url(f"{editorial_site.url}/admin/pages/{home.get_parent().pk}/")
    assert_only_own_language(text_of(moderator, ".messages"), "fr", "approval message")
    moderator.close()


def test_an_administrator_who_renames_the_workflow_gets_the_name_typed(editorial_site, browser):
    administrator = get_user_model().objects.create_superuser("anne", "anne@example.org", PASSWORD)
    totp_device(administrator)
    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "nl"
    profile.save()
    workflow = Workflow.objects.get()

    session = AdminSession(browser, editorial_site, "anne")
    session.open(f"/admin/workflows/edit/{workflow.pk}/")
    name = session.page.locator("#id_name")
    assert name.input_value() == "Moderatie"
    name.fill("Eindredactie")
    session.page.locator("main button[type=submit]", has_text="Opslaan").first.click()
    session.page.wait_for_url(f"{editorial_site.url}/admin/workflows/list/")
    listing = text_of(session, "main")
    assert "Eindredactie" in listing and "Moderatie" not in listing
    session.close()

    assert list(Workflow.objects.values_list("name", flat=True)) == ["Eindredactie"]
