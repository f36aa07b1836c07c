"""Forgetting everything every cache holds, for when the database has been replaced under them (a restore)."""

import logging

from django.conf import settings
from django.core.cache import caches

from tribune.core import fragments
from tribune.delivery import invalidation, page_cache

logger = logging.getLogger(__name__)


def forget_everything() -> None:
    """Empty every configured cache, give the page cache a new site token, move the content generation on and purge
    the whole site at the edge.

    Emptying the shared caches alone would not do: each web worker keeps pages and fragments in its own memory under
    the tokens it last read. New tokens make those keys unreachable, so a worker stops serving them as soon as it
    next checks its tokens (``TRIBUNE_PAGE_CACHE_RECHECK_SECONDS``)."""
    for alias in settings.CACHES:
        caches[alias].clear()
    page_cache.local.clear()
    fragments.local.clear()
    fragments.bump(fragments.CONTENT)
    invalidation.forget(None)  # a new site token, and "/*" purged at every edge
    logger.info("every cache forgotten after a restore")
