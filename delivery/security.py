"""Security headers: the public site's strict CSP, the admin's own, and the admin's preview."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

# The preview is the public page rendered for the admin's preview panel, a frame of the admin
# (same origin). It keeps the public policy but may be framed by the admin.
PREVIEW_FRAME_ANCESTORS = {"frame-ancestors": ["'self'"]}


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp with a second policy scoped to the Wagtail admin, and a third for its preview.

    The public site gets CONTENT_SECURITY_POLICY (no inline script or style, never framed).
    Wagtail's admin still relies on inline scripts and styles, so paths under ADMIN_PATH_PREFIX
    get ADMIN_CONTENT_SECURITY_POLICY instead; it applies to signed-in editors only.

    Wagtail renders a preview by sending a simulated request for the page's public URL (/nl/…)
    through the middleware (`request.is_preview`): with the public policy alone, its
    `frame-ancestors 'none'` would leave the admin's preview panel blank and its accessibility
    checks with nothing to check. A preview gets the public policy with `frame-ancestors 'self'`;
    a visitor's request of the same URL is never a preview, so public pages stay unframeable.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(settings.ADMIN_PATH_PREFIX):
            return PolicyParts(
                config=settings.ADMIN_CONTENT_SECURITY_POLICY,
                update=parts.update,
                replace=parts.replace,
                nonce=parts.nonce,
            )
        if getattr(request, "is_preview", False):
            parts.replace = {**(parts.replace or {}), **PREVIEW_FRAME_ANCESTORS}
        return parts

    def process_response(self, request, response):
        """django-csp 4 joins the directives in the order of a set, so each process (each hash
        seed) wrote the same policy differently: in name order here, the same everywhere."""
        response = super().process_response(request, response)
        for header in ("Content-Security-Policy", "Content-Security-Policy-Report-Only"):
            if header in response:
                response[header] = in_name_order(response[header])
        return response


def in_name_order(policy):
    directives = (part.strip() for part in policy.split(";"))
    return "; ".join(sorted(directive for directive in directives if directive))
