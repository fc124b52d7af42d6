"""The page cache: anonymous views of Wagtail pages, kept in the shared cache.

What is cached: a GET of a Wagtail page (marked by the `before_serve_page` hook) under a
language prefix, without a query string, by a visitor who sends no cookie but the CSRF and
language ones (so never an editor with a session), when the response is a plain 200 that sets
no cookie and used no CSRF token (so the feedback form is never cached). HEAD requests are
answered from the same entries.

The key holds the host, the language, the full path and whether the client takes gzip (HTML
is compressed by GZipMiddleware, inside this one); each entry records the *generation* it was
made under, read in the same round trip as the current one. Any change
that can show on a page (publish, unpublish, move, delete, a saved page, site or image, a run of
`load_content`) increments the generation: menus, breadcrumbs and the home page show other
pages' titles, so one change can affect every page, and a counter in the shared cache
invalidates every process at once. An entry of an older generation is never served again; it
is overwritten by the next rendering, or expires.

The cache fails open: if the cache server cannot be reached, pages are rendered as usual.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_cache_control

logger = logging.getLogger(__name__)

GENERATION_KEY = "portal:pages:generation"
CACHE_STATUS_HEADER = "X-Page-Cache"


def page_cache():
    return caches[getattr(settings, "PORTAL_PAGE_CACHE_ALIAS", "default")]


def page_cache_seconds():
    """How long an entry lives; 0 turns the page cache off."""
    return getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 0)


def _fresh_generation():
    # A counter evicted from the cache restarts above every value it could have had before.
    return time.time_ns() // 1000


def current_generation():
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _bump_generation():
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
    except Exception:
        logger.exception("The page cache could not be invalidated")


def invalidate_pages():
    """Make every cached page stale, now and again when the current transaction commits.

    Now, for code that reads its own writes in the same transaction; on commit, so that a
    page rendered by another process between the change and the commit is not kept.
    """
    _bump_generation()
    transaction.on_commit(_bump_generation)


def mark_page_cacheable(request):
    """Called for every Wagtail page served: only such responses may be stored."""
    request._portal_page_cacheable = True


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
    # Host and path are hashed: keys stay short and plain whatever a client sends.
    where = hashlib.sha256(f"{host}\n{request.path}".encode()).hexdigest()
    return f"portal:page:{language}:{encoding}:{where}"


def _read(key):
    """The entry and the current generation, in one round trip to the cache.

    An entry made under an older generation is stale: it is ignored, and overwritten when the
    page is rendered again.
    """
    cache = page_cache()
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        return None, current_generation()
    entry = found.get(key)
    if entry is None or entry[0] != generation:
        return None, generation
    return entry[1:], generation


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


def _freeze(generation, response):
    headers = [(name, value) for name, value in response.items() if name != CACHE_STATUS_HEADER]
    return (generation, response.status_code, headers, response.content)


def _thaw(entry):
    status, headers, content = entry
    response = HttpResponse(content, status=status)
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
            entry, generation = _read(key) if key else (None, None)
        except Exception:
            logger.exception("The page cache cannot be read; rendering without it")
            key = entry = None
        if entry is not None:
            response = _thaw(entry)
            response[CACHE_STATUS_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if key and _is_storable(request, response):
            max_age = getattr(settings, "PORTAL_CDN_MAX_AGE", 0)
            if max_age:
                patch_cache_control(response, public=True, max_age=0, s_maxage=max_age)
            try:
                page_cache().set(key, _freeze(generation, response), page_cache_seconds())
                response[CACHE_STATUS_HEADER] = "miss"
            except Exception:
                logger.exception("The page cache cannot be written")
        return response


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one redis.Redis per connection pool.

    Django builds a new redis.Redis for every cache call, and redis-py 8 fills a table of ~170
    response callbacks each time: a third of the time of a cached page view. A redis.Redis
    is thread-safe and stateless apart from its pool, so one per pool can be shared.
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_reused_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class PortalRedisCache(RedisCache):
    """Django's RedisCache with ReusedClientRedisCacheClient (production's shared cache)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
