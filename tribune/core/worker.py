"""The task worker: django-tasks-db's ``Worker`` made to live through database outages and lost workers.

django-tasks-db's loop lets any database error end the process (a PostgreSQL restart killed ``db_worker`` with a
traceback). This one catches what an unreachable database raises (``outages.DATABASE_UNAVAILABLE``), closes its
connections so the next try opens a fresh one, waits with back-off (0.5 s doubling to 15 s, with jitter) and goes
on; it logs an outage once when it starts and once when it ends. A task's outcome that could not be written because
the database went away mid-task is kept and written when the database is back, rather than lost.

Each loop it also records that it is alive (``core.liveness``, every ``HEARTBEAT_SECONDS``) and, every
``recovery_seconds()``, queues again the tasks of workers lost mid-task (``core.task_leases``). While the site is in
read-only maintenance (``core.maintenance``) it claims no task.
"""

import logging
import random
import time

from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from django.core.exceptions import SuspiciousOperation
from django.db import OperationalError

from . import conf, liveness, task_leases
from .maintenance import MaintenancePause
from .outages import DATABASE_UNAVAILABLE, Backoff, Outage, forget_connections, refresh_connections

logger = logging.getLogger("tribune.worker")

HEARTBEAT_SECONDS = 10.0


def recovery_seconds() -> float:
    """How often the worker looks for lost tasks: every minute, sooner when the lease is shorter."""
    return max(1.0, min(60.0, conf.task_lease_seconds() / 2))


class ResilientWorker(Worker):
    def __init__(self, *, max_loops: int | None = None, **options):
        super().__init__(**options)
        self.max_loops = max_loops
        self.backoff = Backoff()
        self.outage = Outage(logger, f"Task worker {self.worker_id}")
        self._next_recovery = 0.0
        self._next_heartbeat = 0.0
        self._unsaved_outcome = None
        self.maintenance = MaintenancePause(logger, f"Task worker {self.worker_id}")

    def run(self) -> None:
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names))
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - spreads workers started together
        loops = 0
        while self.running:
            loops += 1
            try:
                if self.maintenance.holding():  # read-only maintenance: claim nothing, write nothing
                    stop, busy = False, False
                else:
                    stop, busy = self.loop_once()
            except DATABASE_UNAVAILABLE as error:
                stop, busy = False, True  # the back-off is this loop's wait
                self._database_failed(error)
            else:
                if self.outage.ongoing:
                    self.outage.recovered()
                    self.backoff.reset()
                    self._next_heartbeat = 0.0  # say at once that the worker is back (and write the outage)
            if stop or (self.max_loops is not None and loops >= self.max_loops):
                return
            # A signal may have cleared self.running during a task: exit at once rather than sleep.
            if self.running and not busy:
                time.sleep(self.interval)

    def loop_once(self) -> tuple[bool, bool]:
        """One turn of django-tasks-db's loop: claim the next due task and run it. Returns (stop, ran a task)."""
        refresh_connections()  # connections dropped or expired while this worker slept
        self._save_unsaved_outcome()
        self._housekeeping()

        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)

        retrieved = True
        with exclusive_transaction(tasks.db):
            try:
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)  # no other worker runs it now
            except OperationalError as error:
                if not is_locked_database_exception(error):
                    raise
                retrieved, task_result = False, None  # SQLite busy: it unlocks soon

        if task_result is not None:
            self.run_task(task_result)
        if self.batch and retrieved and task_result is None:
            logger.info("No more tasks to run for worker_id=%s - exiting gracefully.", self.worker_id)
            return True, False
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            logger.info("Ran the maximum of %d tasks on worker_id=%s - exiting.", self._run_tasks, self.worker_id)
            return True, True
        refresh_connections()
        return False, task_result is not None

    def run_task(self, db_task_result: DBTaskResult) -> None:
        """Run a claimed task and record its outcome. Unlike django-tasks-db's, an outcome that cannot be written
        because the database is unavailable is kept (and written by a later loop) and the error goes up to ``run``."""
        self.running_task = True
        try:
            task = db_task_result.task
            task_result = db_task_result.task_result
            task_started.send(sender=type(task.get_backend()), task_result=task_result)
            if task.takes_context:
                value = task.call(TaskContext(task_result=task_result), *task_result.args, **task_result.kwargs)
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
        except BaseException as error:  # noqa: BLE001 - as django-tasks-db: any failure is the task's outcome
            outcome = ("failed", error)
        else:
            outcome = ("successful", value)
        finally:
            self.running_task = False
            self._run_tasks += 1
        self._save_outcome(db_task_result, *outcome)

    def _save_outcome(self, db_task_result, kind, payload) -> None:
        try:
            if kind == "successful":
                try:
                    db_task_result.set_successful(payload)
                except DATABASE_UNAVAILABLE:
                    raise
                except Exception as error:  # noqa: BLE001 - a return value that cannot be stored fails the task
                    kind, payload = "failed", error
            if kind == "failed":
                db_task_result.set_failed(payload)
        except DATABASE_UNAVAILABLE:
            self._unsaved_outcome = (db_task_result, kind, payload)
            raise
        self._unsaved_outcome = None
        try:
            sender = type(db_task_result.task.get_backend())
        except (ImportError, SuspiciousOperation):
            logger.exception("Task id=%s failed unexpectedly", db_task_result.id)
        else:
            task_finished.send(sender=sender, task_result=db_task_result.task_result)

    def _save_unsaved_outcome(self) -> None:
        if self._unsaved_outcome is None:
            return
        db_task_result, kind, payload = self._unsaved_outcome
        # Unless the lease ran out meanwhile and the task went back to the queue (or another worker has it).
        still_ours = DBTaskResult.objects.filter(
            id=db_task_result.id, status=TaskResultStatus.RUNNING, started_at=db_task_result.started_at
        ).exists()
        if still_ours:
            self._save_outcome(db_task_result, kind, payload)
        else:
            self._unsaved_outcome = None

    def _housekeeping(self) -> None:
        now = time.monotonic()
        # Until a heartbeat is written (the first loop, the first after an outage), every loop tries.
        if now >= self._next_heartbeat and liveness.record_run(liveness.WORKER, ok=True):
            self._next_heartbeat = now + HEARTBEAT_SECONDS
        if now >= self._next_recovery:
            task_leases.recover_stale_tasks()
            self._next_recovery = now + recovery_seconds()

    def _database_failed(self, error: BaseException) -> None:
        starting = not self.outage.ongoing
        self.outage.failed(error)
        forget_connections()
        if starting:
            # Written when the database is back if it cannot be now (liveness keeps it).
            liveness.record_run(liveness.WORKER, ok=False, error=f"{type(error).__name__}: {error}")
            forget_connections()
        delay = self.backoff.next_delay()
        self.running_task = False
        time.sleep(delay)
