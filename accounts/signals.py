"""Sign-in bookkeeping: the session's clock, and the lock-out counter once sign-in is complete."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .lockout import clear_failures
from .policy import second_factor_required, stamp_sign_in


@receiver(user_logged_in, dispatch_uid="accounts_sign_in")
def on_sign_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    stamp_sign_in(request.session)
    if not second_factor_required(request, user):
        clear_failures(request, user)  # complete without a second factor (SSO, development)
