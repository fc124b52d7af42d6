"""The production cache backend fails open for every operation, logs once per period, and is
used again when its server answers (a real redis-server the test starts and stops)."""

import logging

import pytest

from delivery.cache import PortalRedisCache
from tests.delivery.services import RedisServer


@pytest.fixture
def redis_server():
    server = RedisServer().start()
    yield server
    server.stop()


def make_cache(url, retry=0):
    return PortalRedisCache(
        url,
        {
            "KEY_PREFIX": "t",
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "CACHE_RETRY_SECONDS": retry,
                "CACHE_WARNING_SECONDS": 600,
            },
        },
    )


def test_every_operation_answers_as_an_empty_cache_while_redis_is_down(redis_server, caplog):
    cache = make_cache(redis_server.url)
    cache.set("a", 1)
    assert cache.get("a") == 1
    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="delivery.cache"):
        assert cache.get("a") is None
        assert cache.get("a", "default") == "default"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.set("a", 2) is None
        assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert cache.add("c", 1) is False
        assert cache.incr("counter") == 1
        assert cache.decr("counter") == -1
        assert cache.delete("a") is False
        assert cache.delete_many(["a"]) is None
        assert cache.touch("a") is False
        assert cache.has_key("a") is False
        assert cache.get_or_set("d", 4) == 4
        assert cache.clear() is False
        assert cache.is_reachable() is False
    warnings = [record for record in caplog.records if "cannot be reached" in record.message]
    assert len(warnings) == 1  # once for the outage, not once per call

    redis_server.start()
    cache.set("a", 3)
    assert cache.get("a") == 3 and cache.is_reachable()
    assert any("answers again" in record.message for record in caplog.records)


def test_while_redis_is_down_it_is_not_asked_again_until_the_retry_interval(redis_server):
    cache = make_cache(redis_server.url, retry=3600)
    redis_server.stop()
    assert cache.get("a") is None
    redis_server.start()
    assert cache.get("a") is None and cache.set("a", 1) is None  # skipped, not tried
