"""The editors' admin in real Chromium: a Dutch title goes from an editor's change through a
moderator's approval to the live site, and the admin pages this project adds pass axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from content.models import HomePage, ThemePage
from core.accessibility import WCAG_TAGS
from tests.editor_helpers import PASSWORD, make_user, page_form_data, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(browser, site, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, site.url, username)
    page.wait_for_url(f"{site.url}/admin/")
    return context, page


def open_more_actions(page):
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()


def axe_violations(page, include):
    results = Axe().run(
        page,
        context={"include": include},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in results.response["violations"]
    ]


def test_editor_changes_the_dutch_title_a_moderator_approves_and_nl_shows_it(
    editorial_site, browser
):
    make_user("els", "Editors", language="nl")
    make_user("marc", "Moderators", language="fr")
    home = HomePage.objects.get()
    new_title = "De sociale zekerheid in België, helder uitgelegd"
    edit_url = f"{editorial_site.url}/admin/pages/{home.pk}/edit/"

    context, page = log_in(browser, editorial_site, "els")
    page.goto(edit_url)
    dutch_toggle = page.locator("button.locale-toggle[aria-pressed]", has_text="nl")
    assert dutch_toggle.get_attribute("aria-pressed") == "true"  # the editor's own language
    page.fill("#id_title_nl", new_title)
    open_more_actions(page)
    page.locator("button[name=action-submit]").click()
    page.wait_for_url(f"{editorial_site.url}/admin/pages/{home.get_parent().pk}/")
    assert "ter goedkeuring ingediend" in page.locator(".messages").inner_text()
    context.close()

    visitor = browser.new_context()
    public = visitor.new_page()
    public.goto(f"{editorial_site.url}/nl/")
    assert public.locator("h1").inner_text() != new_title  # not live before approval

    context, page = log_in(browser, editorial_site, "marc")
    page.goto(edit_url)
    assert page.locator("#id_title_nl").input_value() == new_title
    open_more_actions(page)
    page.locator("footer button[data-workflow-action-name=approve]").first.click()
    page.wait_for_url(f"{editorial_site.url}/admin/pages/{home.get_parent().pk}/")
    context.close()

    public.goto(f"{editorial_site.url}/nl/")
    assert public.locator("h1").inner_text() == new_title
    visitor.close()


def test_translation_report_dashboard_and_language_toggles_pass_axe(
    editorial_site, browser, client
):
    make_user("els", "Editors", language="nl")
    theme = ThemePage.objects.get(slug_en="ageing")
    client.login(username="els", password=PASSWORD)
    client.post(
        f"/admin/pages/{theme.pk}/edit/",
        page_form_data(theme, intro_fr="Une introduction revue.", title_en=""),
    )

    context, page = log_in(browser, editorial_site, "els")
    problems = axe_violations(page, ["#translation-status-section"])
    assert "1 pagina van de" in page.locator("#translation-status-section").inner_text()

    page.goto(f"{editorial_site.url}/admin/reports/translations/?needs_translation_in=any")
    report = page.locator("table.translation-report")
    assert report.locator("tbody tr").count() == 1
    assert "Leeg:" in report.inner_text()
    problems += axe_violations(page, ["main"])

    report.locator("a", has_text="Vertalen").last.click()
    page.wait_for_load_state("networkidle")
    english_toggle = page.locator("button.locale-toggle[aria-pressed]", has_text="en")
    assert english_toggle.get_attribute("aria-pressed") == "true"
    assert page.locator("#id_title_en").is_visible()
    problems += axe_violations(page, [".locale-picker"])

    # Submitting with the English title still empty, its fields hidden: the error is shown,
    # in the editor's language, and the English fields open by themselves.
    english_toggle.click()
    assert not page.locator("#id_title_en").is_visible()
    open_more_actions(page)
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_title_en").is_visible()
    assert (
        "Engels: nodig voor u de pagina publiceert"
        in page.locator(".error-message").first.inner_text()
    )
    context.close()
    assert not problems, "\n".join(problems)
