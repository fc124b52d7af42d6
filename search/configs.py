"""Which PostgreSQL text-search configuration each portal language uses, from settings.LANGUAGES."""

from django.conf.locale import LANG_INFO
from django.db import connection

from core.languages import language_codes

# Text-search configurations PostgreSQL ships with. A portal language whose English name is one
# of these gets that language's stemming and stop words; any other language gets "simple".
POSTGRES_CONFIGS = frozenset(
    {
        "arabic",
        "armenian",
        "basque",
        "catalan",
        "danish",
        "dutch",
        "english",
        "finnish",
        "french",
        "german",
        "greek",
        "hindi",
        "hungarian",
        "indonesian",
        "irish",
        "italian",
        "lithuanian",
        "nepali",
        "norwegian",
        "portuguese",
        "romanian",
        "russian",
        "serbian",
        "spanish",
        "swedish",
        "tamil",
        "turkish",
        "yiddish",
    }
)


# The portal's own configurations are copies of the built-in ones that also fold accents
# (`unaccent` before the stemmer); migration 0002 creates one for every built-in configuration.
PORTAL_PREFIX = "portal_"


def base_config(language):
    """The built-in configuration a language's stemming comes from: "nl" → "dutch"; "simple"
    (no stemming, no stop words) for a language PostgreSQL has no configuration for."""
    name = LANG_INFO.get(language, {}).get("name", "").lower()
    return name if name in POSTGRES_CONFIGS else "simple"


def search_config(language):
    """The configuration the index and the queries of a language use: "nl" → "portal_dutch",
    "de" → "portal_german", an unknown language → "portal_simple"."""
    return PORTAL_PREFIX + base_config(language)


def search_configs():
    """{language code: configuration} for every language in settings.LANGUAGES."""
    return {code: search_config(code) for code in language_codes()}


def uses_full_text_search():
    return connection.vendor == "postgresql"
