"""What readers and editors see when Tribune cannot do what they asked: a friendly 503, never a bare 500.

Two causes share one page (``core/unavailable.html``):

* **The database is unreachable** (PostgreSQL restarting, the SQLite file gone): Django's ``handler500`` is
  ``server_error`` below, which answers 503 when the exception being handled is a connection failure rather than a
  programming error. Django calls it for an exception raised anywhere, middleware included (the site lookup is the
  first to query), so no middleware of ours has to stand in front of everything to catch it.
* **Read-only maintenance** (``core.maintenance``) refuses every write the same way.

The page is rendered from a template with no request context, so no context processor (site settings, the
signed-in user, messages) runs: it never touches the database. It carries ``Retry-After``
(``TRIBUNE_RETRY_AFTER_SECONDS``) and ``Cache-Control: no-store``. A refused POST says plainly that nothing was
saved and offers the same form again, filled in, to send once Tribune is back (no JavaScript needed).
"""

import sqlite3
import sys

from django.conf import settings
from django.db import InterfaceError, InternalError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults

DATABASE = "database"
READ_ONLY = "read_only"
TEMPLATE = "core/unavailable.html"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")

# PostgreSQL error classes and codes that say "not now" rather than "this query is wrong": connection exceptions
# (08), insufficient resources (53: too many connections, disk full), operator intervention (57: shutdown, crash
# recovery, a cancelled statement), a server that accepts only reads (25006: a hot standby after a failover), and
# lock or serialization conflicts that a retry resolves. An error with no code at all was raised by the client
# library itself: the connection was refused, lost or closed.
POSTGRESQL_UNAVAILABLE_CLASSES = ("08", "53", "57")
POSTGRESQL_UNAVAILABLE_CODES = ("25006", "40001", "40P01", "55P03")
# SQLite: the file cannot be opened or read, is locked by another process, or the disk refuses writes. "no such
# table" and other SQLITE_ERRORs are programming (or migration) errors and stay 500s.
SQLITE_UNAVAILABLE_PREFIXES = ("SQLITE_CANTOPEN", "SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_IOERR", "SQLITE_READONLY",
                               "SQLITE_FULL", "SQLITE_NOTADB")  # fmt: skip
SQLITE_UNAVAILABLE_MESSAGES = ("unable to open", "database is locked", "disk i/o error", "readonly database")

# A refused form is offered again with what was typed, except secrets, within bounds (an admin page form with a large
# StreamField is not echoed; the page then says to go back, where the browser usually kept it).
# The comment form's idempotency token and the CSRF token are kept: sent again, they make one comment, never two.
SECRET_FIELD_WORDS = ("password", "secret")
SECRET_FIELD_NAMES = ("code", "key", "otp", "totp", "recovery_code")  # allauth's two-factor and reset fields
MAX_ECHOED_FIELDS = 60
MAX_ECHOED_CHARACTERS = 100_000
LONG_VALUE_CHARACTERS = 80  # shown in a text box the reader can read, copy and change; shorter values stay hidden


def retry_after_seconds() -> int:
    return int(getattr(settings, "TRIBUNE_RETRY_AFTER_SECONDS", 30))


def is_database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` means the database cannot be reached or cannot take this write now, as opposed to a bug."""
    if isinstance(error, InterfaceError):
        return True  # Django's and the drivers' "connection already closed"
    if not isinstance(error, (OperationalError, InternalError)):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.Error):
        name = getattr(cause, "sqlite_errorname", "") or ""
        if name:
            return name.startswith(SQLITE_UNAVAILABLE_PREFIXES)
        return any(message in str(cause).lower() for message in SQLITE_UNAVAILABLE_MESSAGES)
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate is None:
        # psycopg's own errors (connection refused, server closed the connection) carry no code; an InternalError
        # without one is not a connection failure.
        return isinstance(error, OperationalError) and cause is not None and _is_psycopg_error(cause)
    return sqlstate[:2] in POSTGRESQL_UNAVAILABLE_CLASSES or sqlstate in POSTGRESQL_UNAVAILABLE_CODES


def _is_psycopg_error(error: BaseException) -> bool:
    return type(error).__module__.startswith("psycopg")


def _is_secret(name: str) -> bool:
    lowered = name.lower()
    return lowered in SECRET_FIELD_NAMES or any(word in lowered for word in SECRET_FIELD_WORDS)


def _resubmittable_fields(request: HttpRequest) -> list[tuple[str, str, bool]] | None:
    """The submitted fields to offer again as ``(name, value, shown)``, or None when they cannot all be kept
    (files, too much text, a body that cannot be read any more)."""
    try:
        data, files = request.POST, request.FILES
    except Exception:  # noqa: BLE001 - a body already read as a stream, or over Django's limits
        return None
    if files:
        return None
    fields, total = [], 0
    for name, values in data.lists():
        if _is_secret(name):
            continue
        for value in values:
            total += len(value)
            fields.append((name, value, "\n" in value or len(value) > LONG_VALUE_CHARACTERS))
    if not fields or len(fields) > MAX_ECHOED_FIELDS or total > MAX_ECHOED_CHARACTERS:
        return None
    return fields


def unavailable_response(request: HttpRequest, *, reason: str) -> HttpResponse:
    """The 503 page for ``reason`` (DATABASE or READ_ONLY), rendered without touching the database."""
    retry_after = retry_after_seconds()
    is_write = request.method not in SAFE_METHODS
    context = {
        "reason": reason,
        "is_write": is_write,
        "retry_after": retry_after,
        "retry_minutes": max(1, round(retry_after / 60)),
        "site_name": settings.SITE_NAME,
        "resubmit_to": request.get_full_path() if is_write else "",
        "fields": _resubmittable_fields(request) if is_write else None,
    }
    # No request passed: no context processor runs, and so nothing here reads the session, the user or the database.
    content = loader.get_template(TEMPLATE).render(context)
    response = HttpResponse(content, status=503, content_type="text/html; charset=utf-8")
    response.headers["Retry-After"] = str(retry_after)
    response.headers["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest, template_name: str = defaults.ERROR_500_TEMPLATE_NAME) -> HttpResponse:
    """``handler500``: a 503 that says "try again" for a database outage, Django's own 500 page for anything else."""
    if is_database_unavailable(sys.exc_info()[1]):
        return unavailable_response(request, reason=DATABASE)
    return defaults.server_error(request, template_name)
