"""Restricted and unpublished pages are never listed: menus, footer, home page cards,
publication lists, "cited by", site maps, search results and the API.

Each kind of view restriction Wagtail has (password, signed-in users, groups) and unpublishing
is put on four pages of the seed content; every listing is read before (the pages are there,
so the checks can fail) and after (they are gone).
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import translation
from wagtail.models import PageViewRestriction

from content.models import HomePage, StandardPage, ThemePage, TimelinePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets():
    """Four pages, each shown in some listing: a theme (home cards, search, site maps, API,
    "cited by"), the timeline (main menu, home sections, its events in the API), the
    accessibility statement (footer) and a publication the theme cites (publication list,
    sources)."""
    ageing = ThemePage.objects.get(slug_en="ageing")
    publication = ageing.source_citations.first().publication.specific
    return {
        "theme": ageing,
        "menu": TimelinePage.objects.get(),
        "footer": StandardPage.objects.filter(show_in_footer=True).first(),
        "publication": publication,
    }


def english_url(page):
    with translation.override("en"):
        return page.get_url()


def part(html, pattern):
    match = re.search(pattern, html, re.S)
    assert match, pattern
    return match.group(0)


def hrefs(html):
    return set(re.findall(r'href="([^"]+)"', html))


def listings(client, targets):
    """What each listing shows: {listing: set of page ids or addresses}."""
    cache.clear()  # the page cache is on in the tests; read every page afresh
    home = HomePage.objects.get()
    publication = targets["publication"]
    home_html = client.get("/en/").content.decode()
    theme_sources = client.get("/en/equality/").content.decode()
    api_pages = client.get("/api/v2/pages/?limit=100").json()["items"]
    api_equality = client.get(
        f"/api/v2/pages/{ThemePage.objects.get(slug_en='equality').pk}/"
    ).json()
    return {
        "themes": {page.pk for page in home.themes()},
        "sections": {page.pk for page in home.sections()},
        "publications": {page.pk for page in publication.get_parent().specific.publications()},
        "citing_pages": {page.pk for page in publication.citing_pages()},
        "main_menu": hrefs(part(home_html, r'<nav class="main-nav".*?</nav>')),
        "footer": hrefs(part(home_html, r'<footer class="site-footer".*?</footer>')),
        "home_cards": hrefs(part(home_html, r"<main.*?</main>")),
        "sources": hrefs(part(theme_sources, r'<section class="sources".*?</section>')),
        "html_site_map": hrefs(
            part(client.get("/en/sitemap/").content.decode(), r"<main.*?</main>")
        ),
        "sitemap_xml": set(re.findall(r"<loc>https?://[^/]+([^<]+)</loc>", sitemap_xml(client))),
        "search": hrefs(
            part(client.get("/en/search/?q=pension").content.decode(), r"<main.*?</main>")
        ),
        "api_pages": {item["id"] for item in api_pages},
        "api_sources": {item["publication"]["id"] for item in api_equality["source_citations"]},
        "api_events": {client.get("/api/v2/timeline-events/").json()["meta"]["total_count"] > 0},
    }


def sitemap_xml(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return response.content.decode()


def expected(targets):
    """Where each target page is expected, by id or English address."""
    theme, menu, footer, publication = (
        targets["theme"],
        targets["menu"],
        targets["footer"],
        targets["publication"],
    )
    return {
        "themes": {theme.pk},
        "sections": {menu.pk},
        "publications": {publication.pk},
        "citing_pages": {theme.pk},
        "main_menu": {english_url(menu)},
        "footer": {english_url(footer)},
        "home_cards": {english_url(theme), english_url(menu)},
        "sources": {english_url(publication)},
        "html_site_map": {english_url(page) for page in targets.values()},
        "sitemap_xml": {english_url(page) for page in targets.values()},
        "search": {english_url(theme)},
        "api_pages": {page.pk for page in targets.values()},
        "api_sources": {publication.pk},
        "api_events": {True},
    }


def restrict(kind, pages):
    for page in pages:
        if kind == "unpublished":
            page.unpublish()
        elif kind == "password":
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
            )
        elif kind == "login":
            PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.LOGIN
            )
        else:
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.add(Group.objects.get_or_create(name="Insiders")[0])


def test_without_restrictions_every_listing_shows_the_pages(client, targets):
    found = listings(client, targets)
    for listing, wanted in expected(targets).items():
        assert wanted <= found[listing], listing


@pytest.mark.parametrize("kind", ["password", "login", "groups", "unpublished"])
def test_restricted_pages_are_in_no_listing(client, targets, kind):
    wanted = expected(targets)
    # The equality theme cites the publication too: the cited-by listing must still work.
    wanted["citing_pages"] = {targets["theme"].pk}
    restrict(kind, targets.values())
    found = listings(client, targets)
    for listing, hidden in wanted.items():
        if listing == "api_events":
            assert found[listing] == {False}, "the restricted timeline's events are listed"
        else:
            assert not hidden & found[listing], listing
    # Other pages are still listed: the listings are filtered, not emptied.
    assert found["themes"] and found["api_pages"] and found["sitemap_xml"]


def test_a_signed_in_member_does_not_see_restricted_pages_in_listings_or_the_api(client, targets):
    """A login or group restriction the visitor passes still keeps the page out of shared
    listings (open data and the cached chrome are the same for everyone)."""
    insiders = Group.objects.create(name="Members")
    member = get_user_model().objects.create_user("member", "member@example.org", "pw")
    member.groups.add(insiders)
    restriction = PageViewRestriction.objects.create(
        page=targets["theme"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(insiders)
    client.force_login(member)
    assert client.get(english_url(targets["theme"])).status_code == 200  # may read it
    found = listings(client, targets)
    assert targets["theme"].pk not in found["api_pages"]
    assert targets["theme"].pk not in found["themes"]
    assert english_url(targets["theme"]) not in found["home_cards"]
    assert client.get(f"/api/v2/pages/{targets['theme'].pk}/").status_code == 404
