"""Views buffered in Redis between flushes: the beacon adds to counters in one hash (one Redis call per beacon, a
script), the flush job renames the hash away and writes its sums to the database.

Every call goes through the Redis cache's circuit breaker (``tribune.core.cache``): while Redis does not answer,
nothing is counted and nothing fails. When the default cache is not Redis (a development set-up without
``REDIS_URL``) views are not counted at all.

Keys, under the default cache's prefix:

- ``analytics:salt:<day>``: the day's random salt, expiring at the day's end; the source hashes made with it mean
  nothing once it is gone;
- ``analytics:cap:<source>:<minute>`` and ``analytics:seen:<source>:<path>``: per-source limits, a few minutes' life;
- ``analytics:read:<source>:<path>``: the read depth a counted view has reported so far (0 until its depth beacon),
  ``TRIBUNE_ANALYTICS_READ_SECONDS`` long: a depth beacon without one is not counted;
- ``analytics:pending`` (hash): counts waiting for the flush (views per hour and path, referrers, devices, countries
  and read depths per day); ``analytics:flushing``: the batch being written;
- ``analytics:uv:<day>:<path>`` (HyperLogLog) and ``analytics:uv-index:<day>`` (set of paths): distinct sources per
  path and day. A HyperLogLog keeps registers, not the hashes added to it, and expires two days later.
"""

import functools
import hashlib
import logging
import os
import secrets
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import NoScriptError, RedisError

from django.core.cache import caches
from django.utils import timezone

from tribune.core.cache import UNAVAILABLE, is_reachable

logger = logging.getLogger(__name__)
PENDING = "analytics:pending"
FLUSHING = "analytics:flushing"
SEP = "\x1f"  # between the parts of a counter's name: never in a path, a domain or a number
VISITOR_KEYS_DAYS = 2


def _cache():
    return caches["default"]


def _redis(run: Callable, fallback=None):
    """``run(client, key)`` against the default cache's Redis behind its breaker; ``fallback`` when it is not Redis
    or does not answer."""
    cache = _cache()
    client_of = getattr(getattr(cache, "_cache", None), "get_client", None)
    if client_of is None or not hasattr(cache, "breaker") or not is_reachable(cache):
        return fallback
    cache.breaker.attempts += 1
    try:
        return run(client_of(write=True), cache.make_key)
    except UNAVAILABLE as error:
        cache.breaker.trip()
        logger.warning("Redis unavailable, page views not counted for a while: %s", error)
        return fallback
    except RedisError:
        # A refused command (a key of the wrong type after someone's edit) loses these counts, never the request.
        logger.exception("Redis refused an analytics command")
        return fallback


def is_available() -> bool:
    return _redis(lambda client, key: True, fallback=False)


def _seconds_left_in(day_start: datetime, now: datetime) -> int:
    return max(60, int((day_start + timedelta(days=1) - now).total_seconds()) + 60)


def source_hash(salt: bytes, *, address: str, user_agent: str, host: str) -> str:
    """Who sent a beacon, as today's salted hash of address, browser and site: unlinkable once the salt is gone."""
    digest = hashlib.blake2b(salt, digest_size=16)
    for part in (address, user_agent[:512], host):
        digest.update(part.encode("utf-8", "replace") + b"\0")
    return digest.hexdigest()


def _path_key(path: str) -> str:
    return hashlib.blake2b(path.encode(), digest_size=12).hexdigest()


# Each beacon is one Redis call: a script that checks the day's salt, the source's cap and replay window, and adds the
# counts, atomically. The salt is made by the first process to count a view that day (SET NX) and remembered by each
# process until the day ends; a process whose salt is not Redis's (Redis restarted, another process won the race) is
# answered Redis's and sends the beacon again with it, so every process hashes sources alike.
VIEW_SCRIPT = """
redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2])
local salt = redis.call('GET', KEYS[1])
if salt ~= ARGV[1] then return {'salt', salt} end
local sent = redis.call('INCR', KEYS[2])
if sent == 1 then redis.call('EXPIRE', KEYS[2], 120) end
if sent > tonumber(ARGV[3]) then return {'capped'} end
if not redis.call('SET', KEYS[3], 1, 'NX', 'EX', ARGV[4]) then return {'repeat'} end
redis.call('HINCRBY', KEYS[4], ARGV[5], 1)
redis.call('HINCRBY', KEYS[4], ARGV[6], 1)
redis.call('HINCRBY', KEYS[4], ARGV[7], 1)
if ARGV[8] ~= '' then redis.call('HINCRBY', KEYS[4], ARGV[8], 1) end
redis.call('PFADD', KEYS[5], ARGV[9])
redis.call('EXPIRE', KEYS[5], ARGV[11])
redis.call('SADD', KEYS[6], ARGV[10])
redis.call('EXPIRE', KEYS[6], ARGV[11])
redis.call('SET', KEYS[7], 0, 'EX', ARGV[12])
return {'counted'}
"""
# A read-depth beacon adds the quarters its depth reached beyond what this view already reported (kept, from 0, in
# the key the view set): each quarter once per counted view, however many times the reader leaves and comes back.
DEPTH_SCRIPT = """
local salt = redis.call('GET', KEYS[1])
if not salt then return {'no-view'} end
if salt ~= ARGV[1] then return {'salt', salt} end
local reported = tonumber(redis.call('GET', KEYS[2]))
if not reported then return {'no-view'} end
local depth = tonumber(ARGV[2])
if depth <= reported then return {'reported'} end
for quarter = reported + 25, depth, 25 do
  redis.call('HINCRBY', KEYS[3], ARGV[3] .. quarter .. ARGV[4], 1)
end
redis.call('SET', KEYS[2], depth, 'KEEPTTL')
return {'counted'}
"""
_SHAS = {script: hashlib.sha1(script.encode()).hexdigest() for script in (VIEW_SCRIPT, DEPTH_SCRIPT)}  # noqa: S324
_salts: dict[str, bytes] = {}  # this process's copy of the day's salt, by day (only today's is kept)


# Each thread keeps one connection of the cache's pool for its beacons: taking one from the pool and giving it back
# (locks, a health check) cost a fifth of a beacon. A connection found closed (Redis restarted) is opened again once,
# as redis-py's own retry does; one that fails otherwise is closed and the next beacon takes a new one. The breaker in
# _redis() decides whether Redis is tried at all.
_thread = threading.local()


def _connection(client):
    pool = client.connection_pool
    held = getattr(_thread, "held", None)
    if held is not None and held[0] is pool and held[2] == os.getpid():
        return held[1]
    connection = pool.get_connection()
    _thread.held = (pool, connection, os.getpid())  # out of the pool while this thread lives, as a pool's would be
    return connection


def _command(client, *command) -> list:
    connection = _connection(client)
    for attempt in (1, 2):
        try:
            connection.send_command(*command)
            return connection.read_response()
        except NoScriptError:
            raise
        except RedisConnectionError:
            connection.disconnect()  # sent again on a new socket (send_command connects it)
            if attempt == 2:
                _thread.held = None
                raise
        except Exception:
            _thread.held = None
            connection.disconnect()
            raise
    raise AssertionError("unreachable")


def _run_script(client, script: str, keys: list[str], args: list) -> list:
    try:
        return _command(client, "EVALSHA", _SHAS[script], len(keys), *keys, *args)
    except NoScriptError:  # Redis restarted or was flushed of scripts: send it whole (it is cached again)
        return _command(client, "EVAL", script, len(keys), *keys, *args)


def _salt_for(day: str) -> bytes:
    salt = _salts.get(day)
    if salt is None:
        _salts.clear()
        salt = _salts.setdefault(day, secrets.token_hex(32).encode())
    return salt


def _with_salt(day: str, count: Callable[[bytes], list]) -> str:
    """``count(salt)``'s outcome; once more with Redis's salt when it was not this process's."""
    outcome = count(_salt_for(day))
    if outcome[0] == b"salt":
        _salts[day] = outcome[1]
        outcome = count(outcome[1])
    return outcome[0].decode()


def _day_of(now: datetime) -> tuple[str, datetime]:
    day = timezone.localdate(now)
    return day.isoformat(), timezone.make_aware(datetime.combine(day, datetime.min.time()))


@functools.lru_cache(maxsize=4)
def _minute_names(minute: datetime, zone) -> tuple[str, datetime, str, str]:
    """The day (name and start, in ``zone``), hour and minute names of a minute: the same for every beacon in it."""
    with timezone.override(zone):
        day, day_start = _day_of(minute)
    return day, day_start, minute.replace(minute=0).isoformat(), minute.strftime("%Y%m%d%H%M")


def view_count(
    *,
    address: str,
    user_agent: str,
    host: str,
    path: str,
    page_id: int | None,
    now: datetime,
    referrer_domain: str,
    device: str,
    country: str | None,
    cap: int,
    repeat_seconds: int,
    read_seconds: int,
) -> str:
    """Count one view of ``path`` unless its source (today's salted hash of address, browser and host) sent more than
    ``cap`` this minute or this page within ``repeat_seconds``. ``country`` None: not counted per country. Returns
    ``counted``, ``capped``, ``repeat`` or ``unavailable`` (Redis not there)."""
    day, day_start, hour, minute = _minute_names(now.replace(second=0, microsecond=0), timezone.get_current_timezone())
    target = f"{page_id or 0}{SEP}{path}"
    path_key = _path_key(path)
    keep_visitors = VISITOR_KEYS_DAYS * 86400

    def run(client, key):
        def count(salt: bytes) -> list:
            source = source_hash(salt, address=address, user_agent=user_agent, host=host)
            keys = [
                key(f"analytics:salt:{day}"),
                key(f"analytics:cap:{source}:{minute}"),
                key(f"analytics:seen:{source}:{path_key}"),
                key(PENDING),
                key(f"analytics:uv:{day}:{path_key}"),
                key(f"analytics:uv-index:{day}"),
                key(f"analytics:read:{source}:{path_key}"),
            ]
            args = [
                salt,
                _seconds_left_in(day_start, now),
                cap,
                max(1, repeat_seconds),
                f"v{SEP}{hour}{SEP}{target}",
                f"r{SEP}{day}{SEP}{referrer_domain}",
                f"d{SEP}{day}{SEP}{device}",
                "" if country is None else f"c{SEP}{day}{SEP}{country}",
                source,
                target,
                keep_visitors,
                max(1, read_seconds),
            ]
            return _run_script(client, VIEW_SCRIPT, keys, args)

        return _with_salt(day, count)

    return _redis(run, fallback="unavailable")


def depth_count(*, address: str, user_agent: str, host: str, path: str, page_id: int | None, now: datetime, depth: int):
    """Add the quarters up to ``depth`` (25, 50, 75 or 100) that this source's view of ``path`` had not reported yet.
    Returns ``counted``, ``reported`` (nothing new), ``no-view`` (no counted view to attach it to: ignored) or
    ``unavailable``."""
    day, _start = _day_of(now)
    path_key = _path_key(path)

    def run(client, key):
        def count(salt: bytes) -> list:
            source = source_hash(salt, address=address, user_agent=user_agent, host=host)
            keys = [key(f"analytics:salt:{day}"), key(f"analytics:read:{source}:{path_key}"), key(PENDING)]
            args = [salt, depth, f"q{SEP}{day}{SEP}", f"{SEP}{page_id or 0}{SEP}{path}"]
            return _run_script(client, DEPTH_SCRIPT, keys, args)

        return _with_salt(day, count)

    return _redis(run, fallback="unavailable")


def take_batch() -> dict[str, int] | None:
    """The counts to write: a batch left by a flush that stopped part-way, else everything pending (renamed away
    atomically, so beacons arriving meanwhile start a new hash). None when Redis does not answer."""

    def run(client, key):
        flushing = key(FLUSHING)
        if not client.exists(flushing):
            if not client.exists(key(PENDING)):
                return {}
            client.rename(key(PENDING), flushing)
        return {name.decode(): int(count) for name, count in client.hgetall(flushing).items()}

    return _redis(run)


def batch_written() -> bool:
    return _redis(lambda client, key: bool(client.delete(key(FLUSHING)) or True), fallback=False)


def visitor_counts(day) -> dict[tuple[int | None, str], int] | None:
    """Distinct sources per (page id, path) seen on ``day``, estimated (HyperLogLog, about 1% off)."""

    def run(client, key):
        targets = [member.decode() for member in client.smembers(key(f"analytics:uv-index:{day.isoformat()}"))]
        pipe = client.pipeline(transaction=False)
        parsed = []
        for target in targets:
            page_id, _, path = target.partition(SEP)
            parsed.append((int(page_id) or None, path))
            pipe.pfcount(key(f"analytics:uv:{day.isoformat()}:{_path_key(path)}"))
        return dict(zip(parsed, pipe.execute(), strict=True))

    return _redis(run)
