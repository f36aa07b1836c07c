"""The analysis app's settings with their defaults, read in one place.

``TRIBUNE_ANALYSIS_ENABLED`` (on): saving or publishing an article queues its analysis. ``TRIBUNE_ANALYSIS_AUTO_ACCEPT_
COUNTRIES`` (on): a principal or secondary country found with at least ``TRIBUNE_ANALYSIS_AUTO_ACCEPT_CONFIDENCE``
(0.95) is accepted without an editor and added to the article's countries. ``TRIBUNE_ANALYSIS_MAX_ATTEMPTS`` (3): a
failed analysis is tried again, after ``TRIBUNE_ANALYSIS_RETRY_SECONDS`` (60) times the attempts so far, until it
has been tried that often. ``TRIBUNE_ANALYSIS_DRAFT_DELAY_SECONDS`` (20): a draft's analysis waits that long, so the
revisions autosave writes while an editor types are analysed once, the last one (only with a task backend that can
defer; the immediate backend runs at once). ``TRIBUNE_ANALYSIS_LANGUAGES`` (``["en"]``): the editions whose
articles are analysed (the extraction reads English; a translation is about what its source is about).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

# Set by ``analysis_deferred``: a bulk load queues nothing and analyses everything once at its end.
_deferred: ContextVar[bool] = ContextVar("analysis_deferred", default=False)


def enabled() -> bool:
    """Whether saving and publishing queue the analysis."""
    return bool(getattr(settings, "TRIBUNE_ANALYSIS_ENABLED", True)) and not deferred()


def deferred() -> bool:
    """Inside ``analysis_deferred``: the caller also rebuilds the search and reference indexes afterwards."""
    return _deferred.get()


@contextmanager
def analysis_deferred() -> Iterator[None]:
    """Saves and publishes inside queue no analysis (a bulk load: the demo's, an import); the caller analyses the
    articles once afterwards (``manage.py analyse_archive``)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def auto_accept_countries() -> bool:
    return bool(getattr(settings, "TRIBUNE_ANALYSIS_AUTO_ACCEPT_COUNTRIES", True))


def auto_accept_confidence() -> float:
    return float(getattr(settings, "TRIBUNE_ANALYSIS_AUTO_ACCEPT_CONFIDENCE", 0.95))


def max_attempts() -> int:
    return max(int(getattr(settings, "TRIBUNE_ANALYSIS_MAX_ATTEMPTS", 3)), 1)


def retry_seconds() -> int:
    return max(int(getattr(settings, "TRIBUNE_ANALYSIS_RETRY_SECONDS", 60)), 0)


def draft_delay_seconds() -> int:
    return max(int(getattr(settings, "TRIBUNE_ANALYSIS_DRAFT_DELAY_SECONDS", 20)), 0)


def languages() -> frozenset[str]:
    return frozenset(getattr(settings, "TRIBUNE_ANALYSIS_LANGUAGES", ["en"]))
