"""The menus and footer are kept per site and language (delivery.chrome), with the page cache off
too: a warm chrome costs no query, and every change it shows reaches every page at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from content.models import StandardPage, ThemePage
from delivery.cache import CACHE_STATUS_HEADER

pytestmark = pytest.mark.django_db


def url_in(page, language="en"):
    with translation.override(language):
        return page.get_url()


def menus(client, url):
    html = client.get(url).content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    footer = re.search(r'<footer class="site-footer".*?</footer>', html, re.S).group(0)
    return nav, footer


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured]


@pytest.fixture
def no_page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


def test_a_warm_chrome_reads_no_menu_page(client, no_page_cache):
    accessibility = StandardPage.objects.get(slug_en="accessibility")
    client.get("/en/")  # another page builds the chrome
    sql = queries(client, url_in(accessibility))
    # The menu reads the site root's children shown in menus; the section menu the theme pages.
    assert not [query for query in sql if re.search(r'WHERE .*"show_in_menus"', query)]
    assert not [query for query in sql if re.search(r'FROM "content_themepage"', query)]
    assert not [query for query in sql if re.search(r'WHERE .*"show_in_footer"', query)]
    assert "<summary>" in menus(client, url_in(accessibility))[0]


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_a_theme_page_published_under_home_appears_in_every_page_menu(
    client, no_page_cache, language
):
    accessibility = StandardPage.objects.get(slug_en="accessibility")
    url = url_in(accessibility, language)
    nav, _ = menus(client, url)
    ageing = ThemePage.objects.get(section="ageing")
    ageing_url = url_in(ageing, language)
    assert ageing_url in nav
    ageing.unpublish()
    assert ageing_url not in menus(client, url)[0]
    ageing.save_revision().publish()
    assert ageing_url in menus(client, url)[0]


def test_a_footer_page_retitled_is_shown_on_every_page(client, no_page_cache):
    accessibility = StandardPage.objects.get(slug_en="accessibility")
    _, footer = menus(client, "/en/")
    assert accessibility.title_en in footer
    accessibility.title_en = "Accessibility of this portal"
    accessibility.save_revision().publish()
    for url in ("/en/", url_in(ThemePage.objects.get(section="equality"))):
        assert "Accessibility of this portal" in menus(client, url)[1]


def test_a_page_served_with_a_warm_chrome_still_depends_on_the_pages_of_its_menus(client):
    # Build the chrome on the home page, then cache a page whose menus come from it.
    client.get("/en/")
    accessibility = StandardPage.objects.get(slug_en="accessibility")
    url = url_in(accessibility)
    client.get(url)
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"
    ageing = ThemePage.objects.get(section="ageing")
    ageing.unpublish()  # leaves the section menu
    response = client.get(url)
    assert response[CACHE_STATUS_HEADER] == "miss"
    assert url_in(ageing) not in menus(client, url)[0]
