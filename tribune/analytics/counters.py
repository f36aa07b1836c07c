"""Views buffered in Redis between flushes: the beacon adds to counters in one hash, the flush job renames the hash
away and writes its sums to the database.

Every call goes through the Redis cache's circuit breaker (``tribune.core.cache``): while Redis does not answer,
nothing is counted and nothing fails. When the default cache is not Redis (a development set-up without
``REDIS_URL``) views are not counted at all.

Keys, under the default cache's prefix:

- ``analytics:salt:<day>``: the day's random salt, expiring at the day's end; the source hashes made with it mean
  nothing once it is gone;
- ``analytics:cap:<source>:<minute>`` and ``analytics:seen:<source>:<path>``: per-source limits, a few minutes' life;
- ``analytics:pending`` (hash): counts waiting for the flush; ``analytics:flushing``: the batch being written;
- ``analytics:uv:<day>:<path>`` (HyperLogLog) and ``analytics:uv-index:<day>`` (set of paths): distinct sources per
  path and day. A HyperLogLog keeps registers, not the hashes added to it, and expires two days later.
"""

import hashlib
import logging
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

from redis.exceptions import RedisError

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


def _seconds_left_in(day_start: datetime) -> int:
    return max(60, int((day_start + timedelta(days=1) - timezone.now()).total_seconds()) + 60)


def daily_salt(now: datetime) -> bytes | None:
    """Today's salt: random, made by the first beacon of the day, kept only in Redis and gone at the day's end."""
    day = timezone.localdate(now)
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()), timezone.get_current_timezone())

    def run(client, key):
        name = key(f"analytics:salt:{day.isoformat()}")
        client.set(name, secrets.token_hex(32), nx=True, ex=_seconds_left_in(start))
        return client.get(name)

    return _redis(run)


def source_hash(salt: bytes, *, address: str, user_agent: str, host: str) -> str:
    """Who sent a beacon, as today's salted hash of address, browser and site: unlinkable once the salt is gone."""
    digest = hashlib.blake2b(salt, digest_size=16)
    for part in (address, user_agent[:512], host):
        digest.update(part.encode("utf-8", "replace") + b"\0")
    return digest.hexdigest()


def _path_key(path: str) -> str:
    return hashlib.blake2b(path.encode(), digest_size=12).hexdigest()


def admit(source: str, path: str, now: datetime, *, cap: int, repeat_seconds: int) -> str | None:
    """Whether this source may add a view of ``path`` now: None if so, else why not (``capped``, ``repeat``,
    ``unavailable``)."""
    minute = now.strftime("%Y%m%d%H%M")

    def run(client, key):
        pipe = client.pipeline(transaction=False)
        cap_key = key(f"analytics:cap:{source}:{minute}")
        pipe.incr(cap_key)
        pipe.expire(cap_key, 120)
        pipe.set(key(f"analytics:seen:{source}:{_path_key(path)}"), 1, nx=True, ex=max(1, repeat_seconds))
        count, _expiry, first = pipe.execute()
        if count > cap:
            return "capped"
        return None if first else "repeat"

    return _redis(run, fallback="unavailable")


def add_view(*, source: str, path: str, page_id: int | None, now: datetime, referrer_domain: str, device: str) -> bool:
    """Count one view; False when Redis did not take it."""
    hour = now.replace(minute=0, second=0, microsecond=0).isoformat()
    day = timezone.localdate(now).isoformat()
    target = f"{page_id or 0}{SEP}{path}"

    def run(client, key):
        pending = key(PENDING)
        visitors = key(f"analytics:uv:{day}:{_path_key(path)}")
        index = key(f"analytics:uv-index:{day}")
        pipe = client.pipeline(transaction=False)
        pipe.hincrby(pending, f"v{SEP}{hour}{SEP}{target}", 1)
        pipe.hincrby(pending, f"r{SEP}{day}{SEP}{referrer_domain}", 1)
        pipe.hincrby(pending, f"d{SEP}{day}{SEP}{device}", 1)
        pipe.pfadd(visitors, source)
        pipe.expire(visitors, VISITOR_KEYS_DAYS * 86400)
        pipe.sadd(index, target)
        pipe.expire(index, VISITOR_KEYS_DAYS * 86400)
        pipe.execute()
        return True

    return _redis(run, fallback=False)


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
