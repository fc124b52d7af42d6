"""A translator's round trip in real Chromium: an editor exports a page for Dutch from the page's
menu, the translator's tool fills in the file, the editor imports it, reviews the changes,
applies them as a draft, previews the Dutch draft and submits it for moderation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from wagtail.models import WorkflowState

from content.models import StandardPage
from core.accessibility import WCAG_TAGS
from tests.editor_helpers import make_user, sign_in
from tests.editorial.translation_files_data import make_page, translate_xliff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def axe_violations(page):
    results = Axe().run(
        page,
        context={"include": ["main"]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    return [violation["id"] for violation in results.response["violations"]]


def test_export_translate_import_preview_and_submit(editorial_site, browser, tmp_path):
    make_user("els", "Editors", language="nl")
    source = make_page()
    base = editorial_site.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, base, "els")
    page.wait_for_url(f"{base}/admin/")

    # Export, from the page's own menu in the editor.
    page.goto(f"{base}/admin/pages/{source.pk}/edit/")
    page.locator("#w-slim-header-buttons [data-w-dropdown-target=toggle]").click()
    link = page.get_by_role("link", name="Vertaalbestanden")
    link.click()
    page.wait_for_url(f"{base}/admin/pages/{source.pk}/translation-files/")
    assert page.locator("h2", has_text="Exporteren voor een vertaler").is_visible()
    problems = axe_violations(page)
    page.locator("form[method=get] select[name=language]").select_option("nl")
    page.locator("form[method=get] input[name=format][value=xliff]").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Het bestand downloaden").click()
    download = download_info.value
    assert download.suggested_filename.endswith(f"-{source.pk}.fr-nl.xlf")
    exported = tmp_path / "export.xlf"
    download.save_as(exported)

    # The translator's tool fills in every target, keeping the inline codes in place.
    translated = tmp_path / "pensioenen.xlf"
    translated.write_bytes(translate_xliff(exported.read_bytes()))

    # Import: the review shows each change before anything is saved.
    page.locator("form[enctype] select[name=language]").select_option("nl")
    page.set_input_files("input[name=file]", str(translated))
    page.get_by_role("button", name="Het bestand controleren").click()
    diff = page.locator("table.translation-import-diff")
    assert "Na de import" in diff.inner_text()
    assert "De pensioenen" in diff.inner_text()
    problems += axe_violations(page)
    assert StandardPage.objects.get(pk=source.pk).get_latest_revision_as_object().title_nl == ""
    page.get_by_role("button", name="Als concept toepassen").click()
    page.wait_for_url(f"{base}/admin/pages/{source.pk}/edit/")
    assert "als concept opgeslagen" in page.locator(".messages").inner_text()
    assert page.locator("#id_title_nl").input_value() == "De pensioenen"

    # Preview of the Dutch draft, in a tab of its own.
    preview = context.new_page()
    preview.goto(f"{base}/admin/pages/{source.pk}/view_draft/")
    assert preview.locator("html").get_attribute("lang") == "nl"
    assert preview.locator("h1").inner_text() == "De pensioenen"
    link_in_text = preview.locator("main a", has_text="het portaal")
    assert link_in_text.get_attribute("href") == "https://www.socialsecurity.be/"
    assert preview.locator("main b", has_text="portaal").count() == 1
    preview.close()

    # The usual workflow takes over: the editor submits the draft for moderation.
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_url(f"{base}/admin/pages/{source.get_parent().pk}/")
    assert "ter goedkeuring ingediend" in page.locator(".messages").inner_text()
    context.close()

    live = StandardPage.objects.get(pk=source.pk)
    assert live.title_nl == ""  # nothing published before a moderator approves
    assert WorkflowState.objects.filter(
        base_content_type__model="page", object_id=str(source.pk), status="in_progress"
    ).exists()
    assert not errors, errors
    assert not problems, problems
