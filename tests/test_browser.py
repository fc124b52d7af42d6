"""Real Chromium through Playwright against a live server: keyboard paths and the form's error state.

The crawl of every page in every language is in test_accessibility_audit.py.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation

from core.accessibility import WCAG_TAGS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}})
    context.close()
    assert results.response["violations"] == [], results.generate_report()


def test_feedback_form_sent_leads_to_an_accessible_confirmation(live_site, browser):
    from wagtail.contrib.forms.models import FormSubmission

    from content.models import FormPage

    form_page = FormPage.objects.get()
    with translation.override("fr"):
        url = live_site.url + form_page.get_url()
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    for field in form_page.form_fields.all():
        if field.field_type in ("radio", "checkboxes"):
            page.locator(f"input[name={field.clean_name}]").first.check()
        elif field.field_type == "dropdown":
            page.locator(f"select[name={field.clean_name}]").select_index(1)
        elif field.field_type == "email":
            page.locator(f"[name={field.clean_name}]").fill("citoyen@example.org")
        elif field.field_type in ("singleline", "multiline"):
            page.locator(f"[name={field.clean_name}]").fill("Le tableau des pensions est clair.")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Merci"
    assert page.locator("html").get_attribute("lang") == "fr"
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": list(WCAG_TAGS)}})
    context.close()
    assert results.response["violations"] == [], results.generate_report()
    submission = FormSubmission.objects.get(page=form_page)
    assert "Le tableau des pensions est clair." in str(submission.get_data().values())


def test_pages_print_cleanly_without_navigation(live_site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_site.url}/en/key-figures/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => ['.main-nav', '.language-switcher', '.breadcrumbs', '.skip-link']
            .map((s) => getComputedStyle(document.querySelector(s)).display)"""
    )
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    context.close()
    assert hidden == ["none"] * 4
    assert background in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    assert width[0] <= width[1]


SEARCH_WORDS = {"fr": "sécurité sociale", "nl": "sociale zekerheid", "en": "social security"}


def test_search_and_site_map_pages_pass_the_accessibility_audit(live_site, browser, languages):
    """The full audit (axe wide, narrow and dark, reflow, structure, keyboard, consistency with
    the home page, Nu Html Checker) on the search page in each of its states, which no link
    leads the crawler to, and on the site map."""
    from urllib.parse import quote

    from django.urls import reverse

    from qa.audit import CHECKS, NARROW, WIDE, Auditor, Report

    auditor = Auditor(live_site.url, browser)
    auditor.tools = {}
    report = Report(base_url=live_site.url, started="")
    contexts = [
        browser.new_context(viewport=WIDE, bypass_csp=True),
        browser.new_context(viewport=NARROW, bypass_csp=True),
        browser.new_context(viewport=WIDE, color_scheme="dark", bypass_csp=True),
    ]
    paths = []
    for language in languages:
        with translation.override(language):
            search, sitemap = reverse("search"), reverse("sitemap")
        words = quote(SEARCH_WORDS.get(language, "social"))
        paths += [
            f"/{language}/",  # the reference for the consistency check
            search,  # empty
            f"{search}?q={words}",  # results and pagination
            f"{search}?q={words}&page=2",
            f"{search}?q=zzyzzx",  # nothing found
            f"{search}?q=%26%7C%21",  # no letters
            f"{search}?q={'x' * 300}",  # too long: an error
            sitemap,
        ]
    try:
        for path in paths:
            report.pages.append(auditor.audit_page(path, *contexts))
            auditor.html_sources[path] = contexts[0].request.get(live_site.url + path).text()
    finally:
        for context in contexts:
            context.close()
    auditor.check_consistency(report)
    auditor.validate(report)
    for page in report.pages:
        assert set(page.checks) == set(CHECKS), page.path
    problems = [
        f"{page.path} [{f.check}] {f.rule}: {f.message} {f.targets}" for page, f in report.findings
    ]
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


def test_error_pages_for_bad_and_refused_requests_have_no_axe_violations(live_site, browser):
    """The 400 page (a malformed request) and the 403 page (here: a form sent without its
    CSRF cookie), both in every language."""
    from django.test import Client

    from content.models import FormPage

    bad_request = Client().get("/en/", HTTP_HOST="bad host")
    assert bad_request.status_code == 400
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_site.url}/en/")
    page.set_content(bad_request.content.decode())  # same origin, so its stylesheet loads
    problems = [v["id"] for v in Axe().run(page).response["violations"]]
    assert page.locator("section[lang=nl] h2").inner_text() == "Verzoek niet begrepen"

    with translation.override("fr"):
        url = live_site.url + FormPage.objects.get().get_url()
    page.goto(url)
    context.clear_cookies()
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.locator("h1").inner_text() == "Accès refusé"
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    problems += [v["id"] for v in results.response["violations"]]
    context.close()
    assert not problems, problems


def test_the_honeypot_is_never_reached_by_keyboard(live_site, browser):
    from content.models import HONEYPOT_FIELD, FormPage

    with translation.override("en"):
        url = live_site.url + FormPage.objects.get().get_url()
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.locator("h1").click()
    focused = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.name || ''"))
    context.close()
    assert "" in focused and any(name for name in focused)  # the walk reached the form
    assert HONEYPOT_FIELD not in focused


def test_the_rate_limited_form_is_accessible_and_keeps_what_was_typed(live_site, browser, settings):
    from content.models import FormPage

    settings.FEEDBACK_RATE_LIMIT = (0, 600)  # every post is over the limit
    with translation.override("nl"):
        url = live_site.url + FormPage.objects.get().get_url()
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.locator("textarea").first.fill("Mijn bericht blijft staan.")
    with page.expect_navigation() as navigation:
        page.locator("main button[type=submit]").click()
    assert navigation.value.status == 429
    assert (
        "U hebt op korte tijd verschillende berichten verstuurd"
        in page.locator(".error-summary").inner_text()
    )
    assert page.locator("textarea").first.input_value() == "Mijn bericht blijft staan."
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    context.close()
    assert results.response["violations"] == [], results.generate_report()


@pytest.mark.parametrize("width", [320, 1280])
def test_the_themes_menu_opens_by_keyboard_and_reaches_every_section(live_site, browser, width):
    from content.models import ThemePage
    from content.sections import SECTION_KEYS

    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{live_site.url}/nl/")
    links = page.locator(".main-nav__sections details a")
    assert links.count() == len(SECTION_KEYS)
    assert not links.first.is_visible()  # closed: nothing to tab through
    summary = page.locator(".main-nav__sections summary")
    assert summary.inner_text().strip() == "Thema's"
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(".main-nav__sections details").get_attribute("open") is not None
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    first = ThemePage.objects.get(section=SECTION_KEYS[0])
    with translation.override("nl"):
        assert focused == first.get_url()
    box = links.last.bounding_box()
    assert box and box["width"] > 0 and box["x"] + box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
    assert errors == []


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_the_header_fits_one_line_at_1280_and_stays_compact_at_320(live_site, browser, language):
    from content.models import ThemePage

    theme = ThemePage.objects.live().first()
    with translation.override(language):
        url = live_site.url + theme.get_url()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url)
    tops = page.eval_on_selector_all(
        ".main-nav > ul > li",
        "items => items.map((li) => Math.round(li.getBoundingClientRect().top))",
    )
    assert len(tops) >= 5 and len(set(tops)) == 1, tops  # every menu item on one line
    label = page.locator("label[for=site-search-q]")
    assert label.is_visible() and label.bounding_box()["height"] >= 10
    page.set_viewport_size({"width": 320, "height": 900})
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 420, header  # was about 545 px before the title
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
