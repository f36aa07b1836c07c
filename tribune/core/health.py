"""Health checks for process managers, load balancers and the edge cache.

* ``/healthz`` (liveness): the process answers. It touches neither the database nor Redis, so a supervisor never
  restarts a healthy web server because PostgreSQL is down.
* ``/readyz`` (readiness): the database answers a trivial query (with a short statement timeout on PostgreSQL),
  Redis answers a PING (only when ``REDIS_URL`` is set) and no migration is left unapplied. 200 with a small JSON
  body naming each check, or 503 naming the ones that failed. The body also shows the background work (the
  scheduler's last run, the worker's last loop, the queue's depth and age, stuck tasks), which does not decide it.
  The edge cache probes it to decide how stale a page it may serve (deploy/varnish/tribune.vcl).

Both are answered by ``HealthCheckMiddleware``, first in MIDDLEWARE: the middleware after it reads sessions, looks
the Wagtail site up and rate-limits, all of which touch the database or Redis, so a readiness probe routed through
them would answer 500 during the very outage it should report. They are never stored by the page cache or an edge
(``Cache-Control: no-store``; ``TRIBUNE_PAGE_CACHE_EXCLUDED_PATHS``), and exempt from the HTTPS redirect
(``SECURE_REDIRECT_EXEMPT``), so a plain-HTTP probe on the loopback works.
"""

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)

HEALTH_PATHS = ("/healthz", "/readyz")
OK = "ok"
FAILED = "failed"
NOT_CONFIGURED = "not configured"
UNAPPLIED = "unapplied migrations"
NOT_CHECKED = "not checked"  # the migrations cannot be checked while the database is down
STATEMENT_TIMEOUT_MS = 2000  # PostgreSQL: the probe's query gives up well before the edge's 2 s probe timeout does
# A process's migrations are applied once it has seen them so: its code (and so its migrations) cannot change under
# it. While some are missing, look again after this many seconds, so a `migrate` makes the process ready on its own.
UNAPPLIED_RECHECK_SECONDS = 30.0

_migrations_lock = threading.Lock()
_migrations_applied = False
_migrations_checked_at: float | None = None


def check_database() -> str:
    connection = connections[DEFAULT_DB_ALIAS]
    with transaction.atomic(using=DEFAULT_DB_ALIAS), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL statement_timeout = %s", [STATEMENT_TIMEOUT_MS])
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return OK


def check_redis() -> str:
    """PING the shared cache's Redis through the cache's own client, with its short socket timeouts."""
    if not settings.REDIS_URL:
        return NOT_CONFIGURED
    backend = caches["default"]
    client = backend._cache.get_client(None, write=True)  # Django's RedisCacheClient; no public way to PING
    client.ping()
    return OK


def check_migrations() -> str:
    global _migrations_applied, _migrations_checked_at
    if _migrations_applied:
        return OK
    with _migrations_lock:
        now = time.monotonic()
        if _migrations_checked_at is not None and now - _migrations_checked_at < UNAPPLIED_RECHECK_SECONDS:
            return UNAPPLIED
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
        _migrations_checked_at = now
        _migrations_applied = not unapplied
    return OK if _migrations_applied else UNAPPLIED


def forget_migrations_check() -> None:
    """Check the migrations again on the next probe (tests; a process that has just run ``migrate``)."""
    global _migrations_applied, _migrations_checked_at
    with _migrations_lock:
        _migrations_applied = False
        _migrations_checked_at = None


def readiness_checks() -> dict[str, Callable[[], str]]:
    """What /readyz checks, in order, by the name its JSON body gives each."""
    return {
        "database": check_database,
        "redis": check_redis,
        "migrations": check_migrations,
    }


def background_work() -> dict | None:
    """The scheduler's and the task worker's liveness and lag (``core.liveness.status``), shown by /readyz but not
    deciding it: a stopped worker is no reason to take a web server out of rotation or to serve readers stale pages.
    Only ages, counts and warnings: an error message could name internals. None when it cannot be read."""
    from . import liveness  # its models load with the apps; this module is imported by the middleware list

    try:
        work = liveness.status()
    except Exception as error:  # noqa: BLE001 - the probe answers whatever the database does
        logger.warning("Background work status unavailable: %s: %s", type(error).__name__, error)
        return None
    publishing = work["scheduled_publishing"]
    return {
        "scheduled_publishing": {key: publishing[key] for key in ("last_success", "age_seconds", "stale")},
        "worker": work["worker"],
        "tasks": work["tasks"],
        "warnings": work["warnings"],
    }


def run_readiness_checks() -> tuple[bool, dict[str, str]]:
    results: dict[str, str] = {}
    for name, check in readiness_checks().items():
        if name == "migrations" and results.get("database") == FAILED:
            results[name] = NOT_CHECKED
            continue
        try:
            results[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure of a dependency is "not ready", never a 500
            logger.warning("Readiness check %s failed: %s: %s", name, type(error).__name__, error)
            results[name] = FAILED
    ready = all(result in (OK, NOT_CONFIGURED) for result in results.values())
    return ready, results


def _no_store(response: HttpResponse) -> HttpResponse:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def healthz(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return _no_store(HttpResponseNotAllowed(["GET", "HEAD"]))
    return _no_store(JsonResponse({"status": OK}))


def readyz(request: HttpRequest) -> HttpResponse:
    if request.method not in ("GET", "HEAD"):
        return _no_store(HttpResponseNotAllowed(["GET", "HEAD"]))
    ready, checks = run_readiness_checks()
    body = {"status": OK if ready else "unavailable", "checks": checks}
    if checks.get("database") == OK:
        body["background_work"] = background_work()
    return _no_store(JsonResponse(body, status=200 if ready else 503))


class HealthCheckMiddleware:
    """Answers /healthz and /readyz before any other middleware runs (first in MIDDLEWARE).

    The view is the one the URL configuration names for the path, so a test (or a deployment) can route a health
    path elsewhere; only these two paths are looked up, every other request passes straight on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info in HEALTH_PATHS:
            try:
                match = resolve(request.path_info)
            except Resolver404:
                return self.get_response(request)
            return match.func(request, *match.args, **match.kwargs)
        return self.get_response(request)
