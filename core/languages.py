"""The portal's languages, read from settings.LANGUAGES (defined once, never hard-coded)."""

import re

from django.conf import settings
from django.utils.translation import get_language_info, get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def language_choices():
    """(code, name in its own language) for a choice of one of the portal's languages."""
    return [(code, local_name(code)) for code in language_codes()]


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


# `<span lang="fr">…</span>` once escaped: the one markup plain text may keep (a phrase's language).
_ESCAPED_LANG_SPAN = re.compile(
    r"&lt;span lang=(?:&quot;|&#x27;|&#39;)([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)"
    r"(?:&quot;|&#x27;|&#39;)&gt;(.*?)&lt;/span&gt;"
)


def keep_lang_spans(escaped):
    """Escaped plain text with its `<span lang="xx">…</span>` marks made into HTML again:
    a phrase in another language keeps its language (WCAG 3.1.2); nothing else is let through."""
    return _ESCAPED_LANG_SPAN.sub(r'<span lang="\1">\2</span>', escaped)
