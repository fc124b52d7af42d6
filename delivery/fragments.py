"""The body of a page (its `content` block), kept per page, language and address in the shared
cache, so that a page rendered again, because its cached copy was dropped or because the request
bypasses the page cache, does not render its own body again when nothing it shows changed.

The entry records what the body loaded while it was rendered (delivery.dependencies), plus the
page itself, what only it shows and its list of children (`page:`, `shown:`, `children:`), and
the generation and sequence read before rendering: it is valid under exactly the rules of a
cached page, with a narrower list of names. A change of a page in the menus drops every cached
page but not the bodies that do not show it, so those pages cost only their head, menus and
breadcrumbs to render again. On a hit the names are recorded for the page being rendered, as if
its body had been rendered again.

Used only where the page cache could be: a Wagtail page served (not a preview), the page cache
on, a request without a cookie but the anonymous ones. A body that used a CSRF token (a form) is
never stored.
"""

import functools
import hashlib
import logging
import os

import django
import wagtail
from django.conf import settings
from django.utils import translation

from .cache import _anonymous_cookies, current_generation, page_cache_seconds
from .dependencies import (
    current_sequence,
    page_cache,
    record,
    recording,
    request_counters,
    unchanged_since,
)

logger = logging.getLogger("delivery.cache")

FRAGMENT_KEY = "portal:fragment:{code}:{part}:{language}:{page}:{where}"


def _code_directories():
    """Our apps (those under BASE_DIR), the template directories and the translations."""
    from django.apps import apps

    root = os.path.realpath(settings.BASE_DIR)
    found = {
        os.path.realpath(config.path)
        for config in apps.get_app_configs()
        if os.path.realpath(config.path).startswith(root + os.sep)
    }
    for engine in settings.TEMPLATES:
        found.update(os.path.realpath(directory) for directory in engine.get("DIRS", []))
    found.update(os.path.realpath(directory) for directory in settings.LOCALE_PATHS)
    return sorted(found)


@functools.cache
def code_version():
    """A digest of the templates and Python code that render a page (and of Django's and
    Wagtail's versions): a new release never serves a part rendered by the previous one, even
    when no content changed (the page cache keeps whole pages, whose stylesheet address changes
    with a release, under the same rules). Read once per process."""
    digest = hashlib.sha256(f"{django.__version__} {wagtail.__version__}".encode())
    root = os.path.realpath(settings.BASE_DIR)
    for top in _code_directories():
        for directory, subdirectories, files in os.walk(top):
            subdirectories[:] = sorted(name for name in subdirectories if name != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".html", ".mo")):
                    path = os.path.join(directory, name)
                    digest.update(os.path.relpath(path, root).encode())
                    with open(path, "rb") as file:
                        digest.update(file.read())
    return digest.hexdigest()[:12]


# The parts of a page template (`{% page_body "name" %}`), read together (delivery.local).
PARTS = ("head", "crumbs", "body")


def part_key(request, page_id, part):
    """The entry of a part of the page `page_id` for this request, or None where the parts are
    not used (a preview, an editor's request, the page cache off)."""
    if page_cache_seconds() <= 0 or request is None or page_id is None:
        return None
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return None
    if set(request.COOKIES) - _anonymous_cookies():
        return None
    # As the page cache's key: the scheme, host and path (not the query string, which no page
    # reads), hashed.
    where = f"{request.scheme}\n{request.get_host()}\n{request.path}"
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    return FRAGMENT_KEY.format(
        code=code_version(),
        part=part,
        language=translation.get_language(),
        page=page_id,
        where=digest,
    )


def _key(request, page, part):
    if page is None or getattr(request, "_portal_page_id", None) != page.pk:
        return None
    return part_key(request, page.pk, part)


def _read(request, key):
    """(html, names, (generation, sequence)): the part when valid, with the request's counters
    (read with the part in one round trip unless delivery.local read them already)."""
    counters = request_counters(request)
    generation, sequence = counters.read([key])
    entry = counters.get(key)
    if entry and generation is not None and sequence is not None:
        made_in, made_at, names, html = entry
        if made_in == generation and unchanged_since(made_at, names, sequence):
            return html, names, None
    return None, None, (generation, sequence)


def render_body(context, nodelist, part="body"):
    """The rendered `nodelist` (a part of the page named `part`), from the cache when valid."""
    request = context.get("request")
    page = context.get("page")
    try:
        key = _key(request, page, part)
        if key:
            html, names, counters = _read(request, key)
            if html is not None:
                record(*names)
                return html
            generation, sequence = counters
            generation = generation if generation is not None else current_generation()
            sequence = sequence if sequence is not None else current_sequence()
    except Exception:
        logger.exception("The page cache cannot be read")
        key = None
    if not key:
        return nodelist.render(context)
    with recording() as loaded:
        html = nodelist.render(context)
    names = sorted(loaded | {f"page:{page.pk}", f"shown:{page.pk}", f"children:{page.pk}"})
    record(*names)
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return html  # a form: its token belongs to this visitor
    try:
        page_cache().set(key, (generation, sequence, names, html), page_cache_seconds())
    except Exception:
        logger.exception("The page cache cannot be written")
    return html
