"""Django's Redis cache backend, keeping one redis-py client per connection pool and failing open.

Django builds a new ``redis.Redis`` object for every command it sends. With redis-py 8 that constructor (it fills a
table of response callbacks) costs more than a GET on loopback, and a page makes a dozen cache reads. A client is
thread-safe and holds no connection of its own, so one per pool is enough; Django's cache handler already gives
each thread its own backend instance.

Everything Tribune keeps in Redis can be rebuilt (pages, fragments, rate-limit counters), so when Redis does not
answer, reads miss and writes are dropped, with a warning in the log, instead of every page failing. Short socket
timeouts keep a hung Redis from holding readers for long.
"""

import logging

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
DEFAULT_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}


class ReusingRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **{**DEFAULT_TIMEOUTS, **options})
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


def _unavailable(operation: str, error: Exception) -> None:
    logger.warning("Redis cache unavailable (%s): %s", operation, error)


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNAVAILABLE as error:
            _unavailable("get", error)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNAVAILABLE as error:
            _unavailable("get_many", error)
            return {}

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set(key, value, timeout, version)
        except UNAVAILABLE as error:
            _unavailable("set", error)
            return None

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNAVAILABLE as error:
            _unavailable("set_many", error)
            return list(data)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNAVAILABLE as error:
            _unavailable("add", error)
            return True  # as if claimed: whoever asked (a render lock, say) goes ahead rather than waits

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE as error:
            _unavailable("incr", error)
            return delta

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNAVAILABLE as error:
            _unavailable("delete", error)
            return False
