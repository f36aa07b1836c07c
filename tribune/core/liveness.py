"""Is background work getting done? The scheduler records each command's runs and the task worker its loop
(``record_run``); ``status()`` sums it up, with the task queue, for the admin's "Background work" panel and for a
readiness probe.

``status()`` costs at most four indexed queries (the heartbeat rows, the due READY tasks, the RUNNING tasks past
their lease, whether any task runs) and raises ``django.db.DatabaseError`` when the database cannot be reached: a
caller that must answer anyway (a probe) catches it.
"""

import datetime
import logging
import threading

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Min, Q
from django.utils import timezone

from . import conf
from .models import Heartbeat
from .task_leases import stale_running_tasks

logger = logging.getLogger(__name__)

SCHEDULED_PUBLISHING = "publish_scheduled"
WORKER = "db_worker"
# The worker is "not seen" after this long without a loop, unless a task is running (a long task keeps it away).
WORKER_STALE_SECONDS = 120
# Due tasks waiting longer than this are worth a warning: the worker is behind or stopped.
QUEUE_STALE_SECONDS = 120

# Failures that could not be written (the database was the failure): written with the next record that can be.
_unwritten_failures: dict[str, tuple[datetime.datetime, str]] = {}
_unwritten_lock = threading.Lock()


def record_run(name: str, ok: bool, error: str = "") -> bool:
    """Record that the job ``name`` ran now, successfully or not (with its error). Never raises: liveness must not
    stop the work it watches. Returns whether the record was written."""
    now = timezone.now()
    try:
        with _unwritten_lock:
            pending = _unwritten_failures.pop(name, None)
        if pending is not None:
            _write(name, failed_at=pending[0], error=pending[1])
        _write(name, seen_at=now, **({"succeeded_at": now} if ok else {"failed_at": now, "error": error}))
    except DatabaseError as database_error:
        if not ok or pending is not None:
            with _unwritten_lock:
                _unwritten_failures[name] = (now, error) if not ok else pending
        logger.debug("Could not record the run of %s: %s", name, database_error)
        return False
    return True


def _write(name, *, seen_at=None, succeeded_at=None, failed_at=None, error=""):
    fields = {}
    if seen_at is not None:
        fields["last_seen"] = seen_at
    if succeeded_at is not None:
        fields["last_success"] = succeeded_at
    if failed_at is not None:
        fields.update(last_failure=failed_at, last_error=str(error)[:2000])
    Heartbeat.objects.update_or_create(name=name, defaults=fields)


def status(now: datetime.datetime | None = None) -> dict:
    """A plain summary (JSON-ready: times as ISO strings, ages in seconds, None when never seen):

    - ``scheduled_publishing``: ``last_success``, ``age_seconds`` (since it), ``last_failure``, ``last_error``,
      ``stale`` (no success for four intervals of ``publish_scheduled``, at least a minute);
    - ``worker``: ``last_seen``, ``age_seconds``, ``stale``;
    - ``tasks``: ``waiting`` (READY and due), ``oldest_waiting_seconds`` (since the oldest became due),
      ``stuck_running`` (RUNNING past ``TRIBUNE_TASK_LEASE_SECONDS``), ``lease_seconds``;
    - ``warnings``: sentences for staff, empty when all is well; ``ok``: no warning.
    """
    now = now or timezone.now()
    beats = {beat.name: beat for beat in Heartbeat.objects.filter(name__in=[SCHEDULED_PUBLISHING, WORKER])}
    never = get_date_max()
    queue = DBTaskResult.objects.ready().aggregate(
        waiting=Count("id"),
        oldest_enqueued=Min("enqueued_at", filter=Q(run_after=never)),
        oldest_deferred=Min("run_after", filter=~Q(run_after=never)),
    )
    stuck = stale_running_tasks(now).count()
    running = stuck or DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()

    publishing = beats.get(SCHEDULED_PUBLISHING)
    worker = beats.get(WORKER)
    publish_age = _age(now, publishing and publishing.last_success)
    worker_age = _age(now, worker and worker.last_seen)
    due_since = min([when for when in (queue["oldest_enqueued"], queue["oldest_deferred"]) if when], default=None)
    oldest_waiting = _age(now, due_since)

    publishing_stale = publish_age is None or publish_age > _publishing_stale_seconds()
    worker_stale = (worker_age is None or worker_age > WORKER_STALE_SECONDS) and not running
    warnings = []
    if publishing_stale:
        warnings.append(
            "Scheduled publishing has never run."
            if publish_age is None
            else f"Scheduled publishing last ran {_words(publish_age)} ago: is run_scheduler running?"
        )
    if worker_stale:
        warnings.append(
            "The task worker has never been seen."
            if worker_age is None
            else f"The task worker was last seen {_words(worker_age)} ago: is db_worker running?"
        )
    if oldest_waiting is not None and oldest_waiting > QUEUE_STALE_SECONDS:
        warnings.append(f"The oldest waiting task has waited {_words(oldest_waiting)}.")
    if stuck:
        warnings.append(
            f"{stuck} task(s) have been running longer than {_words(conf.task_lease_seconds())}; they will be "
            "queued again."
        )
    return {
        "checked_at": now.isoformat(),
        "scheduled_publishing": {
            "last_success": _iso(publishing and publishing.last_success),
            "age_seconds": publish_age,
            "last_failure": _iso(publishing and publishing.last_failure),
            "last_error": publishing.last_error if publishing else "",
            "stale": publishing_stale,
        },
        "worker": {"last_seen": _iso(worker and worker.last_seen), "age_seconds": worker_age, "stale": worker_stale},
        "tasks": {
            "waiting": queue["waiting"],
            "oldest_waiting_seconds": oldest_waiting,
            "stuck_running": stuck,
            "lease_seconds": conf.task_lease_seconds(),
        },
        "warnings": warnings,
        "ok": not warnings,
    }


def _publishing_stale_seconds() -> float:
    intervals = dict(getattr(settings, "TRIBUNE_SCHEDULE", []))
    return max(60.0, 4.0 * intervals.get(SCHEDULED_PUBLISHING, 15))


def _age(now, when) -> float | None:
    return None if not when else max(0.0, round((now - when).total_seconds(), 1))


def _iso(when) -> str | None:
    return when.isoformat() if when else None


def _words(seconds: float) -> str:
    """12 s, 4 min, 3 h, 2 days: an age as staff read it."""
    seconds = int(seconds)
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 172800:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"
