"""The second-factor screens: give it at sign-in, set it up, see new recovery codes, manage
one's own, and (superusers) reset another account's."""

import django_otp
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from . import devices, lockout, policy
from .forms import CodeForm, SetupCodeForm

NEW_CODES = "accounts_new_recovery_codes"
RESET_ACTION = "accounts.reset_second_factor"


def next_url(request):
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def with_next(name, request):
    return f"{reverse(name)}?{urlencode({'next': next_url(request)})}"


def wrong_code_message(throttled):
    if throttled:
        return _("Too many attempts in a short time. Wait a few seconds, then enter a code again.")
    return _(
        "This code was not accepted. Enter the code your authenticator app shows now, or one "
        "of your recovery codes. Each code works only once."
    )


def check_code(user, code):
    """(device that accepted the code or None, whether a device refused to check it yet)."""
    if code.isdigit() and len(code) == 6:
        candidates = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        candidates = StaticDevice.objects.filter(user=user, confirmed=True)
    throttled = False
    for device in candidates:
        if not device.verify_is_allowed()[0]:
            throttled = True
            continue
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified, False
    return None, throttled


def complete_sign_in(request, device):
    django_otp.login(request, device)
    request.session[policy.VERIFIED_DEVICE] = device.persistent_id
    request.session.cycle_key()  # a new session id for the fully signed-in session
    lockout.clear_failures(request, request.user)


def refuse(request, form, throttled=False):
    """A wrong code: counted as a failed sign-in; the lock-out page once over the limit."""
    user = request.user
    if lockout.record_failure(request, user):
        logout(request)
        return lockout.lockout_response(request, user)
    form.add_error("code", wrong_code_message(throttled))
    return None


def with_error_described(form):
    """Wagtail's sign-in layout shows errors at the top (as for a wrong password): the field
    points to that message, so a screen reader reads it with the field."""
    if form.errors:
        form.fields["code"].widget.attrs["aria-describedby"] = (
            "accounts-code-error id_code-helptext"
        )
    return form


def locked_out(request):
    user = request.user
    if lockout.is_locked(request, user):
        logout(request)
        return lockout.lockout_response(request, user)
    return None


@never_cache
@sensitive_post_parameters("code")
def verify(request):
    user = request.user
    if user.is_verified() or not policy.second_factor_required(request, user):
        return redirect(next_url(request))
    if not django_otp.user_has_device(user):
        return redirect(with_next("accounts_setup", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if response := locked_out(request):
            return response
        if form.is_valid():
            device, throttled = check_code(user, form.cleaned_data["code"])
            if device is not None:
                complete_sign_in(request, device)
                return redirect(next_url(request))
            if response := refuse(request, form, throttled):
                return response
    context = {"form": with_error_described(form), "next": next_url(request)}
    return render(request, "accounts/verify.html", context)


@never_cache
@sensitive_post_parameters("code")
def setup(request):
    user = request.user
    if devices.confirmed_app(user):
        return redirect(with_next("accounts_verify", request))
    device = devices.pending_app(user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST":
        if response := locked_out(request):
            return response
        if form.is_valid():
            code = form.cleaned_data["code"]
            throttled = not device.verify_is_allowed()[0]
            if not throttled and device.verify_token(code):
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = devices.new_recovery_codes(user)
                complete_sign_in(request, device)
                request.session[NEW_CODES] = codes
                return redirect(with_next("accounts_recovery_codes", request))
            if response := refuse(request, form, throttled):
                return response
    context = {
        "form": with_error_described(form),
        "next": next_url(request),
        "qr_code": devices.qr_code_svg(device),
        "secret": devices.secret_text(device),
    }
    return render(request, "accounts/setup.html", context)


@never_cache
def recovery_codes(request):
    """New recovery codes, shown once."""
    codes = request.session.pop(NEW_CODES, None)
    if not codes:
        return redirect("accounts_manage")
    return render(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url(request)}
    )


@never_cache
def manage(request):
    user = request.user
    if request.method == "POST":
        request.session[NEW_CODES] = devices.new_recovery_codes(user)
        return redirect(with_next("accounts_recovery_codes", request))
    recovery = devices.recovery_device(user)
    context = {
        "app": devices.confirmed_app(user),
        "codes_left": recovery.token_set.count() if recovery else 0,
        "sso": policy.signed_in_with_sso(request),
    }
    return render(request, "accounts/manage.html", context)


@never_cache
def reset(request, user_id):
    """A superuser removes another account's second factor: it sets up a new one at its next
    sign-in, and its open sessions end."""
    if not request.user.is_superuser:
        raise PermissionDenied
    account = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        devices.remove_all(account)
        log(instance=account, action=RESET_ACTION, user=request.user)
        messages.success(
            request,
            _(
                "The second factor of %(name)s was reset. They set up a new one at their next sign-in."
            )
            % {"name": account.get_username()},
        )
        return redirect("wagtailusers_users:index")
    return render(request, "accounts/reset.html", {"account": account})
