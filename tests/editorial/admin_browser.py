"""Shared by the admin's browser tests: the live site with the editorial roles, an editor
signed in, and the console errors of every admin page the editor opens (each test fails on
any)."""

from importlib import import_module

import pytest
from django.apps import apps
from wagtail.models import Collection

from tests.editor_helpers import sign_in


@pytest.fixture
def editorial_site(live_site):
    """The live site with the groups and workflow of the roles migration and the workflow names
    of the migration after it (transactional tests start from an emptied database, so the
    migrations' data is set up again)."""
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    roles = import_module("content.migrations.0004_editor_groups_and_workflow")
    roles.set_up_editorial_roles(apps, None)
    names = import_module("editorial.migrations.0002_workflow_names_in_readers_language")
    names.store_keys(apps, None)
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
