"""Shared by the admin's browser tests: the live site with the editorial roles, an editor
signed in, and the console errors of every admin page the editor opens (each test fails on
any)."""

import pytest

from tests.editor_helpers import restore_editorial_set_up, sign_in


@pytest.fixture
def editorial_site(live_site):
    """The live site with the editorial groups, workflow and collection (tests.editor_helpers)."""
    restore_editorial_set_up()
    return live_site


# Wagtail's checker lists the problems it found in the console as an error, by design: that is
# its report of the editor's content (asserted in the panel), not a fault of the admin.
CHECKER_REPORT = "axe.run results"
# Wagtail's autosave answers 400 (and says so in its indicator) while the form cannot be saved
# yet, e.g. a block just added and still empty; the browser logs the status as an error.
AUTOSAVE_REFUSED = "the server responded with a status of 400"


def is_admin_fault(message):
    if message.type != "error" or message.text.startswith(CHECKER_REPORT):
        return False
    url = (message.location or {}).get("url", "")
    autosave = url.endswith("/edit/") or "/admin/pages/add/" in url
    return not (AUTOSAVE_REFUSED in message.text and autosave)


class AdminSession:
    """An editor's browser tab in the admin that records console errors and uncaught
    exceptions, of the admin and of the preview frame inside it."""

    def __init__(self, browser, site, username):
        self.site = site
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.errors = []
        self.page.on(
            "console",
            lambda message: (
                self.errors.append(f"{self.page.url}: {message.text}")
                if is_admin_fault(message)
                else None
            ),
        )
        self.page.on("pageerror", lambda error: self.errors.append(f"{self.page.url}: {error}"))
        sign_in(self.page, site.url, username)
        self.page.wait_for_url(f"{site.url}/admin/")

    def open(self, path):
        self.page.goto(f"{self.site.url}{path}")
        self.page.wait_for_load_state("networkidle")

    def show_language(self, code):
        toggle = self.page.locator("button.locale-toggle[aria-pressed]", has_text=code)
        if toggle.get_attribute("aria-pressed") != "true":
            toggle.click()

    def type_into(self, selector, text):
        """Type as a person does (key by key): Wagtail notices the change and autosaves."""
        field = self.page.locator(selector)
        field.click()
        field.press_sequentially(text)

    def open_more_actions(self):
        self.page.locator("footer [data-w-dropdown-target=toggle]").last.click()

    def close(self):
        self.context.close()
        assert not self.errors, "console errors in the admin:\n" + "\n".join(self.errors)
