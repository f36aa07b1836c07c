"""Counting attempts in the shared cache: a fixed window per key, for limits on what readers may send."""

from django.core.cache import cache


def within_rate(key: str, limit: int, seconds: int) -> bool:
    """Count one attempt under ``key``; whether it is within ``limit`` per ``seconds``. A limit of 0 is no limit."""
    if limit <= 0:
        return True
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit
