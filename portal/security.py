"""Security helpers: the admin's own CSP, the client's address behind proxies, a rate limit."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.cache import cache


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp with a second policy scoped to the Wagtail admin.

    The public site gets CONTENT_SECURITY_POLICY (no inline script or style). Wagtail's admin
    still relies on inline scripts and styles, so paths under ADMIN_PATH_PREFIX get
    ADMIN_CONTENT_SECURITY_POLICY instead; it applies to signed-in editors only.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        is_admin = request.path_info.startswith(settings.ADMIN_PATH_PREFIX)
        if is_admin and not report_only and parts.config is None:
            return PolicyParts(
                config=settings.ADMIN_CONTENT_SECURITY_POLICY,
                update=parts.update,
                replace=parts.replace,
                nonce=parts.nonce,
            )
        return parts


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


def over_rate_limit(request, scope, limit, window_seconds):
    """Count one more request from this client in `scope`; True once it exceeds `limit`.

    The counter lives in the shared cache, so every app process sees the same count.
    """
    key = f"portal:rate:{scope}:{client_ip(request)}"
    if cache.add(key, 1, timeout=window_seconds):
        return limit < 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window_seconds)
        count = 1
    return count > limit
