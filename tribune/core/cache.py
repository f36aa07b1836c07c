"""Django's Redis cache backend, keeping one redis-py client per connection pool and failing open.

Django builds a new ``redis.Redis`` object for every command it sends. With redis-py 8 that constructor (it fills a
table of response callbacks) costs more than a GET on loopback, and a page makes a dozen cache reads. A client is
thread-safe and holds no connection of its own, so one per pool is enough; Django's cache handler already gives
each thread its own backend instance.

Everything Tribune keeps in Redis can be rebuilt (pages, fragments, rate-limit counters), so when Redis does not
answer, reads miss and writes are dropped, with a warning in the log, instead of every page failing. Short socket
timeouts keep a hung Redis from holding readers for long.
"""

import functools
import logging

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

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


def _fail_open(method, fallback):
    """``method``, answering ``fallback(*its arguments)`` with a warning when Redis does not answer."""

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNAVAILABLE as error:
            logger.warning("Redis cache unavailable (%s): %s", method.__name__, error)
            return fallback(*args, **kwargs)

    return guarded


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    get = _fail_open(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _fail_open(RedisCache.get_many, lambda keys, version=None: {})
    set = _fail_open(RedisCache.set, lambda *args, **kwargs: None)
    set_many = _fail_open(RedisCache.set_many, lambda data, *args, **kwargs: list(data))
    # As if claimed: whoever asked (a render lock, a counter's first use) goes ahead rather than waits.
    add = _fail_open(RedisCache.add, lambda *args, **kwargs: True)
    incr = _fail_open(RedisCache.incr, lambda key, delta=1, version=None: delta)
    delete = _fail_open(RedisCache.delete, lambda *args, **kwargs: False)
