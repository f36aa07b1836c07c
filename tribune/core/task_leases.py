"""Tasks lost with their worker: django-tasks-db marks a task RUNNING when a worker claims it and only the same
worker marks it finished, so a worker killed mid-task (kill -9, out of memory, a machine lost) leaves it RUNNING
forever. A RUNNING task started more than ``TRIBUNE_TASK_LEASE_SECONDS`` ago is taken for lost and queued again
(READY), until it has been started ``TRIBUNE_TASK_MAX_ATTEMPTS`` times; then it is marked FAILED with
``TaskAbandoned`` as its error. Each claim appends the worker's id to ``worker_ids``, which counts the attempts.

The lease is a bound on how long a task may run: one still running after it would be started a second time. The
task worker runs the recovery every minute (``core.worker``); handlers with effects outside the database make a
second run harmless (``core.tasks.send_email`` sends at most once per task).
"""

import datetime
import logging
from dataclasses import dataclass, field

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.utils import timezone

from . import conf

logger = logging.getLogger(__name__)

BATCH = 100  # stale tasks handled per call; the next call takes the rest


class TaskAbandoned(Exception):
    """The error recorded on a task whose worker was lost with it too many times."""


@dataclass
class Recovery:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def stale_running_tasks(now: datetime.datetime | None = None):
    """RUNNING tasks started before the lease (index: core migration 0002)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=conf.task_lease_seconds())
    return DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)


def recover_stale_tasks(*, now: datetime.datetime | None = None) -> Recovery:
    """Queue again, or fail after the last attempt, every task whose worker's lease ran out. Each row changes only
    if it is still the same stale claim (status and start time unchanged), so two workers recovering at once, or a
    slow worker finishing the task meanwhile, never make it run twice from here."""
    now = now or timezone.now()
    max_attempts = conf.task_max_attempts()
    recovery = Recovery()
    stale = list(stale_running_tasks(now).order_by("started_at").values("id", "started_at", "worker_ids")[:BATCH])
    for row in stale:
        still_stale = DBTaskResult.objects.filter(
            id=row["id"], status=TaskResultStatus.RUNNING, started_at=row["started_at"]
        )
        attempts = len(row["worker_ids"] or [])
        if attempts >= max_attempts:
            changed = still_stale.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                return_value=None,
                exception_class_path=f"{TaskAbandoned.__module__}.{TaskAbandoned.__qualname__}",
                traceback=(
                    f"TaskAbandoned: the worker running this task stopped before it finished, {attempts} times "
                    f"(TRIBUNE_TASK_MAX_ATTEMPTS={max_attempts}); it is not retried again.\n"
                ),
            )
            if changed:
                recovery.failed.append(str(row["id"]))
        elif still_stale.update(status=TaskResultStatus.READY):
            recovery.requeued.append(str(row["id"]))
    if recovery.requeued:
        logger.warning("Queued again %d task(s) whose worker was lost: %s", len(recovery.requeued), recovery.requeued)
    if recovery.failed:
        logger.error(
            "Marked failed %d task(s) lost with their worker %d times: %s",
            len(recovery.failed),
            max_attempts,
            recovery.failed,
        )
    return recovery
