"""Single sign-on against a real OpenID Connect provider (django-oauth-toolkit, started on
loopback in a subprocess): the provider's groups decide the editorial groups, and the provider,
not the portal, asks for the second factor."""

import secrets
import socket
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model

from accounts.conf import oidc_settings
from tests.editor_helpers import restore_editorial_set_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def provider(live_site, tmp_path):
    """The provider, with the portal as its client and three people of the organisation."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    port, secret = free_port(), secrets.token_urlsafe(24)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.accounts.oidc_provider.serve",
            str(port),
            f"{live_site.url}/oidc/callback/",
            "portal",
            secret,
            "sophie:provider pass 1:sophie@example.org:editors",
            "pieter:provider pass 2:pieter@example.org:moderators,staff",
            "guest:provider pass 3:guest@example.org:staff",
        ],
        cwd=django_settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "PROVIDER_DB": str(tmp_path / "provider.sqlite3"),
            "PROVIDER_RSA_KEY": pem,
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
        yield f"http://127.0.0.1:{port}", secret
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def sso_site(live_site, provider, settings):
    """The portal configured for the provider the way production is: from the environment."""
    base, secret = provider
    environment = {
        "OIDC_RP_CLIENT_ID": "portal",
        "OIDC_RP_CLIENT_SECRET": secret,
        "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{base}/o/authorize/",
        "OIDC_OP_TOKEN_ENDPOINT": f"{base}/o/token/",
        "OIDC_OP_USER_ENDPOINT": f"{base}/o/userinfo/",
        "OIDC_OP_JWKS_ENDPOINT": f"{base}/o/.well-known/jwks.json",
        "OIDC_PROVIDER_NAME": "Test ID",
    }
    for name, value in oidc_settings(environment).items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "accounts.sso.PortalOIDCBackend",
    ]
    restore_editorial_set_up()
    return live_site.url


def provider_form(page, username, password):
    page.wait_for_url("http://127.0.0.1:*/login/**")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("button[type=submit]").click()


def test_an_editor_signs_in_through_the_provider_in_dutch(sso_site, browser):
    context = browser.new_context(locale="nl-BE")
    page = context.new_page()
    page.goto(f"{sso_site}/admin/login/")
    button = page.get_by_role("link", name="Aanmelden met Test ID")
    button.click()
    provider_form(page, "sophie", "provider pass 1")
    page.wait_for_url(f"{sso_site}/admin/")
    assert "/2fa/" not in page.url  # the provider asked for the second factor, not us
    assert page.locator("#wagtail-sidebar").count() == 1

    sophie = get_user_model().objects.get(username="sophie")
    assert sophie.email == "sophie@example.org"
    assert not sophie.has_usable_password()
    assert list(sophie.groups.values_list("name", flat=True)) == ["Editors"]
    page.goto(f"{sso_site}/admin/pages/")
    assert page.url.endswith("/admin/pages/")
    context.close()


def test_the_providers_groups_decide_and_people_outside_them_are_refused(sso_site, browser):
    context = browser.new_context(locale="fr-BE")
    page = context.new_page()
    page.goto(f"{sso_site}/admin/login/")
    page.get_by_role("link", name="Se connecter avec Test ID").click()
    provider_form(page, "pieter", "provider pass 2")
    page.wait_for_url(f"{sso_site}/admin/")
    pieter = get_user_model().objects.get(username="pieter")
    assert list(pieter.groups.values_list("name", flat=True)) == ["Moderators"]
    context.close()

    context = browser.new_context(locale="fr-BE")
    page = context.new_page()
    page.goto(f"{sso_site}/admin/login/")
    page.get_by_role("link", name="Se connecter avec Test ID").click()
    provider_form(page, "guest", "provider pass 3")
    page.wait_for_url(f"{sso_site}/admin/login/")
    assert not get_user_model().objects.filter(username="guest").exists()
    context.close()


def test_single_sign_on_never_takes_over_an_account_with_its_own_password(sso_site, browser):
    from tests.editor_helpers import make_user

    local = make_user("sophie", "Editors")  # same name and e-mail, a password of her own
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{sso_site}/admin/login/")
    page.get_by_role("link", name="Sign in with Test ID").click()
    provider_form(page, "sophie", "provider pass 1")
    page.wait_for_url(f"{sso_site}/admin/login/")
    page.goto(f"{sso_site}/admin/")
    assert "/admin/login/" in page.url
    assert get_user_model().objects.filter(email="sophie@example.org").get() == local
    context.close()
