"""The analytics app's settings with their defaults, read in one place."""

from django.conf import settings


def views_per_source_per_minute() -> int:
    """Views counted per hashed source (address, browser, site) per minute; beyond it, beacons are ignored."""
    return int(getattr(settings, "TRIBUNE_ANALYTICS_SOURCE_CAP", 30))


def repeat_seconds() -> int:
    """A second beacon for the same page from the same source within this many seconds is a replay, not a view."""
    return int(getattr(settings, "TRIBUNE_ANALYTICS_REPEAT_SECONDS", 10))


def most_read_seconds() -> int:
    """How long a computed "most read" list is kept before it is computed again."""
    return int(getattr(settings, "TRIBUNE_MOST_READ_SECONDS", 300))


def most_read_size() -> int:
    return int(getattr(settings, "TRIBUNE_MOST_READ_SIZE", 5))


def is_enabled() -> bool:
    return bool(getattr(settings, "TRIBUNE_ANALYTICS_ENABLED", True))


def read_seconds() -> int:
    """How long after a counted view its page's read-depth beacon is still taken (the reader left the tab open)."""
    return int(getattr(settings, "TRIBUNE_ANALYTICS_READ_SECONDS", 1800))


def geoip_database() -> str:
    """The MaxMind-format country database (.mmdb) views are placed with; empty: countries are not counted."""
    return str(getattr(settings, "TRIBUNE_GEOIP_DATABASE", "") or "")
