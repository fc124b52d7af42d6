"""`load_content` invalidates the page cache and nothing else in a shared Redis database."""

import redis
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings

from delivery.cache import GENERATION_KEY, current_generation
from tests.conftest import REDIS_URL


def test_another_key_in_the_same_redis_database_survives_load_content(db, redis_prefix):
    client = redis.Redis.from_url(REDIS_URL)
    foreign_key = f"{redis_prefix}:another-application"
    client.set(foreign_key, "kept")
    shared = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": redis_prefix,
        }
    }
    with override_settings(CACHES=shared):
        caches["default"].set("rate-limit-counter", 3, timeout=60)
        before = current_generation()
        call_command("load_content", verbosity=0)
        assert caches["default"].get("rate-limit-counter") == 3
        assert current_generation() != before, "the page cache was not invalidated"
        assert caches["default"].get(GENERATION_KEY) is not None
    assert client.get(foreign_key) == b"kept"
