"""Security: production configuration, headers, login lockout, spam defences, no traces."""

import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.contrib.forms.models import FormSubmission

from content.models import HONEYPOT_FIELD, FormPage
from scripts.prodserver import get, production_env, production_server
from tests.conftest import test_database_url


def directives(policy):
    """{'script-src': ["'self'"], …} from a Content-Security-Policy header."""
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


# --- The production settings, in a subprocess as a server would load them ---------------------


def test_check_deploy_is_clean_with_the_production_settings():
    env = production_env("sqlite:////tmp/portal-check.db", cache_url="redis://127.0.0.1:6379/8")
    env["ALLOWED_HOSTS"] = "portal.example.org"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_turns_debug_off_and_axes_on():
    env = production_env("sqlite:////tmp/portal-check.db")
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.AXES_ENABLED, s.AUTHENTICATION_BACKENDS[0], s.STORAGES['default'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("False True axes.backends.AxesStandaloneBackend")


def test_s3_settings_store_media_through_django_storages():
    env = production_env(
        "sqlite:////tmp/portal-check.db",
        AWS_STORAGE_BUCKET_NAME="portal-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.org",
    )
    code = (
        "import django; django.setup(); from django.core.files.storage import storages; "
        "from django.conf import settings as s; "
        "print(type(storages['default']).__name__, storages['default'].bucket_name, "
        "'https://objects.example.org' in s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["S3Storage", "portal-media", "True"]


@pytest.fixture(scope="module")
def production_site(django_db_setup, static_root, tmp_path_factory):
    """gunicorn with the production settings over the test database (seed content)."""
    env = production_env(test_database_url(), static_root=static_root)
    log = tmp_path_factory.mktemp("gunicorn") / "security.log"
    with production_server(env, workers=1, threads=4, log_path=log) as base_url:
        yield base_url


@pytest.mark.django_db
def test_production_pages_carry_every_security_header(production_site):
    status, headers, body = get(production_site + "/en/")
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    policy = directives(headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    # Nothing for the policy to allow: the only script element is JSON-LD, data not code.
    assert re.findall(rb"<script[^>]*>", body) in ([], [b'<script type="application/ld+json">'])


@pytest.mark.django_db
def test_plain_http_is_sent_to_https_except_the_health_check(production_site):
    status, headers, _ = get(production_site + "/en/", headers={"X-Forwarded-Proto": "http"})
    assert status == 301 and headers["Location"].startswith("https://")
    assert get(production_site + "/healthz", headers={"X-Forwarded-Proto": "http"})[0] == 200


@pytest.mark.django_db
def test_static_files_are_hashed_compressed_and_cached_for_a_year(production_site, static_root):
    html = get(production_site + "/en/")[2].decode()
    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
    assert re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", href)
    stored = static_root / href.removeprefix("/static/")
    assert stored.with_name(stored.name + ".gz").exists()
    assert stored.with_name(stored.name + ".br").exists()
    for encoding in ("br", "gzip"):
        status, headers, _ = get(production_site + href, headers={"Accept-Encoding": encoding})
        assert status == 200
        assert headers["Content-Encoding"] == encoding
        max_age = int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1))
        assert max_age >= 365 * 24 * 3600
        assert "immutable" in headers["Cache-Control"]


@pytest.mark.django_db
def test_production_never_shows_a_debug_page(production_site):
    for path, headers in (
        ("/en/no-such-page/", {}),
        ("/nl/%ff%fe/", {}),
        ("/en/", {"Host": "attacker.example"}),
        ("/admin/../etc/passwd", {}),
    ):
        status, _headers, body = get(production_site + path, headers=headers)
        assert status != 200 and status < 500, (path, status)
        text = body.decode(errors="replace")
        for trace in ("Traceback", "DEBUG = True", "Django settings", "DisallowedHost"):
            assert trace not in text, (path, trace)


# --- In-process: the same middleware and views through Django's test client -----------------


@pytest.mark.django_db
def test_every_public_response_has_a_strict_policy_and_the_admin_its_own(client):
    for url in ("/fr/", "/en/ageing/", "/nl/no-such-page/", "/"):
        policy = directives(client.get(url)["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert "'unsafe-inline'" not in policy["style-src"], url
    admin = directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert "'unsafe-inline'" in admin["script-src"]
    assert admin["frame-ancestors"] == ["'self'"]


POLICY_OF = """
import django
django.setup()
from django.http import HttpResponse
from django.test import RequestFactory
from delivery.security import PortalCSPMiddleware
middleware = PortalCSPMiddleware(lambda request: HttpResponse("x"))
for path in ("/en/", "/admin/"):
    print(middleware(RequestFactory().get(path))["Content-Security-Policy"])
"""


def test_every_process_writes_the_policy_alike():
    """django-csp joins the directives in the order of a set, which depends on the process's
    hash seed: two app servers sent the same policy in different orders. Same text now."""
    policies = set()
    for seed in ("1", "2", "3", "4"):
        result = subprocess.run(
            [sys.executable, "-c", POLICY_OF],
            cwd=django_settings.BASE_DIR,
            env={
                "PATH": "/usr/bin:/bin",
                "PYTHONHASHSEED": seed,
                "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            },
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        policies.add(result.stdout)
    assert len(policies) == 1, policies
    public, admin = policies.pop().splitlines()
    assert "script-src 'self';" in public and "'unsafe-inline'" in admin


@pytest.mark.django_db
def test_the_500_page_is_served_even_when_its_template_fails(client, settings):
    settings.ROOT_URLCONF = "tests.urls_failing"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    settings.STATIC_ROOT = "/nonexistent-static-root"
    client.raise_request_exception = False
    response = client.get("/fr/fail/")
    assert response.status_code == 500
    content = response.content.decode()
    assert "Problème temporaire" in content and "Temporary problem" in content
    assert "Traceback" not in content and "ZeroDivisionError" not in content


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "a long passphrase 42"
    )


def login(client, password, address):
    return client.post(
        "/admin/login/",
        {"username": "editor", "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="nl",
    )


def test_admin_login_locks_out_after_repeated_failures(client, settings, admin_user):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong", "192.0.2.10").status_code == 200  # the form again
    locked = login(client, "wrong", "192.0.2.10")
    assert locked.status_code == 429
    # Even the right password is refused from that address now, with a message in Dutch.
    refused = login(client, "a long passphrase 42", "192.0.2.10")
    assert refused.status_code == 429
    assert "Te veel mislukte aanmeldpogingen" in refused.content.decode()
    assert "script-src 'self'" in refused["Content-Security-Policy"]
    # The same editor signing in from elsewhere is not locked out.
    assert login(client, "a long passphrase 42", "192.0.2.20").status_code == 302


def test_password_validators_are_on(admin_user):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("password123", "12345678901234", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak, admin_user)


# --- The feedback form's spam defences ---------------------------------------------------------


def form_url(language="en"):
    with translation.override(language):
        return FormPage.objects.get().get_url()


def valid_feedback(language="en"):
    data = {}
    with translation.override(language):
        fields = list(FormPage.objects.get().form_fields.all())
    for field in fields:
        if field.field_type in ("singleline", "multiline", "email"):
            data[field.clean_name] = (
                "someone@example.org" if field.field_type == "email" else "My words"
            )
        elif field.field_type in ("radio", "dropdown"):
            with translation.override(language):
                data[field.clean_name] = field.choices.split(",")[0].strip()
    return data


@pytest.mark.django_db
def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client):
    content = client.get(form_url()).content.decode()
    block = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', content, re.S)
    assert block, "the honeypot block is missing"
    assert f'<label for="id_{HONEYPOT_FIELD}">Leave this field empty</label>' in block.group(1)
    field = re.search(rf'<input[^>]*name="{HONEYPOT_FIELD}"[^>]*>', block.group(1)).group(0)
    assert 'tabindex="-1"' in field and 'autocomplete="off"' in field
    # Not in the error summary's list of fields, not required.
    assert content.count(f'name="{HONEYPOT_FIELD}"') == 1


@pytest.mark.django_db
def test_a_filled_honeypot_looks_sent_but_is_not_stored(client):
    response = client.post(form_url(), {**valid_feedback(), HONEYPOT_FIELD: "http://spam.example"})
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert FormSubmission.objects.count() == 0
    client.post(form_url(), valid_feedback())
    stored = FormSubmission.objects.get()
    assert HONEYPOT_FIELD not in stored.form_data


@pytest.mark.django_db
def test_the_feedback_form_is_rate_limited_per_address_keeping_what_was_typed(client, settings):
    limit, _window = settings.FEEDBACK_RATE_LIMIT
    url = form_url("nl")
    data = valid_feedback("nl")
    for _ in range(limit):
        assert client.post(url, data, REMOTE_ADDR="198.51.100.7").status_code == 200
    refused = client.post(url, data, REMOTE_ADDR="198.51.100.7")
    content = refused.content.decode()
    assert refused.status_code == 429
    assert "U hebt op korte tijd verschillende berichten verstuurd" in content
    assert 'class="error-summary"' in content
    assert "My words" in content  # what was typed is kept
    assert FormSubmission.objects.count() == limit
    # Another visitor is not affected.
    assert client.post(url, data, REMOTE_ADDR="198.51.100.8").status_code == 200


@pytest.mark.django_db
def test_behind_a_proxy_the_limit_counts_the_real_client_not_a_forged_header(client, settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    limit, _window = settings.FEEDBACK_RATE_LIMIT
    url, data = form_url(), valid_feedback()
    for attempt in range(limit):
        # A client forging X-Forwarded-For with a new address each time stays one client.
        response = client.post(
            url,
            data,
            REMOTE_ADDR="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}, 192.0.2.55",
        )
        assert response.status_code == 200
    refused = client.post(
        url, data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.99, 192.0.2.55"
    )
    assert refused.status_code == 429
    other = client.post(url, data, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.56")
    assert other.status_code == 200
