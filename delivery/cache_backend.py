"""The production cache backend: Django's RedisCache sharing its Redis client, failing open.

Split from delivery.cache (the page cache itself); it logs under the same logger name.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

from .watch import CounterWatch

logger = logging.getLogger("delivery.cache")


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


_watches = {}


class PortalRedisCache(FailOpenCacheMixin, RedisCache):
    """Django's RedisCache with ReusedClientRedisCacheClient (production's shared cache),
    failing open (FailOpenCacheMixin): the site works, uncached, while Redis is away.

    OPTIONS["COUNTER_WATCH_SECONDS"] (default 5; 0 turns it off): how long the page cache may
    trust counters Redis has not said changed (delivery.watch)."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self._watch_seconds = float(options.pop("COUNTER_WATCH_SECONDS", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient

    def counter_watch(self, keys):
        """The process's CounterWatch of these cache keys on this server, or None when off."""
        if self._watch_seconds <= 0:
            return None
        keys = tuple(self.make_and_validate_key(key) for key in keys)
        name = (self._health.name, keys)
        watch = _watches.get(name)
        if watch is None:
            with _health_lock:
                watch = _watches.get(name)
                if watch is None:
                    pool = self._cache._get_connection_pool(write=False)
                    watch = _watches[name] = CounterWatch(
                        pool.connection_class,
                        pool.connection_kwargs,
                        keys,
                        self._health,
                        self._watch_seconds,
                    )
        return watch
