"""What one process keeps between requests, so that a page rendered without the page cache does
not ask the database and the shared cache again for what has not changed: the site of a host,
the page at a path, the sites' root paths of wagtail-modeltranslation.

Each value is kept with the generation and sequence of the request that made it and the names of
what it loaded (delivery.dependencies): it is valid under exactly the rules of a cached page, and
checking it costs nothing more than the counters a request reads anyway (RequestCounters, in the
same round trip as the parts of the page it will need). So a change in the admin shows at once,
on every server: a page's `page:` counter drops its route; a site, the home page, a move, a view
restriction or `load_content` bump the generation and drop everything.

What is kept is a copy made before anything used it, and every request gets its own copy of that
(Django's copy of a model instance; StreamFields as new lazy values over the same stored data,
which Wagtail only reads), so no request sees what another did to its page.

Only where the page parts may be used (delivery.fragments): a GET or HEAD without a cookie but
the anonymous ones, served by Wagtail; a page with a view restriction is never kept.
"""

import copy
import functools
import logging

from django.db import DatabaseError
from django.utils import translation
from django.utils.functional import cached_property
from wagtail.blocks import StreamValue
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import SiteRootPath
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from .cache import _anonymous_cookies
from .chrome import CHROME_KEY
from .dependencies import counting, recording, request_counters, unchanged_since
from .fragments import PARTS, part_key

logger = logging.getLogger("delivery.cache")

ROUTES_KEPT = 2000


class ProcessMemo:
    """Values of this process, each valid while its generation is current and none of its
    names changed (delivery.dependencies)."""

    def __init__(self, size):
        self.size = size
        self.entries = {}

    def peek(self, key):
        entry = self.entries.get(key)
        return entry[3] if entry else None

    def get(self, key, counters):
        entry = self.entries.get(key)
        if entry is None:
            return None
        generation, sequence = counters.read()
        made_in, made_at, names, value = entry
        if generation is None or made_in != generation:
            return None
        if made_at != sequence:
            if not unchanged_since(made_at, names, sequence):
                self.entries.pop(key, None)
                return None
            # Nothing it loaded changed up to `sequence`: no counter to read next time.
            self.entries[key] = (made_in, sequence, names, value)
        return value

    def set(self, key, counters, names, value):
        generation, sequence = counters.read()
        if generation is None or sequence is None:
            return
        if len(self.entries) >= self.size:
            self.entries.clear()
        self.entries[key] = (generation, sequence, tuple(sorted(names)), value)


memo = ProcessMemo(ROUTES_KEPT)


@functools.cache
def _cached_properties(model):
    return {
        name
        for klass in model.__mro__
        for name, attribute in vars(klass).items()
        if isinstance(attribute, cached_property | functools.cached_property)
    }


def fresh_copy(instance):
    """A copy of a model instance that shares nothing another request may change, or None when
    one of its StreamFields was already read (its stored data is then no longer at hand)."""
    clone = copy.copy(instance)  # Django copies the state and the cache of related objects
    for name in _cached_properties(type(instance)) & clone.__dict__.keys():
        del clone.__dict__[name]
    for name, value in list(clone.__dict__.items()):
        if isinstance(value, StreamValue):
            if not value.is_lazy or any(block is not None for block in value._bound_blocks):
                return None
            clone.__dict__[name] = StreamValue(value.stream_block, value._raw_data, is_lazy=True)
    for name, related in list(clone._state.fields_cache.items()):
        if isinstance(related, Page | Site):
            related = fresh_copy(related)
            if related is None:
                del clone._state.fields_cache[name]  # loaded again if asked for
            else:
                clone._state.fields_cache[name] = related
    return clone


def _no_view_restrictions():
    return PageViewRestriction.objects.none()


def _view_of(result):
    """(args, kwargs) of a route for a copy of it: none for a plain page, (view, args, kwargs)
    for a routable page's own view (RoutablePageMixin); None for anything else."""
    if not result.args and not result.kwargs:
        return (), {}
    if len(result.args) == 3 and not result.kwargs:
        view, args, kwargs = result.args
        if callable(view) and isinstance(args, tuple | list) and isinstance(kwargs, dict):
            return (view, tuple(args), dict(kwargs)), {}
    return None


def _route_key(request, path):
    host = request._get_raw_host()
    return ("route", request.scheme, host, translation.get_language(), path)


def may_keep(request):
    return request.method in ("GET", "HEAD") and not (set(request.COOKIES) - _anonymous_cookies())


def _prefetch(request, counters, site, page_id):
    """Read the counters with every part of the page and its chrome, in one round trip."""
    keys = [part_key(request, page_id, part) for part in PARTS]
    keys.append(CHROME_KEY.format(site=site.pk, language=translation.get_language()))
    counters.read([key for key in keys if key])


def route(request, path):
    """Before Wagtail's view: give the request its site and route from this process's memo, or
    find them as Wagtail does and keep them. Wagtail reads both from the request
    (`Site.find_for_request`, `Page.route_for_request`)."""
    if not may_keep(request) or hasattr(request, "_wagtail_route_for_request"):
        return
    key = _route_key(request, path)
    counters = request_counters(request)
    try:
        kept = memo.peek(key)
        if kept is not None:
            _prefetch(request, counters, kept[0], kept[1].pk)
            kept = memo.get(key, counters)
    except Exception:
        logger.exception("The page cache cannot be read")
        return  # Wagtail's way, as without this process's memory
    if kept is not None:
        site, page = fresh_copy(kept[0]), fresh_copy(kept[1])
        page.get_view_restrictions = _no_view_restrictions
        request._wagtail_site = site
        request._wagtail_route_for_request = RouteResult(
            page, *_view_of(RouteResult(page, *kept[2]))
        )
        return
    with recording() as loaded:
        result = Page.route_for_request(request, path)
        site = Site.find_for_request(request)
        if result is None or site is None or _view_of(result) is None:
            return  # not found, or not a plain page nor a routable page's own view
        page = result[0]
        restrictions = list(page.get_view_restrictions())
    if restrictions:
        return
    site_copy, page_copy = fresh_copy(site), fresh_copy(page)
    if site_copy is None or page_copy is None:
        return
    page.get_view_restrictions = _no_view_restrictions  # just read: none
    # A page found at this path depends on every page loaded on the way and their lists of
    # children (a new sibling may take the slug).
    names = set(loaded) | {f"children:{name[5:]}" for name in loaded if name.startswith("page:")}
    try:
        memo.set(key, counters, names, (site_copy, page_copy, _view_of(result)))
        _prefetch(request, counters, site, page.pk)
    except Exception:
        logger.exception("The page cache cannot be read")


def keep_site(request):
    """For the other pages a visitor reaches under a language (the search page): the request's
    site from this process's memo, as for a page's route; its chrome is read in the same round
    trip. Not for the language-neutral views (/healthz, the API, sitemaps): a health check must
    not wait for the shared cache nor the database."""
    if not may_keep(request) or hasattr(request, "_wagtail_site"):
        return
    if translation.get_language_from_path(request.path_info) is None:
        return
    key = ("site", request.scheme, request._get_raw_host())
    counters = request_counters(request)
    language = translation.get_language()
    try:
        kept = memo.peek(key)
        if kept is not None:
            counters.read([CHROME_KEY.format(site=kept.pk, language=language)])
            kept = memo.get(key, counters)
    except Exception:
        logger.exception("The page cache cannot be read")
        return  # Site.find_for_request, as without this process's memory
    if kept is not None:
        request._wagtail_site = fresh_copy(kept)
        return
    try:
        with recording() as loaded:
            site = Site.find_for_request(request)
    except DatabaseError:
        return  # the view meets the same error and answers it (a 503 page)
    site_copy = fresh_copy(site) if site is not None else None
    if site_copy is None:
        return
    try:
        memo.set(key, counters, set(loaded), site_copy)
    except Exception:
        logger.exception("The page cache cannot be read")


def site_root_paths(self, request=None):
    """wagtail-modeltranslation's root paths of the sites in the active language, kept in this
    process while the generation is current (a site or a home page changed bumps it); read
    from the database, not from the shared cache, once per language and generation."""
    language = translation.get_language()
    holder = request if request is not None else self
    # Per language, for the request: the sitemap asks for every page in every language in
    # turn, and without the shared cache (no counters, so no memo) each switch would query.
    # Replaced, never changed in place: a copy of the holder (a page) must not share it.
    by_language = getattr(holder, "_portal_site_root_paths", {})
    if language in by_language:
        holder._wagtail_cached_site_root_paths = by_language[language]
        return by_language[language]
    counters = request_counters(request)
    key = ("site root paths", language)
    try:
        paths = memo.get(key, counters)
    except Exception:
        logger.exception("The page cache cannot be read")
        counters, paths = None, None
    if paths is None:
        sites = Site.objects.select_related("root_page", "root_page__locale")
        paths = tuple(
            (site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code)
            for site in sites.order_by("-root_page__url_path")
        )
        if counters is not None:
            memo.set(key, counters, (), paths)
    root_paths = [SiteRootPath(*path) for path in paths]
    holder._portal_site_root_paths = {**by_language, language: root_paths}
    holder._wagtail_cached_site_root_paths = root_paths
    return root_paths


def install():
    """Replace wagtail-modeltranslation's root paths on every page model that has them."""
    from django.apps import apps
    from wagtail_modeltranslation.patch_wagtailadmin import _new_get_site_root_paths

    for model in apps.get_models():
        if issubclass(model, Page) and model._get_site_root_paths is _new_get_site_root_paths:
            model._get_site_root_paths = site_root_paths


class KeptRoutesMiddleware:
    """Right after the page cache: the request's counters serve everything below it (a page's
    `url` has no request at hand), and Wagtail's page view gets its site and route from
    `route` above."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with counting(request):
            return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if view is wagtail_serve:
            route(request, kwargs.get("path", args[0] if args else ""))
        else:
            keep_site(request)
