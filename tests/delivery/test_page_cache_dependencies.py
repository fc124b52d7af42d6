"""Invalidation by dependency: a change drops the cached pages that show something of it, and
only those (delivery.dependencies, delivery.invalidation). Two app servers sharing Redis:
tests/test_scaleout_dependencies.py."""

import threading
from http.server import ThreadingHTTPServer

import pytest
from django.utils import translation
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from content.models import DataSeries, StandardPage, ThemePage, TimelineEvent, TimelinePage
from delivery.cache import CACHE_STATUS_HEADER
from tests.delivery.test_page_cache import PurgeRecorder

pytestmark = pytest.mark.django_db

LANGUAGES = ("fr", "nl", "en")


def url_in(page, language):
    with translation.override(language):
        return page.get_url()


def theme(section):
    return ThemePage.objects.get(section=section)


def cache_all(client, pages):
    """Render each page in every language into the cache; {url: page} for later checks."""
    urls = {}
    for page in pages:
        for language in LANGUAGES:
            url = url_in(page, language)
            client.get(url)
            assert client.get(url)[CACHE_STATUS_HEADER] == "hit", url
            urls[url] = page
    return urls


def dropped(client, urls):
    """The urls rendered again (miss) rather than served from the cache (hit)."""
    statuses = {url: client.get(url)[CACHE_STATUS_HEADER] for url in urls}
    assert set(statuses.values()) <= {"hit", "miss"}, statuses
    return {url for url, status in statuses.items() if status == "miss"}


@pytest.fixture
def pages():
    home = Page.objects.get(depth=2).specific
    return {
        "home": home,
        "ageing": theme("ageing"),
        "equality": theme("equality"),
        "timeline": TimelinePage.objects.get(),
        "accessibility": StandardPage.objects.get(slug_en="accessibility"),
        "publication": Page.objects.get(slug_en="annual-report-2011").specific,
        "tree": Page.objects.get(slug_en="tree-of-trust").specific,
        "publications": Page.objects.get(slug_en="publications").specific,
    }


def urls_of(pages, urls, *names):
    return {url for url, page in urls.items() if any(page.pk == pages[n].pk for n in names)}


def test_publishing_a_page_drops_it_in_every_language_and_the_pages_that_show_it(client, pages):
    urls = cache_all(client, pages.values())
    tree = pages["tree"]
    tree.title_en = "Tree of trust, retitled"
    tree.save_revision().publish()

    gone = dropped(client, urls)
    # The page itself in every language, the list of publications and a page that cites it
    # (the timeline cites it too).
    assert urls_of(pages, urls, "tree", "publications", "equality") <= gone
    # Pages that show nothing of it stay cached.
    assert not gone & urls_of(pages, urls, "accessibility", "publication")
    equality = client.get(url_in(pages["equality"], "en")).content.decode()
    assert "Tree of trust, retitled" in equality


def test_a_section_page_is_in_every_page_menu_so_its_change_drops_every_page(client, pages):
    """The "Themes" menu of every page links every section page (issue 18)."""
    urls = cache_all(client, pages.values())
    ageing = pages["ageing"]
    ageing.title_en = "Ageing, retitled"
    ageing.save_revision().publish()
    assert dropped(client, urls) == set(urls)


def test_a_draft_drops_nothing(client, pages):
    urls = cache_all(client, pages.values())
    ageing = pages["ageing"]
    ageing.title_en = "A draft title"
    ageing.save_revision()
    assert dropped(client, urls) == set()


def test_a_new_timeline_event_drops_exactly_the_section_page_it_appears_on(client, pages):
    urls = cache_all(client, pages.values())
    TimelineEvent.objects.create(
        page=pages["timeline"],
        theme=pages["equality"],
        date="2020-01-01",
        **{f"era_{code}": "2020" for code in LANGUAGES},
        headline_fr="Un jalon",
        headline_nl="Een mijlpaal",
        headline_en="A milestone",
        **{f"text_{code}": "…" for code in LANGUAGES},
    )
    gone = dropped(client, urls)
    assert urls_of(pages, urls, "equality", "timeline") <= gone
    assert not gone & urls_of(pages, urls, "ageing", "home", "accessibility", "publication")


def test_a_new_key_figure_series_drops_its_section_page_not_the_others(client, pages):
    urls = cache_all(client, pages.values())
    series = DataSeries.objects.filter(section="solidarity").first()
    series.pk = None
    series.section = "equality"
    series.save()
    gone = dropped(client, urls)
    assert urls_of(pages, urls, "equality") <= gone
    assert not gone & urls_of(pages, urls, "ageing", "home", "timeline", "accessibility")


def test_an_image_change_drops_only_the_pages_that_use_it(client, pages):
    from wagtail.images import get_image_model

    image = get_image_model().objects.create(title="Pension office", file=get_test_image_file())
    equality = pages["equality"]
    equality.body_en = [
        *equality.body_en.raw_data,
        {
            "type": "image",
            "value": {"image": image.pk, "alt_text": "An office", "decorative": False},
        },
    ]
    equality.save_revision().publish()
    urls = cache_all(client, pages.values())

    image.title = "Pension office, renamed"
    image.save()
    gone = dropped(client, urls)
    assert url_in(equality, "en") in gone
    assert not gone & urls_of(pages, urls, "ageing", "home", "timeline", "accessibility")


def test_a_change_of_navigation_drops_every_page(client, pages):
    urls = cache_all(client, pages.values())
    in_menu = Page.objects.get(depth=3, show_in_menus=True, slug_en="history").specific
    in_menu.title_en = "History, retitled"
    in_menu.save_revision().publish()
    assert dropped(client, urls) == set(urls)


def test_putting_a_page_in_the_footer_or_taking_it_out_drops_every_page(client, pages):
    urls = cache_all(client, pages.values())
    privacy = StandardPage.objects.get(slug_en="privacy")
    privacy.show_in_footer = False
    privacy.save_revision().publish()
    assert dropped(client, urls) == set(urls)
    assert url_in(privacy, "en") not in client.get(url_in(pages["ageing"], "en")).content.decode()


@pytest.fixture
def cdn(settings):
    """A CDN's purge endpoint (a real HTTP server recording PURGE requests)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield
    server.shutdown()
    server.server_close()


def test_the_cdn_purge_follows_the_same_dependencies_in_every_language(client, pages, cdn):
    cache_all(client, pages.values())
    PurgeRecorder.received = []
    tree = pages["tree"]
    tree.title_nl = "Tree of trust (bijgewerkt)"
    tree.save_revision().publish()
    purged = {path for _host, path in PurgeRecorder.received}
    # The page and the pages rendered with it (the list, a page citing it), in every language.
    assert set(urls_of(pages, urls_of_all(pages), "tree", "publications", "equality")) <= purged
    assert not purged & urls_of(pages, urls_of_all(pages), "accessibility", "publication")


def urls_of_all(pages):
    return {url_in(page, language): page for page in pages.values() for language in LANGUAGES}
