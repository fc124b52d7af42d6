"""A process keeps the site, the page at each address and the sites' root paths between requests
(delivery.local), under the page cache's counters: a page rendered again asks the database
nothing, and every change in the admin still shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from content.models import HomePage, KeyFiguresPage, ThemePage
from delivery.cache import CACHE_STATUS_HEADER

pytestmark = pytest.mark.django_db


def url_in(page, language="en"):
    with translation.override(language):
        return page.get_url()


def render(client, url):
    """The page rendered, never served from the page cache (a query string bypasses it)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url + "?render=1")
    return response, len(captured)


def ageing():
    return ThemePage.objects.get(section="ageing")


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize(
    "page_type", [HomePage, ThemePage, KeyFiguresPage], ids=lambda t: t.__name__
)
def test_a_page_rendered_again_asks_the_database_nothing(client, page_type, language):
    url = url_in(page_type.objects.live().first(), language)
    first, _queries = render(client, url)
    again, queries = render(client, url)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert queries == 0


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_published_slug_change_moves_the_page_at_once(client, language):
    page = ageing()
    before = url_in(page, language)
    render(client, before)
    setattr(page, f"slug_{language}", f"ageing-{language}-moved")
    page.save_revision().publish()
    assert render(client, before)[0].status_code == 404
    response, _queries = render(client, url_in(ageing(), language))
    assert response.status_code == 200
    assert f"ageing-{language}-moved" in url_in(ageing(), language)


def test_an_unpublished_page_is_gone_at_once(client):
    url = url_in(ageing())
    render(client, url)
    ageing().unpublish()
    assert render(client, url)[0].status_code == 404


def test_a_view_restriction_applies_at_once_and_its_removal_too(client):
    url = url_in(ageing())
    render(client, url)
    render(client, url)
    restriction = PageViewRestriction.objects.create(
        page=ageing(), restriction_type=PageViewRestriction.LOGIN
    )
    response, _queries = render(client, url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    restriction.delete()
    assert render(client, url)[0].status_code == 200


def test_a_retitled_page_shows_its_new_title_at_once(client):
    url = url_in(ageing())
    render(client, url)
    page = ageing()
    page.title_en = "Ageing, retitled"
    page.save_revision().publish()
    response, _queries = render(client, url)
    assert "Ageing, retitled" in response.content.decode()


def test_each_request_gets_its_own_copy_of_the_page(client):
    url = url_in(ageing())
    first, _queries = render(client, url)
    second, _queries = render(client, url)
    third, queries = render(client, url)
    assert queries == 0
    pages = [response.context["page"] for response in (first, second, third)]
    assert len({id(page) for page in pages}) == 3
    assert pages[1].body is not pages[2].body


def test_a_changed_site_changes_the_root_paths_at_once():
    page = Page.objects.get(pk=ageing().pk)
    assert [path.root_url for path in page._get_site_root_paths()] == ["http://localhost"]
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "socialsecurity.example", 443
    site.save()
    page = Page.objects.get(pk=page.pk)
    assert [path.root_url for path in page._get_site_root_paths()] == [
        "https://socialsecurity.example"
    ]


def test_an_editor_with_a_session_is_routed_as_before(client, django_user_model):
    url = url_in(ageing())
    render(client, url)
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "x" * 12)
    client.force_login(editor)
    response, queries = render(client, url)
    assert response.status_code == 200
    assert queries > 0


def test_a_page_made_private_leaves_the_page_cache_at_once(client):
    # A view restriction decides whether a page is shown and listed: it drops every page.
    url = url_in(ageing())
    client.get(url)
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"
    PageViewRestriction.objects.create(page=ageing(), restriction_type=PageViewRestriction.LOGIN)
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize("path", ["/fr/recherche/?q=pension", "/nl/zoeken/?q=pensoen"])
def test_a_search_asked_again_asks_the_database_nothing(client, path):
    first = client.get(path)
    with CaptureQueriesContext(connection) as captured:
        again = client.get(path)
    assert first.status_code == again.status_code == 200
    # (a search is counted in the search statistics, an UPDATE; nothing is read)
    reads = [query["sql"] for query in captured if query["sql"].startswith("SELECT")]
    assert reads == []


def test_search_follows_a_changed_site_at_once(client):
    client.get("/en/search/?q=pension")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed portal"
    site.save()
    with CaptureQueriesContext(connection) as captured:
        client.get("/en/search/?q=pension")
    assert any("wagtailcore_site" in query["sql"] for query in captured)


def test_the_health_check_reads_neither_the_database_nor_the_shared_cache(client):
    from django.core.cache import cache

    client.get("/healthz")
    calls = []
    get_many = cache.get_many
    cache.get_many = lambda *args, **kwargs: calls.append(args) or get_many(*args, **kwargs)
    try:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/healthz")
    finally:
        del cache.get_many
    assert response.status_code == 200
    assert len(captured) == 0
    assert calls == []
