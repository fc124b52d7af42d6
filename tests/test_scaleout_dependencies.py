"""Two app servers sharing Redis: a change drops, on both, only the cached pages that show
something of it; and an invalidated page asked for by 20 visitors at once is rendered once.

Both instances are gunicorn with the production settings; the test process makes each change
through the ORM with its own cache pointed at the same Redis keys, as a third app server would.
"""

import threading

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Page

from content.models import StandardPage, ThemePage, TimelineEvent, TimelinePage
from delivery.cache import CACHE_STATUS_HEADER
from scripts.prodserver import get, production_env, production_server
from tests.conftest import REDIS_URL, load_seed_content, test_database_url

pytestmark = pytest.mark.browser

LANGUAGES = ("fr", "nl", "en")


@pytest.fixture
def two_instances(transactional_db, static_root, redis_prefix, tmp_path, settings):
    load_seed_content()
    settings.CACHES = {
        "default": {
            "BACKEND": "delivery.cache.PortalRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": redis_prefix,
        }
    }
    env = production_env(
        test_database_url(),
        cache_url=REDIS_URL,
        static_root=static_root,
        CACHE_KEY_PREFIX=redis_prefix,
        SECURE_SSL_REDIRECT="false",
    )
    with (
        production_server(env, workers=1, threads=4, log_path=tmp_path / "a.log") as a,
        production_server(env, workers=1, threads=4, log_path=tmp_path / "b.log") as b,
    ):
        yield a, b


# Both instances answer for one site name, as behind a load balancer: they share its entries.
SITE = {"Host": "localhost"}


def status(base_url, path):
    code, headers, _body = get(base_url + path, headers=SITE)
    assert code == 200, path
    return headers.get(CACHE_STATUS_HEADER)


def urls(page):
    found = []
    for code in LANGUAGES:
        with translation.override(code):
            found.append(page.get_url())
    return found


def test_each_change_drops_only_what_shows_it_on_both_instances(two_instances):
    instance_a, instance_b = two_instances
    home = Page.objects.get(depth=2)
    ageing, equality = (
        ThemePage.objects.get(section="ageing"),
        ThemePage.objects.get(section="equality"),
    )
    timeline = TimelinePage.objects.get()
    accessibility = StandardPage.objects.get(slug_en="accessibility")
    tree = Page.objects.get(slug_en="tree-of-trust").specific
    pages = {
        "home": home,
        "ageing": ageing,
        "equality": equality,
        "timeline": timeline,
        "accessibility": accessibility,
        "tree": tree,
    }

    def cache_everything_on_a():
        for page in pages.values():
            for path in urls(page):
                status(instance_a, path)
                assert status(instance_a, path) == "hit"

    def still_cached_on_b():
        """The pages instance B serves from the cache (each seen once per language)."""
        kept = set()
        for name, page in pages.items():
            statuses = {status(instance_b, path) for path in urls(page)}
            assert statuses in ({"hit"}, {"miss"}), (name, statuses)
            if statuses == {"hit"}:
                kept.add(name)
        return kept

    # A publication published on another server: itself in every language and the pages that
    # cite it (the equality and ageing pages, the timeline) are dropped; the others stay cached.
    cache_everything_on_a()
    tree.title_en = "Tree of trust, published elsewhere"
    tree.save_revision().publish()
    kept = still_cached_on_b()
    assert "accessibility" in kept
    assert not kept & {"tree", "equality", "ageing", "timeline"}
    equality_en = get(instance_b + urls(equality)[2], headers=SITE)[2].decode()
    assert "Tree of trust, published elsewhere" in equality_en

    # A section page is in every page's Themes menu: its change drops every page.
    cache_everything_on_a()
    ageing.title_en = "Ageing, published elsewhere"
    ageing.save_revision().publish()
    assert still_cached_on_b() == set()

    # A new milestone for the equality section: the equality page and the timeline only.
    cache_everything_on_a()
    TimelineEvent.objects.create(
        page=timeline,
        theme=equality,
        date="2021-06-01",
        **{f"era_{code}": "2021" for code in LANGUAGES},
        **{f"headline_{code}": f"Milestone {code}" for code in LANGUAGES},
        **{f"text_{code}": "…" for code in LANGUAGES},
    )
    assert still_cached_on_b() == {"home", "ageing", "accessibility", "tree"}

    # A page of the main menu: navigation, on every page, so everything is dropped.
    cache_everything_on_a()
    timeline.title_en = "History, renamed"
    timeline.save_revision().publish()
    assert still_cached_on_b() == set()

    # A draft: nothing.
    cache_everything_on_a()
    ageing.title_en = "A draft only"
    ageing.save_revision()
    assert still_cached_on_b() == set(pages)

    # load_content: everything.
    call_command("load_content", verbosity=0)
    assert still_cached_on_b() == set()


def test_an_invalidated_page_asked_for_20_times_at_once_is_rendered_once(two_instances):
    instance_a, instance_b = two_instances
    ageing = ThemePage.objects.get(section="ageing")
    path = urls(ageing)[2]
    status(instance_a, path)
    assert status(instance_b, path) == "hit"

    ageing.title_en = "Ageing, again"
    ageing.save_revision().publish()

    start = threading.Barrier(20)
    statuses, lock = [], threading.Lock()

    def visit(base_url):
        start.wait()
        code, headers, _body = get(base_url + path, headers=SITE, timeout=30)
        with lock:
            statuses.append((code, headers.get(CACHE_STATUS_HEADER)))

    visitors = [
        threading.Thread(target=visit, args=(instance_a if i % 2 else instance_b,))
        for i in range(20)
    ]
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join()

    assert [code for code, _ in statuses] == [200] * 20
    renders = [cache for _code, cache in statuses if cache not in ("hit", "stale")]
    assert renders == ["miss"], statuses
    # The stale copy was served while it rendered; afterwards every instance has the new page.
    assert {cache for _code, cache in statuses} <= {"miss", "stale", "hit"}
    for base_url in (instance_a, instance_b):
        code, headers, body = get(base_url + path, headers=SITE)
        assert headers.get(CACHE_STATUS_HEADER) == "hit" and b"Ageing, again" in body


def test_a_route_kept_by_each_instance_follows_a_change_made_elsewhere(two_instances):
    # Each instance keeps the page found at an address (delivery.local); a query string bypasses
    # the page cache, so these views are rendered, with the kept route, every time.
    ageing = ThemePage.objects.get(section="ageing")
    accessibility = StandardPage.objects.get(slug_en="accessibility")
    before, standard = urls(ageing)[2], urls(accessibility)[2]
    for base_url in two_instances:
        for path in (before, standard):
            for _ in range(3):
                assert get(base_url + path + "?render=1", headers=SITE)[0] == 200

    # With French active, as for a French editor, Wagtail makes no redirect from the old English
    # address (its redirects follow the slug of the active language), so the old one is a 404.
    with translation.override("fr"):
        ageing.slug_en = "ageing-moved-elsewhere"
        ageing.save_revision().publish()
        accessibility.unpublish()
    for base_url in two_instances:
        assert get(base_url + before + "?render=1", headers=SITE)[0] == 404
        code, _headers, body = get(base_url + "/en/ageing-moved-elsewhere/?render=1", headers=SITE)
        assert code == 200 and b"ageing-moved-elsewhere" in body
        assert get(base_url + standard + "?render=1", headers=SITE)[0] == 404
