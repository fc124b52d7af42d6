"""Who is asking, and how often: the client's address behind proxies, and a shared rate limit."""

import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)
WARNING_INTERVAL_SECONDS = 60
_last_warning = [None]


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the one the trusted proxies saw.

    With PORTAL_TRUSTED_PROXY_COUNT = n, the n-th address from the right of X-Forwarded-For is
    the one the outermost trusted proxy received the request from; anything left of it may be
    forged by the client and is ignored.
    """
    proxies = settings.PORTAL_TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if forwarded:
            return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR", "")


def _warn_cache_unreachable(scope, error):
    now = time.monotonic()
    if _last_warning[0] is None or now - _last_warning[0] >= WARNING_INTERVAL_SECONDS:
        _last_warning[0] = now
        logger.warning(
            "Rate limit %r not applied: the cache cannot be reached (%s)",
            scope,
            type(error).__name__,
        )


def _key(request, scope):
    return f"portal:rate:{scope}:{client_ip(request)}"


def rate_limited(request, scope, limit):
    """True when this client already reached `limit` in `scope` (nothing is counted).

    The counter lives in the shared cache, so every app process sees the same count. Without
    the cache the limit fails open: the request is let through (a visitor's message matters
    more than a spammer's), with a warning in the log at most once a minute. The portal's own
    cache (delivery.cache) already fails open; this covers any other cache backend.
    """
    try:
        return (cache.get(_key(request, scope)) or 0) >= limit
    except Exception as error:
        _warn_cache_unreachable(scope, error)
        return False


def count(request, scope, window_seconds):
    """Count one more request from this client in `scope`; returns the count (0 without the
    cache). The window starts with the first request counted."""
    key = _key(request, scope)
    try:
        if cache.add(key, 1, timeout=window_seconds):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=window_seconds)
            return 1
    except Exception as error:
        _warn_cache_unreachable(scope, error)
        return 0


def over_rate_limit(request, scope, limit, window_seconds):
    """Count one more request from this client in `scope`; True once it exceeds `limit`."""
    return count(request, scope, window_seconds) > limit
