"""The page cache: anonymous views of Wagtail pages, kept in the shared cache.

What is cached: a GET of a Wagtail page (marked by the `before_serve_page` hook) under a
language prefix, without a query string, by a visitor who sends no cookie but the CSRF and
language ones (so never an editor with a session), when the response is a plain 200 that sets
no cookie and used no CSRF token (so the feedback form is never cached). HEAD requests are
answered from the same entries.

The key holds the scheme, the host, the language, the full path and whether the client takes gzip (HTML
is compressed by GZipMiddleware, inside this one). Each entry records the *generation* and the
*sequence* it was made under and the names of what it showed (delivery.dependencies): a change
drops only the entries that depend on it, and a change of navigation or a run of `load_content`
increments the generation, which drops every entry, on every server at once (the counters live
in the shared cache). A stale entry is rendered again by one process while the others serve
the stale copy for a few seconds (no stampede).

Each process also keeps the entries it served last (LocalPages), with the counters they were
found fresh under; while Redis has not said that a counter changed (delivery.watch), such an
entry is served with no round trip at all.

The cache fails open: if the cache server cannot be reached, pages are rendered as usual.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.http.response import ResponseHeaders
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_cache_control

from .cache_backend import (  # noqa: F401 - the production backend is named by this module
    UNREACHABLE,
    CacheHealth,
    FailOpenCacheMixin,
    PortalRedisCache,
    ReusedClientRedisCacheClient,
)
from .dependencies import (  # noqa: F401 - GENERATION_KEY, current_generation: read from here
    GENERATION_KEY,
    SEQUENCE_KEY,
    RequestCounters,
    current_generation,
    fresh_counter,
    page_cache,
    record,
    recording,
    remember_dependents,
    restart_recording,
    unchanged_since,
)

logger = logging.getLogger(__name__)

CACHE_STATUS_HEADER = "X-Page-Cache"
# While one process renders a stale page again, the others serve the stale copy for at most
# this long (the lock's lifetime, should the renderer die).
RENDER_LOCK_SECONDS = 10


def page_cache_seconds():
    """How long an entry lives; 0 turns the page cache off."""
    return getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 0)


def _bump_generation():
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.add(GENERATION_KEY, fresh_counter(), timeout=None)
    except Exception:
        logger.exception("The page cache could not be invalidated")


def invalidate_pages():
    """Make every cached page stale, now and again when the current transaction commits.

    Now, for code that reads its own writes in the same transaction; on commit, so that a
    page rendered by another process between the change and the commit is not kept.
    """
    _bump_generation()
    transaction.on_commit(_bump_generation)


def mark_page_cacheable(request, page):
    """Called for every Wagtail page served: only such responses may be stored. Beside the
    pages it loads, a page depends on what only it shows (`shown:<id>`: its inline items,
    wherever they are stored) and on its own list of children (`children:<id>`: a page published
    under it appears there)."""
    request._portal_page_cacheable = True
    request._portal_page_id = page.pk
    restart_recording()
    record(f"page:{page.pk}", f"shown:{page.pk}", f"children:{page.pk}")


def _anonymous_cookies():
    """Cookies an anonymous visitor may send and still get the shared copy of a page: the CSRF
    token (set by the feedback form) and the language. Any other (a session, messages) may
    change the page, so the request bypasses the cache."""
    return {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}


def _cache_key(request):
    """The entry for this request, or None when the request must not use the page cache."""
    if page_cache_seconds() <= 0 or request.method not in ("GET", "HEAD"):
        return None
    if request.META.get("QUERY_STRING") or set(request.COOKIES) - _anonymous_cookies():
        return None
    language = translation.get_language_from_path(request.path_info)
    if not language:
        return None
    host = request.get_host()
    # GZipMiddleware sits inside this one: keep compressed and plain copies apart.
    encoding = "gzip" if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") else "plain"
    # The scheme too: a page holds absolute addresses (canonical, hreflang alternates, sitemap
    # links) built from it, so an http rendering must never be served to an https request.
    # Host and path are hashed: keys stay short and plain whatever a client sends.
    where = hashlib.sha256(f"{request.scheme}\n{host}\n{request.path}".encode()).hexdigest()
    return f"portal:page:{language}:{encoding}:{where}"


class LocalPages:
    """The entries this process served or stored last, each as (generation, sequence it was
    last found fresh under, names, status, headers, content, headers as Django stores them): at
    most `max_bytes` of content, the least recently served dropped first, none kept longer than
    the page cache keeps it."""

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.size = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, generation, sequence):
        """The entry's (status, headers, content, headers as Django stores them) if it was
        fresh under exactly these counters (see _thaw)."""
        with self.lock:
            kept = self.entries.get(key)
            if kept is None:
                return None
            expires, entry = kept
            if expires < time.monotonic():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
        if entry[0] != generation or entry[1] != sequence:
            return None
        return entry[3:]

    def put(self, key, entry, seconds):
        size = len(entry[5])
        if size > self.max_bytes or seconds <= 0:
            return
        # The headers checked and encoded once here, not for every response (see _thaw).
        entry = (*entry, ResponseHeaders(dict(entry[4]))._store)
        with self.lock:
            self._drop(key)
            self.entries[key] = (time.monotonic() + seconds, entry)
            self.size += size
            while self.size > self.max_bytes:
                self._drop(next(iter(self.entries)))

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0

    def _drop(self, key):
        kept = self.entries.pop(key, None)
        if kept is not None:
            self.size -= len(kept[1][5])


local_pages = LocalPages(getattr(settings, "PORTAL_PAGE_CACHE_LOCAL_BYTES", 16 * 1024 * 1024))


def _watch(cache):
    """The process's watch of the counters (delivery.watch), when the cache server has one."""
    watch = getattr(cache, "counter_watch", None)
    return watch((GENERATION_KEY, SEQUENCE_KEY)) if watch is not None else None


def _read(key):
    """(entry, fresh, generation, sequence): the entry with the counters, in one round trip, and
    whether it may be served as it is; no round trip when this process served the entry under
    counters Redis has not said changed since (LocalPages, delivery.watch).

    An entry made under an older generation, or one of whose dependencies changed after it was
    made (delivery.dependencies), is stale: served only while another process renders the page
    again (see PageCacheMiddleware), then overwritten.
    """
    cache = page_cache()
    watch = _watch(cache)
    known, token = watch.begin() if watch is not None else (None, None)
    if known is not None:
        kept = local_pages.get(key, *known)
        if kept is not None:
            return kept, True, *known
    found = cache.get_many([GENERATION_KEY, SEQUENCE_KEY, key])
    generation, sequence = found.get(GENERATION_KEY), found.get(SEQUENCE_KEY)
    if generation is None:
        generation = current_generation()
    if sequence is None:
        cache.add(SEQUENCE_KEY, fresh_counter(), timeout=None)
        sequence = cache.get(SEQUENCE_KEY)
    if watch is not None:
        watch.learn(token, generation, sequence)
    entry = found.get(key)
    if entry is None or len(entry) != 6:
        return None, False, generation, sequence
    made_in, made_at, names = entry[:3]
    fresh = made_in == generation and unchanged_since(made_at, names, sequence)
    if fresh and token is not None:
        local_pages.put(key, (made_in, sequence, *entry[2:]), page_cache_seconds())
    return entry[3:], fresh, generation, sequence


def _is_storable(request, response):
    if request.method != "GET" or not getattr(request, "_portal_page_cacheable", False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # A response may vary on cookies only because a template looked at request.user (the
    # Wagtail userbar); requests with a session cookie never reach the cache (see _cache_key).
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    return not cache_control & {"private", "no-cache", "no-store"}


def _freeze(generation, sequence, dependencies, response):
    headers = [(name, value) for name, value in response.items() if name != CACHE_STATUS_HEADER]
    return (
        generation,
        sequence,
        tuple(sorted(dependencies)),
        response.status_code,
        headers,
        response.content,
    )


def _thaw(entry):
    """The response of an entry: (status, headers, content), and from LocalPages the headers as
    Django's ResponseHeaders stores them (checked and encoded when the entry was kept), copied
    in one step: a third of the time of setting them one by one."""
    status, headers, content, *prepared = entry
    response = HttpResponse(content, status=status)
    if prepared:
        response.headers._store = dict(prepared[0])
        return response
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Serve anonymous page views from the shared cache; store the ones that may be shared.

    Sits after SecurityMiddleware (HSTS depends on each request) and WhiteNoise, and before
    everything else: the CSP and Permissions-Policy headers are stored with the page, and a
    cached anonymous page needs no session, CSRF or authentication.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            key = _cache_key(request)
            entry, fresh, generation, sequence = _read(key) if key else (None, False, None, None)
        except Exception:
            logger.exception("The page cache cannot be read; rendering without it")
            key, entry, fresh, generation, sequence = None, None, False, None, None
        if entry is not None and fresh:
            response = _thaw(entry)
            response[CACHE_STATUS_HEADER] = "hit"
            return response
        if generation is not None and sequence is not None:
            request._portal_counters = RequestCounters(generation, sequence)
        lock = None
        if entry is not None:
            # Stale: one process renders it again; meanwhile the others serve the stale copy,
            # so an invalidated popular page is not rendered by every request at once.
            lock = f"{key}:rendering"
            if not page_cache().add(lock, 1, RENDER_LOCK_SECONDS):
                response = _thaw(entry)
                response["Cache-Control"] = "no-cache"  # never kept by a CDN
                response[CACHE_STATUS_HEADER] = "stale"
                return response
            # Another process may have stored it between our read and our lock.
            entry, fresh = _read(key)[:2]
            if entry is not None and fresh:
                page_cache().delete(lock)
                response = _thaw(entry)
                response[CACHE_STATUS_HEADER] = "hit"
                return response
        try:
            response = self._render(request, key, generation, sequence)
        finally:
            if lock:
                page_cache().delete(lock)
        return response

    def _render(self, request, key, generation, sequence):
        if not key:
            return self.get_response(request)
        with recording() as dependencies:
            response = self.get_response(request)
        if _is_storable(request, response):
            max_age = getattr(settings, "PORTAL_CDN_MAX_AGE", 0)
            if max_age:
                patch_cache_control(response, public=True, max_age=0, s_maxage=max_age)
            entry = _freeze(generation, sequence, dependencies, response)
            try:
                page_cache().set(key, entry, page_cache_seconds())
                if _watch(page_cache()) is not None:
                    local_pages.put(key, entry, page_cache_seconds())
                if getattr(settings, "WAGTAILFRONTENDCACHE", None):
                    remember_dependents(request._portal_page_id, dependencies)
                response[CACHE_STATUS_HEADER] = "miss"
            except Exception:
                logger.exception("The page cache cannot be written")
        return response
