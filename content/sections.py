"""The magazine's sections, in the magazine's order: the one place that lists them.

Each theme page is one of these sections (ThemePage.section), unique per site; timeline events
point to their section's page, and key-figure series carry a section key. Navigation, the home
page, the timeline and the key-figures page all order sections by this list.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.languages import language_codes

# (key, name) in the order of the 2019 magazine (content map, section 1).
SECTIONS = [
    ("equality", _("Equality")),
    ("solidarity", _("Solidarity and the coverage gap")),
    ("ageing", _("Ageing")),
    ("labour-market", _("Labour market")),
    ("e-government", _("E-government")),
    ("e-health", _("E-health")),
    ("innovation", _("Innovation")),
]
SECTION_KEYS = [key for key, _name in SECTIONS]


def section_order(key):
    """Position of a section in the magazine; unknown or empty keys come last."""
    return SECTION_KEYS.index(key) if key in SECTION_KEYS else len(SECTION_KEYS)


def section_name(key):
    """The section's name in the active language."""
    return str(dict(SECTIONS).get(key, ""))


def section_names(key):
    """{language: name} in every portal language, e.g. for the API."""
    names = {}
    for code in language_codes():
        with translation.override(code):
            names[code] = section_name(key)
    return names


def in_magazine_order(pages):
    """Theme pages sorted by their section's place in the magazine, then by title."""
    return sorted(pages, key=lambda page: (section_order(page.section), page.title))
