"""Redis goes away in the middle of traffic: gunicorn with the production settings keeps serving
pages, search, the API and the site maps (uncached), stores feedback, logs the outage once, and
caches again when Redis is back. The test owns its redis-server (a free port) and stops it; the
machine's shared Redis is never touched."""

import threading
import time

import pytest
from wagtail.contrib.forms.models import FormSubmission

from delivery.cache import CACHE_STATUS_HEADER
from scripts.prodserver import get, production_env, production_server
from tests.conftest import load_seed_content, test_database_url
from tests.delivery.services import RedisServer, post_form
from tests.delivery.test_security import form_url, valid_feedback

ROUTES = [
    "/en/",
    "/fr/vieillissement/",
    "/nl/zoeken/?q=pensioen",
    "/en/search/?q=pension",
    "/api/v2/pages/?limit=5",
    "/api/v2/timeline-events/?limit=3",
    "/sitemap.xml",
    "/en/sitemap/",
]
OUTAGE_WARNING = "cannot be reached"


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def site(transactional_db, static_root, redis_server, tmp_path):
    load_seed_content()
    env = production_env(
        test_database_url(),
        cache_url=redis_server.url,
        static_root=static_root,
        CACHE_RETRY_SECONDS="1",
        CACHE_WARNING_SECONDS="600",
    )
    log = tmp_path / "gunicorn.log"
    with production_server(env, workers=1, threads=4, log_path=log) as base_url:
        yield base_url, log


class Traffic(threading.Thread):
    """Visitors requesting every route in turn until stopped; records (time, route, status)."""

    def __init__(self, base_url):
        super().__init__(daemon=True)
        self.base_url = base_url
        self.results = []
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            for route in ROUTES:
                try:
                    status = get(self.base_url + route, timeout=20)[0]
                except OSError as error:
                    status = repr(error)
                self.results.append((time.monotonic(), route, status))

    def wait_for_rounds(self, rounds, since, timeout=60):
        """Until `rounds` whole rounds of every route have been answered after `since`: the
        test needs them served, however slow the machine (a busy CI runner can be 4× slower)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if sum(at > since for at, _route, _status in self.results) >= rounds * len(ROUTES):
                return
            time.sleep(0.1)

    def stop(self):
        self.stopping.set()
        self.join(timeout=60)


def cache_status(base_url, path="/en/ageing/"):
    status, headers, _body = get(base_url + path)
    assert status == 200
    return headers.get(CACHE_STATUS_HEADER)


def test_without_redis_the_site_serves_uncached_and_recovers(site, redis_server):
    base_url, log = site
    assert cache_status(base_url) == "miss"
    assert cache_status(base_url) == "hit"
    ready = get(base_url + "/healthz/ready")
    assert ready[0] == 200 and b'"cache": "ok"' in ready[2]

    traffic = Traffic(base_url)
    traffic.start()
    try:
        time.sleep(1)
        redis_server.stop()
        stopped_at = time.monotonic()
        time.sleep(4)  # traffic goes on, past several retries of Redis (CACHE_RETRY_SECONDS=1)
        check_outage(base_url)
        traffic.wait_for_rounds(3, since=stopped_at)
    finally:
        traffic.stop()

    during = [(route, status) for at, route, status in traffic.results if at > stopped_at]

    check_recovery(base_url, log, redis_server, during)


def check_outage(base_url):
    # Feedback is accepted and stored while Redis is away (the rate limit fails open).
    before = FormSubmission.objects.count()
    status, body = post_form(base_url, form_url(), valid_feedback())
    assert status == 200 and "Thank you" in body
    assert FormSubmission.objects.count() == before + 1

    # Pages are rendered each time, never served from a cache that is not there.
    assert [cache_status(base_url) for _ in range(3)] == ["miss"] * 3
    ready = get(base_url + "/healthz/ready")
    assert ready[0] == 200
    assert b'"cache": "unavailable"' in ready[2] and b'"status": "degraded"' in ready[2]


def check_recovery(base_url, log, redis_server, during):
    assert {route for route, _status in during} == set(ROUTES)
    failures = [(route, status) for route, status in during if status != 200]
    assert not failures, failures

    text = log.read_text()
    # One warning for the whole outage, not one per request (dozens were served).
    assert len(during) >= 3 * len(ROUTES)
    assert text.count(OUTAGE_WARNING) == 1, text[-3000:]
    assert "Traceback" not in text

    # Redis is back: after the retry interval the cache fills and serves again.
    redis_server.start()
    deadline = time.monotonic() + 15
    statuses = []
    while time.monotonic() < deadline and statuses[-2:] != ["miss", "hit"]:
        statuses.append(cache_status(base_url))
        time.sleep(0.3)
    assert statuses[-2:] == ["miss", "hit"], statuses
    assert "answers again; caching resumed" in log.read_text()
    assert b'"cache": "ok"' in get(base_url + "/healthz/ready")[2]
