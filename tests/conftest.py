import os
import shutil
import threading
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command

from core.languages import language_codes
from qa.audit import CHROMIUM_ARGS, chromium_executable

# tests/extended runs only under its own settings (tests/core/test_extension.py starts it).
EXTENDED_SETTINGS = "tests.extended.settings"
collect_ignore = (
    [] if os.environ.get("DJANGO_SETTINGS_MODULE") == EXTENDED_SETTINGS else ["extended"]
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The real seed content, loaded once into the test database the way `load_content` does."""
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)


@pytest.fixture
def client():
    """Django's test client; its force_login() and login() also give the second factor, the
    way the code screen does (accounts/testing.py), so admin tests run with the second factor
    on. Tests of the sign-in itself use django.test.Client."""
    from accounts.testing import TwoFactorClient

    return TwoFactorClient()


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


class _ClosedThen:
    """A WSGI response that calls `then` once the server has closed it."""

    def __init__(self, response, then):
        self.response, self.then = response, then

    def __iter__(self):
        return iter(self.response)

    def close(self):
        try:
            if hasattr(self.response, "close"):
                self.response.close()
        finally:
            self.then()


_SEED_SNAPSHOT = {}


def load_seed_content():
    """The emptied test database with the seed content loaded, as `load_content` leaves it.

    On PostgreSQL the first call loads it and copies every table (COPY, binary); later calls
    write those copies back, which takes a second where `load_content` takes half a minute, and
    gives every test the same rows, ids included. On SQLite it runs `load_content` each time."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        call_command("load_content", verbosity=0)
        return
    quote = connection.ops.quote_name
    tables = sorted(connection.introspection.django_table_names(only_existing=True))
    if not _SEED_SNAPSHOT:
        call_command("flush", verbosity=0, interactive=False)  # as every test but the first
        call_command("load_content", verbosity=0)
        with connection.cursor() as cursor:
            for table in tables:
                with cursor.copy(f"COPY {quote(table)} TO STDOUT (FORMAT binary)") as copy:
                    _SEED_SNAPSHOT[table] = b"".join(bytes(chunk) for chunk in copy)
        return
    models = apps.get_models(include_auto_created=True)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(quote(table) for table in tables))
        for table in tables:
            with cursor.copy(f"COPY {quote(table)} FROM STDIN (FORMAT binary)") as copy:
                copy.write(_SEED_SNAPSHOT[table])
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    ContentType.objects.clear_cache()  # the ids are the snapshot's again
    cache.clear()


class _RequestsInFlight:
    """Counts the live server's requests still being handled (until the server closes the
    response, which ends Django's request and its database work), so a test's teardown can wait
    for them before the database is emptied. Requests, not connections: a browser keeps its
    connections open between requests."""

    def __init__(self, httpd):
        self.count = 0
        self.condition = threading.Condition()
        app = httpd.get_app()

        def counted(environ, start_response):
            self._add(1)
            try:
                response = app(environ, start_response)
            except BaseException:
                self._add(-1)
                raise
            return _ClosedThen(response, lambda: self._add(-1))

        httpd.set_app(counted)

    def _add(self, step):
        with self.condition:
            self.count += step
            self.condition.notify_all()

    def wait_until_idle(self, timeout=20.0, quiet=0.3):
        """Returns once no request has been in flight for `quiet` seconds (or after timeout)."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while time.monotonic() < deadline:
                if self.count == 0 and not self.condition.wait(quiet):
                    return True
                if self.count:
                    self.condition.wait(max(0.0, deadline - time.monotonic()))
            return self.count == 0


@pytest.fixture
def live_site(live_server, transactional_db):
    """A live server with the seed content loaded (transactional tests start from an empty DB).

    At teardown it waits for the requests the browser left behind (an autosave or a checks
    request of a page that was just closed) before the database is flushed: a flush that runs
    beside such a request can deadlock in PostgreSQL and leave the next test with this one's
    data."""
    httpd = live_server.thread.httpd
    in_flight = getattr(httpd, "_requests_in_flight", None)
    if in_flight is None:
        in_flight = httpd._requests_in_flight = _RequestsInFlight(httpd)
    load_seed_content()
    yield live_server
    assert in_flight.wait_until_idle(), "the live server was still handling requests after 20 s"


# --- Real production-like servers (gunicorn, production settings) for the tests that need them.

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/8")


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    """collectstatic with the production storage (hashed names, .gz and .br), once a session."""
    from scripts.prodserver import collect_static

    root = tmp_path_factory.mktemp("static")
    collect_static(root)
    return root


def test_database_url():
    """The URL of the database the tests use, for app servers started as subprocesses."""
    from urllib.parse import quote

    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    return f"postgres://{credentials}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


@pytest.fixture
def redis_prefix():
    """A cache key prefix of one's own in the shared Redis, removed afterwards."""
    import uuid

    import redis

    prefix = f"test-{uuid.uuid4().hex[:10]}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
