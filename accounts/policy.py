"""Who must give a second factor, and what the session remembers about the sign-in."""

import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY

SSO_BACKEND = "accounts.sso.PortalOIDCBackend"
# Session keys: when the account signed in and was last active (seconds since the epoch), and
# the device that verified the second factor (kept when django-otp forgets a deleted device,
# so that a reset second factor ends the session).
SIGNED_IN_AT = "accounts_signed_in_at"
LAST_SEEN = "accounts_last_seen"
VERIFIED_DEVICE = "accounts_verified_device"


def signed_in_with_sso(request):
    return request.session.get(BACKEND_SESSION_KEY) == SSO_BACKEND


def second_factor_required(request, user):
    """True for an account that can reach the admin, signed in with a password."""
    if not settings.PORTAL_REQUIRE_2FA or not user.is_authenticated:
        return False
    if signed_in_with_sso(request):
        return False  # the identity provider asks for the second factor
    return user.has_perm("wagtailadmin.access_admin")


def stamp_sign_in(session):
    now = time.time()
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN] = now


def session_expired(session, now=None):
    """True when the session passed its idle time or its maximum age."""
    now = now or time.time()
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen = session.get(LAST_SEEN)
    if signed_in_at is None or last_seen is None:
        return True  # a session from before these limits: sign in again
    return (
        now - last_seen > settings.PORTAL_ADMIN_SESSION_IDLE_SECONDS
        or now - signed_in_at > settings.PORTAL_ADMIN_SESSION_MAX_AGE_SECONDS
    )
