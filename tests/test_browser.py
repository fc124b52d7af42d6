"""Real Chromium through Playwright against a live server: axe-core on every page, every language."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from wagtail.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def published_paths(languages):
    """Every live page under the site root, in every language (translated slugs)."""
    paths = []
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        for language in languages:
            with translation.override(language):
                paths.append((language, page.get_url()))
    return paths


def violations_on(browser_page, url):
    response = browser_page.goto(url)
    assert response is not None and response.status == 200, url
    results = Axe().run(browser_page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{url}: {violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in violation["nodes"][:3])
        for violation in results.response["violations"]
    ]


def test_home_in_each_language_has_no_axe_violations(live_site, browser, languages):
    context = browser.new_context()
    page = context.new_page()
    problems = []
    for language in languages:
        problems += violations_on(page, f"{live_site.url}/{language}/")
        assert page.locator("html").get_attribute("lang") == language
    context.close()
    assert not problems, "\n".join(problems)


def test_every_page_in_every_language_has_no_axe_violations(live_site, browser, languages):
    context = browser.new_context()
    page = context.new_page()
    problems = []
    paths = published_paths(languages)
    assert len(paths) >= 3 * 10
    for _language, path in paths:
        problems += violations_on(page, live_site.url + path)
    context.close()
    assert not problems, "\n".join(problems)


def test_neutral_pages_have_no_axe_violations(live_site, browser):
    context = browser.new_context(locale="ja-JP", extra_http_headers={"Accept-Language": "ja"})
    page = context.new_page()
    problems = violations_on(page, live_site.url + "/")
    assert page.locator("li[lang=nl] a").inner_text() == "Verder in het Nederlands"
    response = page.goto(live_site.url + "/nowhere/")
    assert response.status == 404
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    problems += [v["id"] for v in results.response["violations"]]
    context.close()
    assert not problems, "\n".join(problems)


def test_skip_link_moves_focus_to_main_and_switcher_works_by_keyboard(live_site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_site.url}/fr/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto(f"{live_site.url}/fr/")
    page.locator(".language-switcher a[lang=nl]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_site.url}/nl/")
    assert page.locator("html").get_attribute("lang") == "nl"
    context.close()


def test_feedback_form_errors_are_accessible_and_keep_what_was_typed(live_site, browser):
    from content.models import FormPage

    form_page = FormPage.objects.get()
    with translation.override("nl"):
        url = live_site.url + form_page.get_url()
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    optional = page.locator("input[type=text]").first
    optional.fill("https://example.org/nl/vergrijzing/")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert (
        page.locator("input[type=text]").first.input_value()
        == "https://example.org/nl/vergrijzing/"
    )
    invalid = page.locator("[aria-invalid=true]").first
    described_by = invalid.get_attribute("aria-describedby")
    assert described_by and page.locator(f"#{described_by.split()[-1]}").is_visible()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    context.close()
    assert results.response["violations"] == [], results.generate_report()


SEARCH_WORDS = {"fr": "sécurité sociale", "nl": "sociale zekerheid", "en": "social security"}


def test_search_and_site_map_pages_have_no_axe_violations(live_site, browser, languages):
    from urllib.parse import quote

    from django.urls import reverse

    context = browser.new_context()
    page = context.new_page()
    problems = []
    for language in languages:
        with translation.override(language):
            search, sitemap = reverse("search"), reverse("sitemap")
        words = quote(SEARCH_WORDS.get(language, "social"))
        for path in (
            search,  # empty
            f"{search}?q={words}",  # results and pagination
            f"{search}?q={words}&page=2",
            f"{search}?q=zzyzzx",  # nothing found
            f"{search}?q=%26%7C%21",  # no letters
            f"{search}?q={'x' * 300}",  # too long: an error
            sitemap,
        ):
            problems += violations_on(page, live_site.url + path)
        assert page.locator("html").get_attribute("lang") == language
    context.close()
    assert not problems, "\n".join(problems)


def test_header_search_works_by_keyboard_without_javascript(live_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_site.url}/nl/")
    field = page.locator("#site-search-q")
    field.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.type("Kruispuntbank")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_site.url}/nl/zoeken/?q=Kruispuntbank")
    assert "resultaten voor “Kruispuntbank”" in page.locator("[role=status]").inner_text()
    assert page.locator(".search-result__title a[href='/nl/e-government/']").count() == 1
    assert page.locator(".search-result__excerpt mark").first.inner_text() == "Kruispuntbank"
    assert page.locator("#search-q").input_value() == "Kruispuntbank"
    context.close()
