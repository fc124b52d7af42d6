"""The second step of the admin sign-in, through Django's test client: set-up, codes, recovery
codes, lock-out, session limits and the superuser's reset."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from accounts import policy
from accounts.conf import oidc_settings
from accounts.testing import code_at, current_code, totp_device
from tests.accounts.helpers import app_code, secret_on_page
from tests.editor_helpers import PASSWORD, make_user

pytestmark = pytest.mark.django_db

WRONG = {
    "en": "This code was not accepted.",
    "fr": "Ce code n’a pas été accepté.",
    "nl": "Deze code werd niet aanvaard.",
}


def password_step(client, username, password=PASSWORD, address="192.0.2.1", language="en"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def code_step(client, code, address="192.0.2.1"):
    return client.post("/admin/2fa/verify/", {"code": code, "next": "/admin/"}, REMOTE_ADDR=address)


@pytest.fixture
def editor(db):
    return make_user("els", "Editors", language="nl")


@pytest.fixture
def newcomer(db):
    """An editor without a second factor yet, who reads the admin in French."""
    user = make_user("amelie", "Editors", language="fr")
    TOTPDevice.objects.filter(user=user).delete()
    return user


def test_a_password_alone_does_not_open_the_admin(editor):
    client = Client()
    assert password_step(client, "els").status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/2fa/verify/?next=%2Fadmin%2F"
    for path in ("/admin/pages/", "/admin/users/", "/en/"):
        assert client.get(path)["Location"].startswith("/admin/2fa/verify/"), path
    screen = client.get("/admin/2fa/verify/?next=/admin/")
    content = screen.content.decode()
    assert screen.status_code == 200
    assert 'lang="nl"' in content and "Tweede stap: voer een code in" in content
    assert 'autocomplete="one-time-code"' in content
    # What the screen itself loads is served, not sent to the code screen.
    for asset in ("/admin/jsi18n/", "/admin/sprite/"):
        assert client.get(asset).status_code == 200, asset


def test_a_new_account_sets_up_its_app_with_a_qr_code_or_the_key_as_text(newcomer):
    client = Client()
    password_step(client, "amelie")
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == "/admin/2fa/setup/?next=%2Fadmin%2F"
    content = response.content.decode()
    assert "Configurez votre second facteur" in content
    assert "<svg" in content and "<path" in content  # the QR code, inline
    secret = secret_on_page(content)
    assert len(secret.replace(" ", "")) == 32
    # The same key on reload: the app set up from the first view keeps working.
    assert secret_on_page(client.get("/admin/2fa/setup/").content.decode()) == secret

    refused = client.post("/admin/2fa/setup/", {"code": "000000", "next": "/admin/"})
    assert refused.status_code == 200 and WRONG["fr"] in refused.content.decode()
    time.sleep(1.1)  # django-otp's pause after a wrong code
    confirmed = client.post("/admin/2fa/setup/", {"code": app_code(secret), "next": "/admin/"})
    assert confirmed["Location"] == "/admin/2fa/recovery-codes/?next=%2Fadmin%2F"
    codes_page = client.get(confirmed["Location"]).content.decode()
    assert "Conservez vos codes de récupération" in codes_page
    codes = list(StaticDevice.objects.get(user=newcomer).token_set.values_list("token", flat=True))
    assert len(codes) == 10 and all(code in codes_page for code in codes)
    # Shown once only.
    assert client.get("/admin/2fa/recovery-codes/")["Location"] == "/admin/2fa/"
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=newcomer).confirmed


def test_a_code_from_the_app_signs_in_and_the_same_code_is_refused_the_next_time(editor):
    device = totp_device(editor)
    code = current_code(device)
    client = Client()
    password_step(client, "els")
    assert code_step(client, code)["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")

    again = Client()
    password_step(again, "els")
    refused = code_step(again, code)
    assert refused.status_code == 200
    assert WRONG["nl"] in refused.content.decode()
    assert again.get("/admin/")["Location"].startswith("/admin/2fa/verify/")


def test_a_recovery_code_signs_in_once(editor):
    from accounts.devices import new_recovery_codes

    codes = new_recovery_codes(editor)
    client = Client()
    password_step(client, "els")
    assert code_step(client, codes[0].upper())["Location"] == "/admin/"  # case does not matter
    client.post("/admin/logout/")
    again = Client()
    password_step(again, "els")
    assert WRONG["nl"] in code_step(again, codes[0]).content.decode()
    assert StaticDevice.objects.get(user=editor).token_set.count() == 9


def test_a_wrong_app_code_and_a_wrong_recovery_code_get_the_same_message(editor):
    from accounts.devices import new_recovery_codes

    new_recovery_codes(editor)
    client = Client()
    password_step(client, "els")
    wrong_app = code_step(client, "123456").content.decode()
    wrong_recovery = code_step(client, "abcdefgh").content.decode()
    assert WRONG["nl"] in wrong_app and WRONG["nl"] in wrong_recovery
    for hint in ("app", "herstel"):  # nothing says which kind of code was wrong
        assert wrong_app.count(hint) == wrong_recovery.count(hint)


def test_wrong_codes_count_toward_the_same_lock_out_as_wrong_passwords(editor, settings):
    settings.AXES_ENABLED = True
    client = Client()
    for _ in range(2):
        assert password_step(client, "els", password="wrong").status_code == 200
    password_step(client, "els")
    device = totp_device(editor)
    wrong = f"{(int(code_at(device)) + 1) % 1_000_000:06d}"
    for _ in range(settings.AXES_FAILURE_LIMIT - 3):
        assert code_step(client, wrong).status_code == 200
    locked = code_step(client, wrong)
    assert locked.status_code == 429
    assert "Te veel mislukte aanmeldpogingen" in locked.content.decode()  # her language
    assert client.get("/admin/").status_code == 302  # signed out
    # The right password and code are refused from that address for the cool-off time.
    assert password_step(client, "els").status_code == 429
    # From elsewhere the editor signs in, once the app's short pause after wrong codes is over.
    other = Client()
    assert password_step(other, "els", address="192.0.2.99").status_code == 302
    device.refresh_from_db()
    allowed, pause = device.verify_is_allowed()
    assert not allowed  # django-otp's own pause after wrong codes, for any address
    time.sleep((pause["locked_until"] - timezone.now()).total_seconds() + 0.1)
    assert code_step(other, current_code(device), address="192.0.2.99").status_code == 302


def test_a_right_password_does_not_clear_the_failures_before_the_second_factor(editor, settings):
    from axes.models import AccessAttempt

    settings.AXES_ENABLED = True
    client = Client()
    password_step(client, "els", password="wrong")
    password_step(client, "els")
    assert AccessAttempt.objects.get(username="els").failures_since_start == 1
    code_step(client, current_code(totp_device(editor)))
    assert not AccessAttempt.objects.filter(username="els").exists()


def test_the_admin_session_ends_after_inactivity_and_after_its_maximum_age(
    client, editor, settings
):
    settings.PORTAL_ADMIN_SESSION_IDLE_SECONDS = 60
    settings.PORTAL_ADMIN_SESSION_MAX_AGE_SECONDS = 3600
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[policy.LAST_SEEN] = time.time() - 61
    session.save()
    expired = client.get("/admin/", follow=True)
    assert expired.redirect_chain[-1][0].startswith("/admin/login/")
    assert "Votre session a pris fin" in expired.content.decode()  # the sign-in page's language

    client.force_login(editor)
    session = client.session
    session[policy.SIGNED_IN_AT] = time.time() - 3601  # active all along, but too long ago
    session.save()
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_background_pings_do_not_keep_an_idle_session_alive(client, editor):
    client.force_login(editor)
    before = client.session[policy.LAST_SEEN] - 120  # two minutes without a click
    session = client.session
    session[policy.LAST_SEEN] = before
    session.save()
    client.post("/admin/editing-sessions/ping/wagtailcore/page/1/0/")
    assert client.session[policy.LAST_SEEN] == before
    client.get("/admin/")
    assert client.session[policy.LAST_SEEN] > before


def test_changing_the_password_ends_the_accounts_other_sessions(editor):
    from accounts.testing import TwoFactorClient

    here, elsewhere = TwoFactorClient(), TwoFactorClient()
    here.force_login(editor)
    elsewhere.force_login(editor)
    new_password = "another long passphrase 77"
    response = here.post(
        "/admin/account/",
        {
            "password-old_password": PASSWORD,
            "password-new_password1": new_password,
            "password-new_password2": new_password,
            "locale-preferred_language": "nl",
            "locale-current_time_zone": "",
            "name_email-first_name": "Els",
            "name_email-last_name": "Peeters",
            "name_email-email": "els@example.org",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    editor.refresh_from_db()
    assert editor.check_password(new_password)
    assert here.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_superuser_resets_an_editors_second_factor_which_ends_their_sessions(client, editor):
    from accounts.devices import new_recovery_codes
    from accounts.testing import TwoFactorClient

    new_recovery_codes(editor)
    editors_session = TwoFactorClient()
    editors_session.force_login(editor)
    assert editors_session.get("/admin/").status_code == 200

    chief = get_user_model().objects.create_superuser("chef", password="x" * 20)
    client.force_login(chief)
    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/2fa/reset/{editor.pk}/" in listing
    confirm = client.get(f"/admin/2fa/reset/{editor.pk}/")
    assert confirm.status_code == 200 and "els" in confirm.content.decode()
    done = client.post(f"/admin/2fa/reset/{editor.pk}/", follow=True)
    assert "Le second facteur de els a été réinitialisé" in done.content.decode()

    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticDevice.objects.filter(user=editor).exists()
    entry = ModelLogEntry.objects.get(action="accounts.reset_second_factor")
    assert entry.object_id == str(editor.pk) and entry.user_id == chief.pk
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Second facteur réinitialisé" in history

    # The editor's open session has ended; at the next sign-in they set up a new app.
    assert editors_session.get("/admin/")["Location"].startswith("/admin/login/")
    fresh = Client()
    password_step(fresh, "els")
    assert fresh.get("/admin/")["Location"].startswith("/admin/2fa/setup/")


def test_only_superusers_reset_a_second_factor(client, editor):
    other = make_user("marc", "Moderators")
    client.force_login(other)
    assert client.get(f"/admin/2fa/reset/{editor.pk}/").status_code in (302, 403)
    assert client.post(f"/admin/2fa/reset/{editor.pk}/").status_code in (302, 403)
    assert TOTPDevice.objects.filter(user=editor).exists()
    assert f"/admin/2fa/reset/{editor.pk}/" not in client.get("/admin/users/").content.decode()


def test_an_editor_sees_their_second_factor_and_replaces_the_recovery_codes(client, editor):
    from accounts.devices import new_recovery_codes

    old = new_recovery_codes(editor)
    client.force_login(editor)
    page = client.get("/admin/2fa/").content.decode()
    assert "Tweestapsverificatie" in page and "10 ongebruikte herstelcodes" in page
    assert "/admin/2fa/" in client.get("/admin/account/").content.decode()
    shown = client.post("/admin/2fa/", follow=True).content.decode()
    new = list(StaticDevice.objects.get(user=editor).token_set.values_list("token", flat=True))
    assert all(code in shown for code in new) and not set(old) & set(new)
    assert client.get("/admin/").status_code == 200  # still signed in


def test_development_settings_may_skip_the_second_factor_and_say_so(editor, settings):
    settings.PORTAL_REQUIRE_2FA = False
    client = Client()
    password_step(client, "els")
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Ontwikkelinstellingen: aanmelden zonder tweede factor" in dashboard.content.decode()
    login_page = Client().get("/admin/login/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Paramètres de développement" in login_page


def test_the_banner_is_absent_when_the_second_factor_is_on(client, editor):
    client.force_login(editor)
    assert "accounts-dev-banner" not in client.get("/admin/").content.decode()


def test_the_test_settings_keep_the_second_factor_on():
    assert django_settings.PORTAL_REQUIRE_2FA is True


def _production(extra):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL="sqlite:////tmp/portal-2fa-check.db",
        **extra,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_with_the_second_factor_off():
    refused = _production({"PORTAL_REQUIRE_2FA": "0"})
    assert refused.returncode != 0
    assert "ImproperlyConfigured" in refused.stderr and "PORTAL_REQUIRE_2FA" in refused.stderr


def test_sso_is_configured_from_the_environment_only():
    from django.core.exceptions import ImproperlyConfigured

    assert oidc_settings({}) == {}
    with pytest.raises(ImproperlyConfigured, match="OIDC_OP_TOKEN_ENDPOINT"):
        oidc_settings({"OIDC_RP_CLIENT_ID": "portal", "OIDC_RP_CLIENT_SECRET": "s"})
    base = "https://id.example.org/o"
    configured = oidc_settings(
        {
            "OIDC_RP_CLIENT_ID": "portal",
            "OIDC_RP_CLIENT_SECRET": "s",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{base}/authorize/",
            "OIDC_OP_TOKEN_ENDPOINT": f"{base}/token/",
            "OIDC_OP_USER_ENDPOINT": f"{base}/userinfo/",
            "OIDC_OP_JWKS_ENDPOINT": f"{base}/.well-known/jwks.json",
            "OIDC_MODERATORS_GROUP": "portal-moderators",
        }
    )
    assert configured["OIDC_RP_SIGN_ALGO"] == "RS256"
    assert configured["PORTAL_OIDC_GROUPS"] == {
        "Editors": "editors",
        "Moderators": "portal-moderators",
    }


def test_sso_addresses_are_not_found_while_sso_is_off(client):
    assert client.get("/oidc/authenticate/").status_code == 404
    assert "accounts-sso" not in client.get("/admin/login/").content.decode()
