"""Rendering costs a small number of SQL queries, the same however much content a page lists.

Speed itself is measured by scripts/benchmark.py (docs/performance.md), never timed here.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from content.models import (
    HomePage,
    PublicationIndexPage,
    PublicationPage,
    StandardPage,
    ThemePage,
    TimelineEvent,
    TimelinePage,
)
from tests.content.test_pages import PAGE_TYPES

pytestmark = pytest.mark.django_db

# The breadcrumbs plus each page's own lists; the menus and footer come from delivery.chrome's
# cache once warm, the site, the page at its address and its view restrictions from the
# process's memory (delivery.local): 2–11 on the seed, where main had 8–17. Every listing shows
# only pages anyone may see, and Wagtail's `.public()` reads the view restrictions once per
# listing: constant, whatever the number of pages.
MAX_QUERIES_PER_PAGE = 12


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


def queries_to_render(client, url):
    """SQL queries of one anonymous view of `url`, after a first view warmed Wagtail's caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def url_in(page, language="en"):
    with translation.override(language):
        return page.get_url()


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.__name__)
def test_every_page_type_renders_with_a_few_queries(client, page_type, language):
    page = page_type.objects.live().first()
    assert queries_to_render(client, url_in(page, language)) <= MAX_QUERIES_PER_PAGE


def set_timeline_events(timeline, count):
    """Replace the timeline's events with `count` events, each linking a theme and a source."""
    theme = ThemePage.objects.live().first()
    source = PublicationPage.objects.live().first()
    TimelineEvent.objects.filter(page=timeline).delete()
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            page=timeline,
            sort_order=number,
            date=datetime.date(1944 + number % 75, 1 + number % 12, 1),
            precision=TimelineEvent.MONTH,
            era_fr=f"Époque {number // 20}",
            era_nl=f"Tijdperk {number // 20}",
            era_en=f"Era {number // 20}",
            headline_fr=f"Événement {number}",
            headline_nl=f"Gebeurtenis {number}",
            headline_en=f"Event {number}",
            text_fr="Texte.",
            text_nl="Tekst.",
            text_en="Text.",
            theme=theme,
            source=source,
        )
        for number in range(count)
    )


def test_a_timeline_of_200_events_costs_the_same_queries_as_one_of_10(client):
    timeline = TimelinePage.objects.get()
    url = url_in(timeline)
    set_timeline_events(timeline, 10)
    with_10 = queries_to_render(client, url)
    set_timeline_events(timeline, 200)
    with_200 = queries_to_render(client, url)
    assert client.get(url).content.decode().count('class="timeline-event"') == 200
    assert with_200 == with_10


def add_publications(index, count, start):
    for number in range(start, start + count):
        index.add_child(
            instance=PublicationPage(
                title_fr=f"Publication {number}",
                title_nl=f"Publicatie {number}",
                title_en=f"Publication {number}",
                slug_fr=f"publication-{number}",
                slug_nl=f"publicatie-{number}",
                slug_en=f"publication-{number}",
                intro_fr="Résumé.",
                intro_nl="Samenvatting.",
                intro_en="Summary.",
                publisher_fr="SPF Sécurité sociale",
                publisher_nl="FOD Sociale Zekerheid",
                publisher_en="FPS Social Security",
                publication_year=2000 + number % 25,
                publication_language_fr="français",
                publication_language_nl="Frans",
                publication_language_en="French",
            )
        )


def test_the_publication_list_costs_the_same_queries_for_8_or_80_publications(client):
    index = PublicationIndexPage.objects.get()
    for publication in PublicationPage.objects.child_of(index):
        publication.delete()
    index.refresh_from_db()
    url = url_in(index)
    add_publications(index, 8, start=0)
    with_8 = queries_to_render(client, url)
    add_publications(index, 72, start=8)
    with_80 = queries_to_render(client, url)
    assert client.get(url).content.decode().count('class="card"') == 80
    assert with_80 == with_8


def add_listed_pages(home, count, start):
    """Pages the home page lists (a theme page per magazine section at most, so plain pages)."""
    for number in range(start, start + count):
        home.add_child(
            instance=StandardPage(
                title_fr=f"Thème {number}",
                title_nl=f"Thema {number}",
                title_en=f"Theme {number}",
                slug_fr=f"theme-{number}",
                slug_nl=f"thema-{number}",
                slug_en=f"theme-{number}",
                intro_fr="Intro.",
                intro_nl="Intro.",
                intro_en="Intro.",
                show_in_menus=True,
            )
        )


def test_the_home_page_costs_the_same_queries_for_8_or_80_pages_it_lists(client):
    home = HomePage.objects.get()
    add_listed_pages(home, 8, start=0)
    with_8 = queries_to_render(client, "/en/")
    add_listed_pages(home, 72, start=8)
    with_80 = queries_to_render(client, "/en/")
    assert client.get("/en/").content.decode().count("Theme 79") >= 1
    assert with_80 == with_8


def test_without_the_shared_cache_sitemap_xml_costs_the_same_queries_for_more_pages(
    client, settings
):
    """sitemap.xml names every page in every language in turn. Without Redis the process keeps
    nothing between requests (no counters to check it against), so each change of language
    read the sites' root paths again: 324 queries and 0.9 s on the seed. Once per language and
    request now, whatever the number of pages."""
    from scripts.prodserver import free_port

    settings.CACHES = {
        **settings.CACHES,
        "default": {  # a Redis nobody answers at
            "BACKEND": "delivery.cache.PortalRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"CACHE_RETRY_SECONDS": 600, "COUNTER_WATCH_SECONDS": 0},
        },
    }
    home = HomePage.objects.get()
    add_listed_pages(home, 2, start=0)
    with_2 = queries_to_render(client, "/sitemap.xml")
    add_listed_pages(home, 20, start=2)
    with_22 = queries_to_render(client, "/sitemap.xml")
    xml = client.get("/sitemap.xml").content.decode()
    assert all(f"/{path}</loc>" in xml for path in ("fr/theme-21/", "nl/thema-21/", "en/theme-21/"))
    assert with_22 == with_2 <= 8


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.__name__)
def test_pages_load_nothing_from_another_origin_and_no_blocking_script(client, page_type):
    from urllib.parse import urlsplit

    from scripts.benchmark import Resources

    page = page_type.objects.live().first()
    response = client.get(url_in(page))
    parser = Resources()
    parser.feed(response.content.decode())
    assert any(href.startswith("/static/") for kind, href in parser.found if kind == "blocking")
    for kind, href in parser.found:
        assert not urlsplit(href).netloc, f"{kind} resource from another origin: {href}"
        assert not href.startswith("//"), href
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert set(scripts) <= {'<script type="application/ld+json">'}  # data, never code
