"""Settings for the test suite: production-like error handling, fast hashing."""

import os

from .base import *  # noqa: F403

# The accessibility audit and the catalogue check run in the test suite (not in production).
INSTALLED_APPS = [*INSTALLED_APPS, "qa"]  # noqa: F405

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Playwright's synchronous API runs an event loop in the test thread; the ORM calls made by
# fixtures in that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The page cache is on, as in production, so tests see what visitors see.
PORTAL_PAGE_CACHE_SECONDS = 300
# Django's test client logs in without a request, which django-axes refuses; the lockout test
# turns axes back on.
AXES_ENABLED = False

# Tests that start real app servers (tests/test_scaleout.py, tests/test_load.py) share the test
# database with them, so an SQLite test database must be a file, not in memory.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405
# The second factor stays on in tests: accounts/testing.py signs test users in with it.
PORTAL_REQUIRE_2FA = True
