"""The admin's preview and its accessibility checks, in real Chromium: the preview shows in the
editor's panel and in a new tab in every language (the public pages still refuse any frame),
and the checks report what an editor got wrong instead of a silent "0"."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from content.models import StandardPage
from core.languages import language_codes
from tests.editor_helpers import make_user
from tests.editorial.admin_browser import AdminSession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SKIPPED_LEVEL = "Een tussenkop die een niveau overslaat"


def draft_with_a_skipped_heading_level(page):
    """A draft whose Dutch body is an h3 right under the page's h1, and a paragraph (too short
    for an "On this page" list, whose h2 would come between them)."""
    page = page.get_latest_revision_as_object()
    body = page.body_nl
    blocks = [
        ("heading", {"text": SKIPPED_LEVEL, "level": "h3"}),
        ("paragraph", RichText("<p>Een korte tekst.</p>")),
    ]
    page.body_nl = StreamValue(body.stream_block, blocks)
    page.save_revision()


def frame_policy(session, url):
    response = session.page.request.get(url)
    policy = response.headers["content-security-policy"]
    return re.search(r"frame-ancestors ([^;]+)", policy).group(1)


def test_the_preview_shows_in_the_panel_and_a_new_tab_in_every_language(editorial_site, browser):
    make_user("els", "Editors", language="nl")
    page = StandardPage.objects.get(slug_en="accessibility")
    session = AdminSession(browser, editorial_site, "els")
    session.open(f"/admin/pages/{page.pk}/edit/")

    session.page.locator("[data-side-panel-toggle=preview]").click()
    frame = session.page.frame_locator("#w-preview-iframe")
    # The first preview is in the editor's language. Wagtail's preview panel ignores a change of
    # mode while it is still loading a preview (its update in flight is returned instead), so
    # the test waits for it, as a person does, before choosing another language.
    expect(frame.locator("h1")).to_have_text(page.title_nl, timeout=30_000)
    for code in language_codes():
        session.page.select_option("#id_preview_mode", code)
        expect(frame.locator("h1")).to_have_text(getattr(page, f"title_{code}"), timeout=30_000)
        expect(frame.locator("html")).to_have_attribute("lang", code)

    with session.context.expect_page() as new_tab:
        session.page.locator("[data-w-preview-target=newTab]").click()
    tab = new_tab.value
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == getattr(page, f"title_{language_codes()[-1]}")
    tab.close()

    preview_url = f"{editorial_site.url}/admin/pages/{page.pk}/edit/preview/?mode=nl"
    assert frame_policy(session, preview_url) == "'self'"
    assert frame_policy(session, f"{editorial_site.url}{page.get_url()}") == "'none'"
    session.close()


def test_the_checks_report_a_skipped_heading_level_and_never_a_zero_unchecked(
    editorial_site, browser
):
    make_user("els", "Editors", language="nl")
    page = StandardPage.objects.get(slug_en="accessibility")
    draft_with_a_skipped_heading_level(page)
    session = AdminSession(browser, editorial_site, "els")
    session.open(f"/admin/pages/{page.pk}/edit/")

    panel = session.page.locator("[data-side-panel=checks]")
    counter = panel.locator("[data-content-checker-count]")
    assert counter.text_content() == "–"  # not "0": nothing has been checked yet
    assert "Nog niet gecontroleerd" in panel.locator(".portal-checks-status").text_content()

    session.page.locator("[data-side-panel-toggle=checks]").click()
    panel.locator(".portal-checks-status").wait_for(state="detached", timeout=60_000)
    assert int(counter.inner_text()) >= 1
    assert "Verkeerd gebruik kopniveaus" in panel.inner_text()
    assert panel.locator("[data-content-word-count]").inner_text() != "-"
    session.close()
