"""Every request of a signed-in account: end the session when it has expired or its second
factor was reset, and send an account that still owes its second factor to give it."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import policy

# Requests the admin makes by itself while a page is open (it tells other editors who is
# editing): they do not keep an idle session alive.
BACKGROUND_PREFIXES = ("/admin/editing-sessions/",)


class AccountSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Visitors have no session: nothing to check, and their pages stay cacheable.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            response = self.check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def check(self, request):
        session, user = request.session, request.user
        if policy.session_expired(session):
            minutes = settings.PORTAL_ADMIN_SESSION_IDLE_SECONDS // 60
            logout(request)
            messages.info(
                request,
                _(
                    "Your session has ended: you were inactive for more than %(minutes)s "
                    "minutes, or signed in too long ago. Please sign in again."
                )
                % {"minutes": minutes},
            )
            return None  # on as a visitor; the admin sends visitors to the sign-in page
        if session.get(policy.VERIFIED_DEVICE) and user.otp_device is None:
            # The device that verified this session is gone: its second factor was reset.
            logout(request)
            messages.info(request, _("You have been signed out. Please sign in again."))
            return None
        # Activity is written at most every tenth of the idle time (a minute at most), so the
        # session is not saved at every click.
        now = time.time()
        every = max(1, min(60, settings.PORTAL_ADMIN_SESSION_IDLE_SECONDS // 10))
        if (
            not request.path.startswith(BACKGROUND_PREFIXES)
            and now - session[policy.LAST_SEEN] >= every
        ):
            session[policy.LAST_SEEN] = now
        if (
            policy.second_factor_required(request, user)
            and not user.is_verified()
            and not self.exempt(request.path)
        ):
            from django_otp import user_has_device

            name = "accounts_verify" if user_has_device(user) else "accounts_setup"
            return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return None

    @staticmethod
    def exempt(path):
        """Pages an account may open before it has given its second factor."""
        allowed = [
            reverse("accounts_verify"),
            reverse("accounts_setup"),
            reverse("wagtailadmin_login"),
            reverse("wagtailadmin_logout"),
            reverse("wagtailadmin_javascript_catalog"),
            reverse("wagtailadmin_sprite"),  # the icons the sign-in screens show
            settings.STATIC_URL,
        ]
        return any(path.startswith(prefix) for prefix in allowed)
