import os

import pytest
import redis

from tribune.core.cache import reset_breakers


def _redis_url() -> str:
    # Each xdist worker its own database: the shared fixtures FLUSHDB the default cache around every test.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or "0"
    return os.environ.get("TRIBUNE_TEST_ANALYTICS_REDIS_URL", f"redis://127.0.0.1:6379/{14 + int(worker) % 2}")


def _redis_answers() -> bool:
    try:
        return redis.Redis.from_url(_redis_url(), socket_connect_timeout=0.5).ping()
    except redis.ConnectionError:
        return False


@pytest.fixture
def redis_cache(settings):
    """The default cache on a real Redis, as production runs it (the beacon counts only in Redis)."""
    if not _redis_answers():
        if os.environ.get("TRIBUNE_REQUIRE_REDIS"):
            pytest.fail("no Redis on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "tribune.core.cache.ReusingRedisCache", "LOCATION": _redis_url()},
    }
    client = redis.Redis.from_url(_redis_url())
    client.flushdb()
    reset_breakers()
    yield client
    client.flushdb()
    reset_breakers()


@pytest.fixture
def redis_down(settings):
    """The default cache on a Redis that is not there (nothing listens on port 1)."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "tribune.core.cache.ReusingRedisCache", "LOCATION": "redis://127.0.0.1:1/0"},
    }
    reset_breakers()
    yield
    reset_breakers()
