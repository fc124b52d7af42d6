"""The portal's languages, read from settings.LANGUAGES (defined once, never hard-coded)."""

from django.conf import settings
from django.utils.translation import get_language_info, get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def default_language():
    return settings.LANGUAGE_CODE


def local_name(code):
    """The language's name in that language ("Nederlands"), as a switcher should show it."""
    return get_language_info(code)["name_local"]


def language_from_accept_header(header):
    """The first portal language the Accept-Language header asks for, or None.

    Regional variants map to their language (`nl-BE` → `nl`); a language the portal does not
    offer (`de`, `ja`) does not match, and neither does the wildcard `*`.
    """
    for requested, _quality in parse_accept_lang_header(header or ""):
        if requested == "*":
            continue
        try:
            return get_supported_language_variant(requested)
        except LookupError:
            continue
    return None
