"""A page's head and body are kept per page, language and address (delivery.fragments): a page
rendered again (its cached copy dropped, or a query string that bypasses the page cache) reuses
them while nothing they show changed, and a change drops exactly the parts that showed it."""

import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from content.models import HomePage, StandardPage, ThemePage
from delivery import fragments
from delivery.cache import CACHE_STATUS_HEADER

pytestmark = pytest.mark.django_db


def url_in(page, language="en"):
    with translation.override(language):
        return page.get_url()


def render(client, url):
    """The page rendered, never served from the page cache (a query string bypasses it)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url + "?render=1")
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def body_is_kept(page, language="en"):
    """Whether the body of `page` in `language`, at its address, is in the cache and valid."""
    request = RequestFactory().get(url_in(page, language))
    request._portal_page_id = page.pk
    with translation.override(language):
        key = fragments._key(request, page, "body")
    return fragments._read(request, key)[0] is not None


def main(html):
    return re.search(r"<main.*?</main>", html, re.S).group(0)


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_page_rendered_again_reuses_its_head_and_body(client, language):
    ageing = ThemePage.objects.get(section="ageing")
    url = url_in(ageing, language)
    cold, cold_queries = render(client, url)
    warm, warm_queries = render(client, url)
    assert warm == cold
    assert warm_queries < cold_queries
    assert body_is_kept(ageing, language)


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_change_to_the_page_drops_its_body_in_every_language(client, language):
    ageing = ThemePage.objects.get(section="ageing")
    url = url_in(ageing, language)
    render(client, url)
    setattr(ageing, f"title_{language}", "Vieillissement, vergrijzing, ageing")
    ageing.save_revision().publish()
    assert not body_is_kept(ageing, language)
    html, _queries = render(client, url)
    assert "Vieillissement, vergrijzing, ageing" in main(html)


def test_a_page_in_the_menus_changed_keeps_the_bodies_that_do_not_show_it(client):
    # Every page's section menu shows the theme pages: a retitled theme page drops every cached
    # page, but the bodies that do not show it stay.
    equality = ThemePage.objects.get(section="equality")
    accessibility = StandardPage.objects.get(slug_en="accessibility")
    url = url_in(accessibility)
    render(client, url)
    client.get(url)
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"
    equality.title_en = "Equality between women and men"
    equality.save_revision().publish()
    assert body_is_kept(accessibility)
    assert client.get(url)[CACHE_STATUS_HEADER] == "miss"


def test_a_listed_page_changed_drops_the_body_that_lists_it(client):
    home = HomePage.objects.get(depth=2)
    ageing = ThemePage.objects.get(section="ageing")
    accessibility = StandardPage.objects.get(slug_en="accessibility")
    for page in (home, accessibility):
        render(client, url_in(page))
    ageing.title_en = "Ageing and pensions"
    ageing.save_revision().publish()
    assert not body_is_kept(home)
    assert body_is_kept(accessibility)
    assert "Ageing and pensions" in main(render(client, url_in(home))[0])


def test_a_form_is_never_kept(client):
    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', render(client, "/en/feedback/")[0])
        for _ in range(2)
    ]
    assert tokens[0] and tokens[1] and tokens[0].group(1) != tokens[1].group(1)


def test_a_signed_in_editor_never_gets_a_kept_body(client, admin_user):
    ageing = ThemePage.objects.get(section="ageing")
    render(client, url_in(ageing))
    ThemePage.objects.filter(pk=ageing.pk).update(title_en="Changed without a signal")
    client.force_login(admin_user)
    assert "Changed without a signal" in main(render(client, url_in(ageing))[0])
