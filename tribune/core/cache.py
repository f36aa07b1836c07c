"""Django's Redis cache backend, keeping one redis-py client per connection pool and failing open.

Django builds a new ``redis.Redis`` object for every command it sends. With redis-py 8 that constructor (it fills a
table of response callbacks) costs more than a GET on loopback, and a page makes a dozen cache reads. A client is
thread-safe and holds no connection of its own, so one per pool is enough; Django's cache handler already gives
each thread its own backend instance.

Everything Tribune keeps in Redis can be rebuilt (pages, fragments, rate-limit counters), so when Redis does not
answer, reads miss and writes are dropped, with a warning in the log, instead of every page failing. Short socket
timeouts keep a hung Redis from holding a call for long, and a circuit breaker keeps it from holding every call: after
a failure, each process skips that Redis for ``TRIBUNE_CACHE_BREAKER_SECONDS`` (every call answers its fallback at
once), then lets calls try again. Whoever must know whether a write arrived (the page cache's durable invalidations)
asks ``is_reachable`` and reads the writes' own answers (``set_many`` lists what it could not store).

``build_version()`` names the build and the settings a stored page or fragment was made with; the page cache, the
fragments and the stored routes put it in every key, so a copy made by another build or configuration (hashed static
names in production, plain ones under ``make run``) is never served.
"""

import functools
import hashlib
import json
import logging
import os
import threading
import time
from importlib import metadata

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.core.signals import setting_changed

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
DEFAULT_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
# Raises a key holding an integer to at least the given one, atomically (two processes raising it at once keep the
# higher): the page cache's marker of the last invalidation this Redis received.
RAISE_TO_SCRIPT = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1]) end
return redis.call('GET', KEYS[1])
"""


class Breaker:
    """One Redis server's state in this process: closed (calls go through) or open until a moment (calls skip it).

    ``attempts`` counts the calls that went to Redis and ``failures`` the ones it did not answer; the page cache
    compares ``failures`` with what it saw last to know that Redis failed and came back."""

    def __init__(self):
        self.lock = threading.Lock()
        self.open_until = 0.0
        self.attempts = 0
        self.failures = 0

    def is_open(self) -> bool:
        return self.open_until > time.monotonic()

    def trip(self) -> None:
        with self.lock:
            self.failures += 1
            self.open_until = time.monotonic() + getattr(settings, "TRIBUNE_CACHE_BREAKER_SECONDS", 5.0)


_breakers: dict[str, Breaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location) -> Breaker:
    """The process's breaker for this server, shared by every alias and thread that uses it."""
    key = str(location)
    found = _breakers.get(key)
    if found is None:
        with _breakers_lock:
            found = _breakers.setdefault(key, Breaker())
    return found


def reset_breakers() -> None:
    """Forget every server's state (tests start each fault from a closed breaker)."""
    with _breakers_lock:
        _breakers.clear()


def is_reachable(cache) -> bool:
    """False while ``cache`` is a Redis cache whose breaker is open (it failed within the cool-down); other backends
    are always reachable."""
    breaker = getattr(cache, "breaker", None)
    return breaker is None or not breaker.is_open()


def failures_seen(cache) -> int:
    """How many times this process found ``cache``'s Redis not answering (0 for other backends)."""
    breaker = getattr(cache, "breaker", None)
    return 0 if breaker is None else breaker.failures


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
    """``method``, answering ``fallback(*its arguments)`` when Redis does not answer (with a warning, once per
    cool-down) or when the breaker is open (at once, without trying)."""

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        breaker = self.breaker
        if breaker.open_until and breaker.is_open():
            return fallback(*args, **kwargs)
        breaker.attempts += 1
        try:
            return method(self, *args, **kwargs)
        except UNAVAILABLE as error:
            breaker.trip()
            logger.warning("Redis cache unavailable (%s), skipped for a while: %s", method.__name__, error)
            return fallback(*args, **kwargs)

    return guarded


def _raise_to(self, key, value: int, version=None) -> int | None:
    """Raise the integer at ``key`` to at least ``value`` (atomically); the value now stored."""
    key = self.make_and_validate_key(key, version=version)
    client = self._cache.get_client(key, write=True)
    stored = client.eval(RAISE_TO_SCRIPT, 1, key, int(value))
    return int(stored) if stored is not None else None


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self.breaker = breaker_for(server)

    # Every command Django's Redis cache has goes through the breaker (get_or_set and decr are made of these).
    get = _fail_open(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _fail_open(RedisCache.get_many, lambda keys, version=None: {})
    has_key = _fail_open(RedisCache.has_key, lambda *args, **kwargs: False)
    set = _fail_open(RedisCache.set, lambda *args, **kwargs: None)
    set_many = _fail_open(RedisCache.set_many, lambda data, *args, **kwargs: list(data))
    # As if claimed: whoever asked (a render lock, a counter's first use) goes ahead rather than waits.
    add = _fail_open(RedisCache.add, lambda *args, **kwargs: True)
    incr = _fail_open(RedisCache.incr, lambda key, delta=1, version=None: delta)
    touch = _fail_open(RedisCache.touch, lambda *args, **kwargs: False)
    delete = _fail_open(RedisCache.delete, lambda *args, **kwargs: False)
    delete_many = _fail_open(RedisCache.delete_many, lambda *args, **kwargs: None)
    clear = _fail_open(RedisCache.clear, lambda *args, **kwargs: False)
    raise_to = _fail_open(_raise_to, lambda *args, **kwargs: None)


# Settings that change what a page looks like or the headers it is stored with. Secrets, connections and the caches'
# own lifetimes are left out: processes of one deployment that differ only there (a task worker, an origin with the
# page cache off) share what they store.
OUTPUT_SETTINGS = (
    "DEBUG",
    "STORAGES",
    "STATIC_URL",
    "MEDIA_URL",
    "SITE_URL",
    "SITE_NAME",
    "WAGTAILADMIN_BASE_URL",
    "LANGUAGE_CODE",
    "LANGUAGES",
    "TIME_ZONE",
    "USE_TZ",
    "WAGTAIL_I18N_ENABLED",
    "TRIBUNE_PAGE_SIZE",
    "TRIBUNE_LISTING_MAX_PAGES",
    "TRIBUNE_SEARCH_MAX_RESULTS",
    "TRIBUNE_FILE_PHOTO_AGE_DAYS",
    "TRIBUNE_EMBED_PROVIDERS",
    "TRIBUNE_EDGE_CACHE_SECONDS",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "X_FRAME_OPTIONS",
)
# The code that renders pages: Python, templates, compiled translations.
SOURCE_SUFFIXES = (".py", ".html", ".txt", ".xml", ".mo")
PACKAGES = ("django", "wagtail", "django-allauth")
_build_version: str | None = None


def _static_manifest() -> str:
    """The collected static files' manifest (their hashed names), or the storage's name when it keeps none."""
    read_manifest = getattr(staticfiles_storage, "read_manifest", None)
    return (read_manifest() or "no manifest") if read_manifest else "no manifest"


def _source_files():
    root = settings.BASE_DIR / "tribune"
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(name for name in subdirectories if name not in {"tests", "__pycache__"})
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                yield os.path.join(directory, name)


def _compute_build_version() -> str:
    digest = hashlib.blake2b(digest_size=8)
    for name in OUTPUT_SETTINGS:
        value = getattr(settings, name, None)
        if name == "LANGUAGES":  # the codes: the names are lazy translations
            value = [code for code, _name in value]
        digest.update(f"{name}={json.dumps(value, sort_keys=True, default=str)}\n".encode())
    digest.update(_static_manifest().encode())
    for package in PACKAGES:
        try:
            digest.update(f"{package}=={metadata.version(package)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} missing\n".encode())
    for path in _source_files():
        digest.update(path.encode())
        with open(path, "rb") as source:
            digest.update(source.read())
    return digest.hexdigest()


def build_version() -> str:
    """This process's build and output settings as a short hex string, computed on first use (a few milliseconds)."""
    global _build_version  # noqa: PLW0603 - once per process
    if _build_version is None:
        _build_version = _compute_build_version()
    return _build_version


def _forget_build_version(**kwargs) -> None:
    # Tests change settings within one process; a deployment changes them by starting new processes.
    global _build_version  # noqa: PLW0603
    _build_version = None


setting_changed.connect(_forget_build_version)
