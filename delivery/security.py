"""Security headers: the public site's strict CSP and the admin's own."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


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
