"""The page cache's counters watched by Redis (delivery.watch): known while Redis has not said
they changed, forgotten at once when another client writes one or flushes the database, and
never trusted while the watch's connection is gone. A real redis-server the test starts and
stops; a second, plain client plays the other app server."""

import time

import pytest
import redis

from delivery.cache import GENERATION_KEY, SEQUENCE_KEY, _read, _thaw, _watch, local_pages
from tests.delivery.services import RedisServer
from tests.delivery.test_fail_open_cache import make_cache


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


def other_server(url, cache):
    """What another app server does: write the counters with its own connection."""
    client = redis.Redis.from_url(url)
    key = cache.make_and_validate_key(SEQUENCE_KEY)

    def bump():
        client.incr(key)

    return client, bump


def watched(cache):
    """The counters as a request would find them: read from Redis, then learnt by the watch."""
    cache.add(GENERATION_KEY, 1, timeout=None)
    cache.add(SEQUENCE_KEY, 100, timeout=None)
    watch = _watch(cache)
    known, token = watch.begin()
    if known is None:
        found = cache.get_many([GENERATION_KEY, SEQUENCE_KEY])
        watch.learn(token, found[GENERATION_KEY], found[SEQUENCE_KEY])
        known, token = watch.begin()
    return watch, known


def test_the_counters_are_known_until_another_server_changes_one(redis_server):
    cache = make_cache(redis_server.url)
    watch, known = watched(cache)
    assert known == (1, 100)
    assert watch.begin()[0] == (1, 100)  # still: nothing changed
    client, bump = other_server(redis_server.url, cache)
    bump()
    assert watch.begin()[0] is None  # the message was waiting: no stale counters
    watch, known = watched(cache)
    assert known == (1, 101)
    client.flushdb()
    assert watch.begin()[0] is None


def test_a_change_between_reading_and_learning_is_not_learnt(redis_server):
    cache = make_cache(redis_server.url)
    watch, _ = watched(cache)
    client, bump = other_server(redis_server.url, cache)
    bump()
    _, token = watch.begin()
    old = cache.get_many([GENERATION_KEY, SEQUENCE_KEY])
    bump()  # after our read, before we learn: what we read is already out of date
    watch.learn(token, old[GENERATION_KEY], old[SEQUENCE_KEY])
    assert watch.begin()[0] is None


def test_nothing_is_trusted_while_redis_is_away_and_the_watch_comes_back(redis_server):
    cache = make_cache(redis_server.url, retry=0.2)
    watch, known = watched(cache)
    assert known is not None
    redis_server.stop()
    started = time.monotonic()
    assert watch.begin() == (None, None)  # the closed connection is seen, not waited for
    assert watch.begin() == (None, None)
    assert time.monotonic() - started < 1
    redis_server.start()  # an empty Redis, on the same port
    time.sleep(0.3)
    watch, known = watched(cache)
    assert known == (1, 100)
    client, bump = other_server(redis_server.url, cache)
    bump()
    assert watch.begin()[0] is None


def test_the_counters_are_trusted_for_a_bounded_time_only(redis_server):
    cache = make_cache(redis_server.url)
    watch, known = watched(cache)
    assert known is not None
    watch.learnt_at -= watch.keep_seconds + 1
    assert watch.begin()[0] is None


def test_a_page_found_fresh_is_served_again_without_asking_redis(redis_server, settings):
    """Through the page cache's own read: the second read of an entry makes no round trip, and
    a change by another server is seen by the next read."""
    settings.PORTAL_PAGE_CACHE_ALIAS = "watched"
    settings.CACHES = {
        **settings.CACHES,
        "watched": {
            "BACKEND": "delivery.cache.PortalRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "t",
            "OPTIONS": {"CACHE_RETRY_SECONDS": 0},
        },
    }
    from django.core.cache import caches

    cache = caches["watched"]
    local_pages.clear()
    cache.add(GENERATION_KEY, 1, timeout=None)
    cache.add(SEQUENCE_KEY, 100, timeout=None)
    entry = (1, 100, ("page:3",), 200, [("Content-Type", "text/html")], b"<p>page</p>")
    cache.set("portal:page:en:plain:x", entry)
    client = redis.Redis.from_url(redis_server.url)

    def round_trips():
        stats = client.info("commandstats")
        return sum(stats.get(f"cmdstat_{name}", {}).get("calls", 0) for name in ("mget", "get"))

    def served():
        found, fresh = _read("portal:page:en:plain:x")[:2]
        return tuple(found[:3]), fresh

    assert served() == (entry[3:], True)  # learns the counters
    assert served() == (entry[3:], True)  # keeps the entry
    before = round_trips()
    for _ in range(20):
        assert served() == (entry[3:], True)
    assert round_trips() == before
    # The response from memory is the response from Redis, headers included.
    from_memory = _thaw(_read("portal:page:en:plain:x")[0])
    from_redis = _thaw(entry[3:])
    assert list(from_memory.items()) == list(from_redis.items())
    assert from_memory.content == from_redis.content == b"<p>page</p>"
    from_memory["Cache-Control"] = "no-cache"  # a response's headers are its own
    assert "Cache-Control" not in _thaw(_read("portal:page:en:plain:x")[0])
    # Another server changes page 3: the entry is stale at once.
    client.set(cache.make_and_validate_key("portal:pages:changed:page:3"), b"101")
    client.incr(cache.make_and_validate_key(SEQUENCE_KEY))
    assert _read("portal:page:en:plain:x")[1] is False
    assert round_trips() > before
