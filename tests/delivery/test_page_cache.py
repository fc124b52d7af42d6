"""The page cache: what is cached, for whom, and that no change ever leaves a stale page."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Page

from content.models import FormPage, HomePage, StandardPage, ThemePage
from delivery.cache import CACHE_STATUS_HEADER, current_generation

pytestmark = pytest.mark.django_db


def url_in(page, language):
    with translation.override(language):
        return page.get_url()


def test_anonymous_page_views_are_cached_per_language(client):
    theme = ThemePage.objects.get(slug_en="ageing")
    for language in ("fr", "nl", "en"):
        url = url_in(theme, language)
        first = client.get(url)
        second = client.get(url)
        assert first[CACHE_STATUS_HEADER] == "miss"
        assert second[CACHE_STATUS_HEADER] == "hit"
        assert second.content == first.content
        assert f'<html lang="{language}">' in second.content.decode()
        assert second["Content-Type"] == first["Content-Type"]


def test_a_cached_page_keeps_its_security_headers(client):
    client.get("/en/")
    hit = client.get("/en/")
    assert hit[CACHE_STATUS_HEADER] == "hit"
    assert "script-src 'self'" in hit["Content-Security-Policy"]
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert "geolocation=()" in hit["Permissions-Policy"]


def test_head_is_answered_from_the_cache(client):
    client.get("/fr/")
    response = client.head("/fr/")
    assert response.status_code == 200
    assert response[CACHE_STATUS_HEADER] == "hit"


def test_the_cache_key_includes_the_host(client):
    client.get("/en/", HTTP_HOST="one.example")
    other_host = client.get("/en/", HTTP_HOST="two.example")
    assert other_host[CACHE_STATUS_HEADER] == "miss"


def test_signed_in_editors_never_get_or_fill_the_cache(client):
    client.get("/en/")  # an anonymous visitor fills the cache
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "x" * 16)
    client.force_login(editor)
    for _ in range(2):
        response = client.get("/en/")
        assert response.status_code == 200
        assert CACHE_STATUS_HEADER not in response


def test_query_strings_and_posts_are_not_cached(client):
    for _ in range(2):
        assert CACHE_STATUS_HEADER not in client.get("/en/?utm_source=x")
    assert CACHE_STATUS_HEADER not in client.post("/en/")


def test_the_feedback_form_with_its_csrf_token_is_never_cached(client):
    url = url_in(FormPage.objects.get(), "en")
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert CACHE_STATUS_HEADER not in response
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_not_found_pages_are_not_cached(client):
    for _ in range(2):
        response = client.get("/en/no-such-page/")
        assert response.status_code == 404
        assert CACHE_STATUS_HEADER not in response


def _publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_publishing_refreshes_the_page_and_every_page_that_shows_its_title(client):
    theme = ThemePage.objects.get(slug_en="ageing")
    theme_url, home_url = url_in(theme, "en"), "/en/"
    assert client.get(theme_url)[CACHE_STATUS_HEADER] == "miss"
    assert client.get(home_url)[CACHE_STATUS_HEADER] == "miss"
    assert client.get(home_url)[CACHE_STATUS_HEADER] == "hit"

    _publish(theme, title_en="Ageing, updated by an editor")

    for url in (theme_url, home_url):
        response = client.get(url)
        assert response[CACHE_STATUS_HEADER] == "miss"
        assert "Ageing, updated by an editor" in response.content.decode()


def test_unpublishing_removes_the_page_at_once(client):
    theme = ThemePage.objects.get(slug_en="ageing")
    url = url_in(theme, "nl")
    client.get(url)
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"
    theme.unpublish()
    assert client.get(url).status_code == 404
    assert "/nl/vergrijzing/" not in client.get("/nl/").content.decode()


def test_moving_a_page_serves_it_at_its_new_address(client):
    about = StandardPage.objects.live().filter(show_in_footer=False).first()
    target = StandardPage.objects.live().exclude(pk=about.pk).first()
    old_url = url_in(about, "en")
    client.get(old_url)
    assert client.get(old_url)[CACHE_STATUS_HEADER] == "hit"
    about.move(target, pos="last-child")
    about.refresh_from_db()
    new_url = url_in(about, "en")
    assert new_url != old_url
    moved = client.get(old_url)  # Wagtail's automatic redirect, not the cached old page
    assert moved.status_code == 301 and moved["Location"] == new_url
    assert client.get(new_url).status_code == 200


def test_deleting_a_page_removes_it_and_its_links(client):
    theme = ThemePage.objects.get(slug_en="ageing")
    url = url_in(theme, "fr")
    client.get(url)
    client.get("/fr/")
    assert client.get("/fr/")[CACHE_STATUS_HEADER] == "hit"
    Page.objects.get(pk=theme.pk).delete()
    assert client.get(url).status_code == 404
    assert url not in client.get("/fr/").content.decode()


def test_load_content_invalidates_every_page():
    before = current_generation()
    call_command("load_content", verbosity=0)
    assert current_generation() > before


def test_the_cache_fails_open_when_the_cache_server_is_down(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "unreachable": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    settings.PORTAL_PAGE_CACHE_ALIAS = "unreachable"
    response = client.get("/en/")
    assert response.status_code == 200
    assert CACHE_STATUS_HEADER not in response


class PurgeRecorder(BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.received.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    PurgeRecorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_cdn_purge_covers_the_page_in_every_language(settings, purge_server):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{purge_server.server_port}",
        }
    }
    theme = ThemePage.objects.get(slug_en="ageing")
    _publish(theme, title_nl="Vergrijzing (bijgewerkt)")
    paths = {path for _host, path in PurgeRecorder.received}
    assert {"/fr/vieillissement/", "/nl/vergrijzing/", "/en/ageing/"} <= paths
    home = HomePage.objects.get()
    assert {url_in(home, code) for code in ("fr", "nl", "en")} <= paths


def test_the_page_cache_can_be_invalidated_by_hand(client):
    from io import StringIO

    client.get("/nl/")
    assert client.get("/nl/")[CACHE_STATUS_HEADER] == "hit"
    output = StringIO()
    call_command("invalidate_page_cache", stdout=output)
    assert "Page cache invalidated" in output.getvalue()
    assert client.get("/nl/")[CACHE_STATUS_HEADER] == "miss"


def test_a_visitor_with_a_session_or_other_cookie_bypasses_the_cache(client):
    client.get("/en/")
    client.cookies["csrftoken"] = "x" * 32  # set by the feedback form: still anonymous
    assert client.get("/en/")[CACHE_STATUS_HEADER] == "hit"
    client.cookies["messages"] = "anything"
    assert CACHE_STATUS_HEADER not in client.get("/en/")
