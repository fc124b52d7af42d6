"""Local development: debug on, SQLite unless DATABASE_URL says otherwise.

PORTAL_DEBUG=0 serves the same site the way visitors get it (the portal's own 404 page instead
of Django's debug page): that is how to run the accessibility audit locally.
"""

import os

from .base import *  # noqa: F403

DEBUG = os.environ.get("PORTAL_DEBUG", "1") != "0"
SECRET_KEY = "dev-only-insecure-key-never-used-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# whitenoise serves static files straight from the source folders, with or without DEBUG.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The accessibility audit and the catalogue check: development and test tools, not production.
INSTALLED_APPS = [*INSTALLED_APPS, "qa"]  # noqa: F405

# Signing in without a second factor, for development only: the admin says so on every page.
# Set PORTAL_REQUIRE_2FA=1 to try the second factor locally.
PORTAL_REQUIRE_2FA = os.environ.get("PORTAL_REQUIRE_2FA", "0") == "1"
