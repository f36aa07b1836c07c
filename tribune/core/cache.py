"""Django's Redis cache backend, keeping one redis-py client per connection pool and failing open.

Django builds a new ``redis.Redis`` object for every command it sends. With redis-py 8 that constructor (it fills a
table of response callbacks) costs more than a GET on loopback, and a page makes a dozen cache reads. A client is
thread-safe and holds no connection of its own, so one per pool is enough; Django's cache handler already gives
each thread its own backend instance.

Everything Tribune keeps in Redis can be rebuilt (pages, fragments, rate-limit counters), so when Redis does not
answer, reads miss and writes are dropped, with a warning in the log, instead of every page failing. Short socket
timeouts keep a hung Redis from holding readers for long.

``build_version()`` names the build and the settings a stored page or fragment was made with; the page cache, the
fragments and the stored routes put it in every key, so a copy made by another build or configuration (hashed static
names in production, plain ones under ``make run``) is never served.
"""

import functools
import hashlib
import json
import logging
import os
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
PACKAGES = ("django", "wagtail", "wagtail-localize", "django-allauth")
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
