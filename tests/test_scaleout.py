"""Two app servers, one PostgreSQL and one Redis: an editor publishes on one, visitors of the
other see the change at once. The app keeps no state of its own.

Both instances are gunicorn with the production settings, sharing the test database and a Redis
database. The editor works in a real Chromium on instance A's admin (which also shows that the
admin's own Content-Security-Policy lets Wagtail's editor work); instance B had cached the page.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from accounts.testing import totp_device
from content.models import ThemePage
from delivery.cache import CACHE_STATUS_HEADER
from scripts.prodserver import get, production_env, production_server
from tests.conftest import REDIS_URL, load_seed_content, test_database_url
from tests.editor_helpers import sign_in as sign_in_with_code

pytestmark = pytest.mark.browser

PASSWORD = "a long passphrase for the editor 42"


@pytest.fixture
def two_instances(transactional_db, static_root, redis_prefix, tmp_path):
    load_seed_content()
    editor = get_user_model().objects.create_superuser("editor", "editor@example.org", None)
    hasher = PBKDF2PasswordHasher()  # as production hashes (the test settings use a faster one)
    editor.password = hasher.encode(PASSWORD, hasher.salt())
    editor.save(update_fields=["password"])
    totp_device(editor)
    env = production_env(
        test_database_url(),
        cache_url=REDIS_URL,
        static_root=static_root,
        CACHE_KEY_PREFIX=redis_prefix,
        SECURE_SSL_REDIRECT="false",  # the browser talks plain HTTP to loopback
    )
    with (
        production_server(env, workers=1, threads=4, log_path=tmp_path / "a.log") as a,
        production_server(env, workers=1, threads=4, log_path=tmp_path / "b.log") as b,
    ):
        # localhost, not 127.0.0.1, so Chromium keeps the admin's Secure cookies over HTTP.
        yield a.replace("127.0.0.1", "localhost"), b


def visit(base_url, path):
    status, headers, body = get(base_url + path)
    return status, headers.get(CACHE_STATUS_HEADER), body.decode()


def sign_in(browser, base_url):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.elsewhere = []  # requests the admin makes to any other origin (Gravatar, fonts…)
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(base_url) else page.elsewhere.append(request.url)
        ),
    )
    sign_in_with_code(page, base_url, "editor", PASSWORD)
    page.wait_for_url(f"{base_url}/admin/")
    return context, page


def test_what_is_published_or_unpublished_on_one_instance_is_fresh_on_the_other(
    browser, two_instances
):
    instance_a, instance_b = two_instances
    theme = ThemePage.objects.get(slug_en="ageing")
    new_title = "Ageing: published on instance A"

    # Instance B serves the pages and keeps them in the shared cache.
    for path in ("/en/ageing/", "/en/", "/fr/vieillissement/"):
        assert visit(instance_b, path)[:2] == (200, "miss")
    status, cache_status, body = visit(instance_b, "/en/ageing/")
    assert (status, cache_status) == (200, "hit") and theme.title_en in body

    # An editor publishes a new English title through instance A's admin, in Chromium.
    context, page = sign_in(browser, instance_a)
    page.goto(f"{instance_a}/admin/pages/{theme.pk}/edit/")
    page.locator("#id_title_en").evaluate(
        "(input, title) => { input.value = title; input.dispatchEvent(new Event('change')); }",
        new_title,
    )
    with page.expect_navigation():
        page.locator("button[name=action-publish]").evaluate("button => button.click()")
    theme.refresh_from_db()
    assert theme.title_en == new_title, "the admin did not publish the change"

    # Instance B shows the new title at once: on the page and in the home page's theme list.
    status, cache_status, body = visit(instance_b, "/en/ageing/")
    assert status == 200 and cache_status == "miss"
    assert f"<h1>{new_title}</h1>" in body
    assert new_title in visit(instance_b, "/en/")[2]
    status, _cache_status, body = visit(instance_b, "/nl/vergrijzing/")
    assert status == 200 and theme.title_nl in body

    # The editor unpublishes the page on instance A: instance B no longer serves it.
    visit(instance_b, "/fr/vieillissement/")
    assert visit(instance_b, "/fr/vieillissement/")[:2] == (200, "hit")
    page.goto(f"{instance_a}/admin/pages/{theme.pk}/unpublish/")
    with page.expect_navigation():
        page.locator("form [type=submit]").last.click()
    context.close()
    assert page.elsewhere == [], "the admin reached another origin"
    assert visit(instance_b, "/fr/vieillissement/")[0] == 404
    assert "/fr/vieillissement/" not in visit(instance_b, "/fr/")[2]
