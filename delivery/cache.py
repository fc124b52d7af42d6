"""The page cache: anonymous views of Wagtail pages, kept in the shared cache.

What is cached: a GET of a Wagtail page (marked by the `before_serve_page` hook) under a
language prefix, without a query string, by a visitor who sends no cookie but the CSRF and
language ones (so never an editor with a session), when the response is a plain 200 that sets
no cookie and used no CSRF token (so the feedback form is never cached). HEAD requests are
answered from the same entries.

The key holds the scheme, the host, the language, the full path and whether the client takes gzip (HTML
is compressed by GZipMiddleware, inside this one); each entry records the *generation* it was
made under, read in the same round trip as the current one. Any change
that can show on a page (publish, unpublish, move, delete, a saved page, site or image, a run of
`load_content`) increments the generation: menus, breadcrumbs and the home page show other
pages' titles, so one change can affect every page, and a counter in the shared cache
invalidates every process at once. An entry of an older generation is never served again; it
is overwritten by the next rendering, or expires.

The cache fails open: if the cache server cannot be reached, pages are rendered as usual.
"""

import functools
import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import cc_delim_re, patch_cache_control
from redis.exceptions import RedisError

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
    # The scheme too: a page holds absolute addresses (canonical, hreflang alternates, sitemap
    # links) built from it, so an http rendering must never be served to an https request.
    # Host and path are hashed: keys stay short and plain whatever a client sends.
    where = hashlib.sha256(f"{request.scheme}\n{host}\n{request.path}".encode()).hexdigest()
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


# Errors that mean "the cache server cannot be reached or answer", as opposed to a wrong use of
# the cache (incr of a missing key raises ValueError, which callers handle).
UNREACHABLE = (RedisError, OSError)


def _fail_open(fallback):
    """Run the cache operation; if the server cannot be reached, answer `fallback(args, kwargs)`
    as a cache that holds nothing and keeps nothing would, and note the failure."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            health = self._health
            if health.skip_until > time.monotonic():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except UNREACHABLE as error:
                health.unreachable(method.__name__, error)
                return fallback(*args, **kwargs)
            if health.failing:
                health.reachable()
            return result

        return wrapper

    return decorate


class CacheHealth:
    """Whether one cache server answers, shared by every thread of the process (Django gives
    each thread its own cache object): after a failure the server is left alone for
    `retry_seconds`, and a warning is logged at most once per `warning_seconds`."""

    def __init__(self, name, retry_seconds, warning_seconds):
        self.name = name
        self.retry_seconds = retry_seconds
        self.warning_seconds = warning_seconds
        self.skip_until = 0.0
        self.failing = False
        self.warned_at = None
        self.lock = threading.Lock()

    def unreachable(self, operation, error):
        now = time.monotonic()
        with self.lock:
            self.skip_until = now + self.retry_seconds
            self.failing = True
            warn = self.warned_at is None or now - self.warned_at >= self.warning_seconds
            if warn:
                self.warned_at = now
        if warn:
            logger.warning(
                "The shared cache %s cannot be reached (%s: %s, during %s); serving without it: "
                "pages rendered each time, rate limits open. Trying again every %g s.",
                self.name,
                type(error).__name__,
                error,
                operation,
                self.retry_seconds,
            )

    def reachable(self):
        with self.lock:
            was_failing, self.failing = self.failing, False
            self.warned_at = None
        if was_failing:
            logger.warning("The shared cache %s answers again; caching resumed.", self.name)


_health = {}
_health_lock = threading.Lock()


def _none(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing_found(*args, **kwargs):
    return {}


def _all_failed(data, *args, **kwargs):
    return list(data)


def _counter_restarted(key, delta=1, *args, **kwargs):
    return delta


class FailOpenCacheMixin:
    """A cache that never fails a request: when its server cannot be reached, every operation
    answers as an empty cache would (get → the default, get_many → {}, add/delete/has_key →
    False, set_many → every key failed, incr → the delta, as if the counter had just started)
    and the site works without it: pages rendered each time, rate limits open.

    After a failure the server is left alone for CACHE_RETRY_SECONDS (no connection attempt per
    request while it is down), then tried again, so caching resumes by itself when it returns.
    One warning per CACHE_WARNING_SECONDS at most, not one per request; one more when it is back.
    """

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        retry_seconds = float(options.pop("CACHE_RETRY_SECONDS", 5))
        warning_seconds = float(options.pop("CACHE_WARNING_SECONDS", 60))
        super().__init__(server, {**params, "OPTIONS": options})
        name = server if isinstance(server, str) else ",".join(server)
        # The address without credentials, for the log.
        name = name.rsplit("@", 1)[-1]
        with _health_lock:
            self._health = _health.setdefault(
                name, CacheHealth(name, retry_seconds, warning_seconds)
            )

    def _call(self, method_name, *args, **kwargs):
        return getattr(super(), method_name)(*args, **kwargs)

    @_fail_open(_default)
    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    @_fail_open(_nothing_found)
    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    @_fail_open(_none)
    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    @_fail_open(_all_failed)
    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    @_fail_open(_false)
    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    @_fail_open(_false)
    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    @_fail_open(_false)
    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    @_fail_open(_none)
    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    @_fail_open(_false)
    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    @_fail_open(_counter_restarted)
    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    @_fail_open(_false)
    def clear(self, *args, **kwargs):
        return self._call("clear", *args, **kwargs)

    def is_reachable(self):
        """For the readiness check: one round trip, no fallback."""
        try:
            self._cache.get_client(write=False).ping()
        except UNREACHABLE:
            return False
        return True


class PortalRedisCache(FailOpenCacheMixin, RedisCache):
    """Django's RedisCache with ReusedClientRedisCacheClient (production's shared cache),
    failing open (FailOpenCacheMixin): the site works, uncached, while Redis is away."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
