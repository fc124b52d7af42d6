from django.conf import settings
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import views


@hooks.register("register_admin_urls")
def second_factor_urls():
    return [
        path("2fa/", views.manage, name="accounts_manage"),
        path("2fa/verify/", views.verify, name="accounts_verify"),
        path("2fa/setup/", views.setup, name="accounts_setup"),
        path("2fa/recovery-codes/", views.recovery_codes, name="accounts_recovery_codes"),
        path("2fa/reset/<int:user_id>/", views.reset, name="accounts_reset"),
    ]


@hooks.register("register_log_actions")
def second_factor_log_actions(actions):
    actions.register_action(views.RESET_ACTION, _("Reset second factor"), _("Second factor reset"))


@hooks.register("register_user_listing_buttons")
def reset_second_factor_button(user, request_user):
    if request_user.is_superuser and user_has_device(user, confirmed=None):
        yield Button(
            _("Reset second factor"),
            url=reverse("accounts_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )


@hooks.register("register_account_menu_item")
def second_factor_account_item(request):
    return {
        "url": reverse("accounts_manage"),
        "label": _("Two-step verification"),
        "help_text": _("Your authenticator app and your recovery codes."),
    }


@hooks.register("insert_global_admin_js")
def development_banner():
    """Development settings may sign in without a second factor: every admin page says so."""
    if settings.PORTAL_REQUIRE_2FA:
        return ""
    return render_to_string("accounts/development_banner.html")
