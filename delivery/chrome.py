"""The shared chrome of every page (main menu, section menu, footer links), kept per site and
language in the shared cache, so that an uncached page does not query and build it again.

What the chrome shows is stored as plain links, with the names of the pages it loaded while it
was built (delivery.dependencies) and the generation and sequence read before building: it is
valid under exactly the rules of a cached page. On a hit the names are recorded for the page
being rendered, as if its chrome had been loaded again, so the page cache's invalidation by
dependency sees the same names with or without this cache.
"""

import logging
from dataclasses import dataclass

from wagtail.models import Site

from content.templatetags import portal_tags

from .cache import current_generation
from .dependencies import (
    current_sequence,
    page_cache,
    record,
    recording,
    request_counters,
    unchanged_since,
)

logger = logging.getLogger("delivery.cache")

CHROME_KEY = "portal:chrome:{site}:{language}"
CHROME_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Link:
    """What the chrome's templates read of a page: the same attribute names as a page's."""

    pk: int
    path: str
    url: str
    title: str
    short_title: str = ""
    section_name: str = ""


def _link(page, **extra):
    return Link(pk=page.pk, path=page.path, url=page.url, title=page.title, **extra)


def _build(context):
    home = portal_tags.site_home(context)
    return {
        "home": _link(home) if home else None,
        "menu": [
            _link(page, short_title=page.short_title) for page in portal_tags.main_menu(context)
        ],
        "sections": [
            _link(page, section_name=str(page.section_name))
            for page in portal_tags.section_menu(context)
        ],
        "footer": [_link(page) for page in portal_tags.footer_pages(context)],
    }


def _read(request, key):
    try:
        counters = request_counters(request)
        generation, sequence = counters.read([key])
        entry = counters.get(key)
    except Exception:
        logger.exception("The page cache cannot be read")
        return None, None, None
    if entry and generation is not None and sequence is not None:
        made_in, made_at, names, own, chrome = entry
        if made_in == generation and unchanged_since(made_at, [*names, *own], sequence):
            return chrome, names, None
    return None, None, (generation, sequence)


def chrome(context):
    """{home, menu, sections, footer} for the request's site in the active language."""
    from django.utils import translation

    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return _build(context)
    key = CHROME_KEY.format(site=site.pk, language=translation.get_language())
    found, names, counters = _read(request, key)
    if found is not None:
        record(*names)
        return found
    try:
        generation, sequence = counters
        generation = generation if generation is not None else current_generation()
        sequence = sequence if sequence is not None else current_sequence()
    except Exception:
        logger.exception("The page cache cannot be read")
        return _build(context)
    with recording() as loaded:
        built = _build(context)
    # The page being rendered depends on what the chrome loaded, as without this cache. The
    # chrome itself also changes when a page is published under the site root (the section
    # menu lists it): its list of children, which only this entry depends on.
    names = sorted(loaded)
    own = [f"children:{site.root_page_id}"]
    record(*names)
    try:
        page_cache().set(key, (generation, sequence, names, own, built), CHROME_SECONDS)
    except Exception:
        logger.exception("The page cache cannot be written")
    return built
