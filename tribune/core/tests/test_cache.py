"""The Redis backend reuses one client per connection pool instead of building one per command."""

import os

import pytest
import redis

from tribune.core.cache import ReusingRedisCache

REDIS_URL = os.environ.get("TRIBUNE_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")


def test_every_command_of_a_backend_goes_through_one_client_on_one_pool():
    backend = ReusingRedisCache("redis://127.0.0.1:6379/13", {})  # nothing connects until a command is sent

    reader, writer = backend._cache.get_client("a"), backend._cache.get_client("b", write=True)

    assert reader is writer
    assert reader.connection_pool is backend._cache._get_connection_pool(write=False)


def _redis_answers() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.ConnectionError:
        return False


@pytest.mark.skipif(
    not _redis_answers() and not os.environ.get("TRIBUNE_REQUIRE_REDIS"),
    reason="no Redis on 127.0.0.1:6379 (CI sets TRIBUNE_REQUIRE_REDIS=1)",
)
def test_it_stores_and_reads_like_djangos_backend():
    backend = ReusingRedisCache(REDIS_URL, {"KEY_PREFIX": "tribune-test"})
    backend.clear()

    backend.set("page", {"html": "<p>stored</p>"}, 30)
    backend.set_many({"a": 1, "b": 2}, 30)

    assert backend.get("page") == {"html": "<p>stored</p>"}
    assert backend.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    assert backend.add("a", 3) is False
    backend.clear()


def test_without_redis_reads_miss_and_writes_are_dropped_instead_of_failing(caplog):
    backend = ReusingRedisCache("redis://127.0.0.1:9/0", {})  # the discard port: nothing listens

    assert backend.get("page", "default") == "default"
    assert backend.get_many(["a", "b"]) == {}
    backend.set("page", "<p>lost</p>", 30)
    assert backend.set_many({"a": 1}, 30) == ["a"]
    assert backend.add("lock", 1, 10) is True  # the asker goes ahead instead of waiting for a lock nobody holds
    assert backend.incr("count") == 1
    backend.delete("page")
    assert "Redis cache unavailable" in caplog.text


def test_a_page_renders_while_redis_is_down(client, settings, article):
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "tribune.core.cache.ReusingRedisCache", "LOCATION": "redis://127.0.0.1:9/0"},
    }
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600
    settings.TRIBUNE_PAGE_CACHE_SECONDS = 600

    assert client.get(article.url).status_code == 200
