"""Which PostgreSQL text-search configuration each portal language uses."""

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


def search_config(language):
    """The PostgreSQL text-search configuration for a language code: "nl" → "dutch"."""
    name = LANG_INFO.get(language, {}).get("name", "").lower()
    return name if name in POSTGRES_CONFIGS else "simple"


def search_configs():
    """{language code: configuration} for every language in settings.LANGUAGES."""
    return {code: search_config(code) for code in language_codes()}


def uses_full_text_search():
    return connection.vendor == "postgresql"
