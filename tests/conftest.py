import shutil

import pytest
from django.core.cache import cache
from django.core.management import call_command

from portal.accessibility_audit import CHROMIUM_ARGS, chromium_executable
from portal.languages import language_codes


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The real seed content, loaded once into the test database the way `load_content` does."""
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def languages():
    return language_codes()


@pytest.fixture
def seed_copy(tmp_path, settings):
    """A private copy of content/seed/ that a test may edit or break."""
    target = tmp_path / "seed"
    shutil.copytree(settings.CONTENT_SEED_DIR, target)
    return target


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(),
            headless=True,
            args=CHROMIUM_ARGS,
        )
        yield browser
        browser.close()


@pytest.fixture
def live_site(live_server, transactional_db):
    """A live server with the seed content loaded (transactional tests start from an empty DB)."""
    call_command("load_content", verbosity=0)
    return live_server
