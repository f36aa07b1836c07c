"""The site-wide read-only switch for maintenance (``manage.py maintenance on|off|status``).

While it is on, readers keep reading (pages are served from the caches and rendered as usual), but every unsafe
request (POST, PUT, PATCH, DELETE) from readers and from the admin is answered 503 with ``Retry-After`` and a page
saying nothing was saved, signing out excepted. The admin shows a banner, and the scheduler and the task worker
ask ``is_read_only()`` before they write.

Where the switch lives. The database is what is being maintained, so it cannot hold the flag. It is on when any of:

* ``TRIBUNE_READ_ONLY`` is true in the settings (the environment): for a maintenance planned with a deploy, and
  the only source that survives a Redis restart on every host;
* the flag file exists (``TRIBUNE_READ_ONLY_FILE``, under ``var/`` by default): every process on the host sees it
  with one ``stat``, whatever happens to Redis;
* the flag is set in the shared cache (Redis): every host sees it.

``maintenance on`` sets both the file and the shared flag, ``off`` clears both; ``status`` names each source.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from .unavailable import READ_ONLY, SAFE_METHODS, unavailable_response

logger = logging.getLogger(__name__)

SHARED_FLAG_KEY = "maintenance:read-only"
# What still works while read-only: signing out (deleting one's own session harms nothing and a reader should be
# able to leave a shared computer), and the view beacon (it writes to Redis only; the worker's flush writes the
# counts once the site is writable again, and the WSGI fast path in front of Django counts them the same way).
# Signing in and up, comments and every admin write are refused.
ALLOWED_WHILE_READ_ONLY = frozenset({"account_logout", "analytics_view"})
SETTING = "setting"
FILE = "file"
SHARED_CACHE = "shared cache"


def flag_file() -> Path:
    return Path(settings.TRIBUNE_READ_ONLY_FILE)


def _shared_flag() -> bool:
    return bool(caches["default"].get(SHARED_FLAG_KEY))  # a Redis outage reads as "not set" (core.cache)


def read_only_sources() -> list[str]:
    """Which of the setting, the flag file and the shared cache currently switch read-only mode on."""
    sources = []
    if getattr(settings, "TRIBUNE_READ_ONLY", False):
        sources.append(SETTING)
    if flag_file().exists():
        sources.append(FILE)
    if _shared_flag():
        sources.append(SHARED_CACHE)
    return sources


def is_read_only() -> bool:
    """Whether the site is in read-only maintenance: writers (requests, the scheduler, the worker) must not write."""
    return bool(getattr(settings, "TRIBUNE_READ_ONLY", False)) or flag_file().exists() or _shared_flag()


class MaintenancePause:
    """For the loops that write on their own (the scheduler, the task worker): ``holding()`` says whether to hold off
    now; the start and the end of a pause are logged once each, not once a loop."""

    def __init__(self, log: logging.Logger, who: str):
        self.log, self.who, self.on = log, who, False

    def holding(self) -> bool:
        on = is_read_only()
        if on != self.on:
            self.log.warning("%s %s", self.who, "paused: read-only maintenance" if on else "resumed after maintenance")
        self.on = on
        return on


def set_read_only(on: bool) -> None:
    """Switch read-only mode on or off for every process: the flag file for this host, the shared cache for all.
    The setting (``TRIBUNE_READ_ONLY``) is the environment's and is left as it is."""
    path = flag_file()
    if on:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Tribune is read-only for maintenance (manage.py maintenance off to end it).\n")
        caches["default"].set(SHARED_FLAG_KEY, True, timeout=None)
    else:
        path.unlink(missing_ok=True)
        caches["default"].delete(SHARED_FLAG_KEY)
    logger.warning("Read-only maintenance mode switched %s", "on" if on else "off")


def _is_allowed(request: HttpRequest) -> bool:
    try:
        return resolve(request.path_info).url_name in ALLOWED_WHILE_READ_ONLY
    except Resolver404:
        return False


class ReadOnlyMiddleware:
    """Refuses unsafe requests while read-only, before any middleware that queries the database (the site lookup,
    sessions read by authentication) runs; safe requests pass unchanged, so reading goes on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in SAFE_METHODS and is_read_only() and not _is_allowed(request):
            logger.info("Refused %s %s: read-only maintenance", request.method, request.path)
            response = unavailable_response(request, reason=READ_ONLY)
            response._has_been_logged = True  # expected while maintenance lasts: not one ERROR line per refused form
            return response
        return self.get_response(request)
