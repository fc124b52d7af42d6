"""Test settings with a fourth language and an extra translated page type.

A proof of design, run by tests/core/test_extension.py in a subprocess: German is added by
this settings change alone, and the probe app registers one more translated field (and an inline
item with one), so the checks in check_*.py show that every consumer picks both up with no
change to the portal's code. The database is built from the models (`--nomigrations`), since
the German columns have no migration: shipping German would be settings + migration + content.
"""

from portal.settings.test import *  # noqa: F403

LANGUAGES = [*LANGUAGES, ("de", "German")]  # noqa: F405
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
MODELTRANSLATION_LANGUAGES = tuple(LANGUAGE_CODES)
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
INSTALLED_APPS = [*INSTALLED_APPS, "tests.extended.probe"]  # noqa: F405
# Always SQLite: built from the models (`--nomigrations`), a PostgreSQL database would lack what
# migrations create there (the search app's text-search configurations).
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(BASE_DIR / ".extended.sqlite3"),  # noqa: F405
        "TEST": {"NAME": str(BASE_DIR / ".test-db-extended.sqlite3")},  # noqa: F405
    }
}
