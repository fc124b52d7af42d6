"""Wrong codes count toward django-axes' lock-out, the same counter as wrong passwords."""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed


def credentials(user):
    return {getattr(settings, "AXES_USERNAME_FORM_FIELD", "username"): user.get_username()}


def is_locked(request, user):
    if not settings.AXES_ENABLED:
        return False
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_locked(request, credentials(user))


def record_failure(request, user):
    """A wrong code: one more failure for this account and address, as a wrong password is.

    django-axes listens to Django's user_login_failed signal; when this failure reaches the
    limit it marks the request, and its middleware answers with the lock-out page.
    """
    user_login_failed.send(sender=__name__, credentials=credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def lockout_response(request, user):
    """django-axes' lock-out page, rendered here in the account's admin language (its
    middleware would render it again in the browser's)."""
    from axes.helpers import get_lockout_response

    response = get_lockout_response(request, None, credentials(user))
    request.axes_locked_out = False
    return response


def clear_failures(request, user):
    """Sign-in complete: forget this account's failures from this address."""
    if not settings.AXES_ENABLED:
        return
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.update_request(request)
    AxesProxyHandler.reset_attempts(
        ip_address=request.axes_ip_address, username=user.get_username()
    )
