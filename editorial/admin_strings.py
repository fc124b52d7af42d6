"""Wagtail's own interface strings that the project translates itself.

Wagtail's Dutch catalogue leaves some of them in English or half in English ("Checks
aan/uitzetten", "Content statistieken", a density called "Default"). Django reads the project's
catalogue (LOCALE_PATHS, `locale/`) before any app's, so an entry there wins; marking the
strings here keeps them in that catalogue (makemessages and the catalogue check read this file).
"""

from django.utils.translation import gettext_noop

WAGTAIL_STRINGS = (
    gettext_noop("Toggle checks"),
    gettext_noop("Content metrics"),
    gettext_noop("Default"),
)
