"""The task worker and the scheduler live through database outages (issue 12, failure 3) and tasks lost with a
killed worker run again, once (failure 4).

Workers and schedulers run as they do in production: against committed data in the test database (no test
transaction around them, since they open, close and reopen their own connections), in this thread, in a thread of
their own, or as a ``manage.py db_worker`` process killed with SIGKILL. The rows they leave are deleted after each
test (tables only these tests write), so no flush takes the migrations' data from the tests that follow. (The
test database is set up for a session that has a test using ``db``: this module has some.)
"""

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import OperationalError, connection

from tribune.core import liveness, task_leases
from tribune.core.models import Heartbeat, TaskEffect
from tribune.core.outages import Backoff
from tribune.core.worker import ResilientWorker

from .tasks_for_tests import block_on_first_attempt, note_run, runs_of

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: a server that drops its clients and refuses new ones, and a database a second "
    "process can share (the SQLite test database lives in this process's memory)",
)


def make_worker(**options) -> ResilientWorker:
    defaults = {
        "queue_names": ["default"],
        "interval": 0.05,
        "batch": False,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "test-worker",
        "excluded_queue_names": [],
    }
    return ResilientWorker(**{**defaults, **options})


def wait_for(condition, *, seconds=30.0, step=0.05):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def status_of(result) -> str:
    return DBTaskResult.objects.values_list("status", flat=True).get(id=result.id)


def messages(caplog, text) -> list[str]:
    return [record.getMessage() for record in caplog.records if text in record.getMessage()]


class FailingQueries:
    """Every query fails as on a database that went away, until ``count`` of them have."""

    def __init__(self, count):
        self.remaining = count

    def __call__(self, execute, sql, params, many, context):
        if self.remaining > 0:
            self.remaining -= 1
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)


def test_the_worker_waits_out_database_errors_logs_the_outage_once_and_then_runs_the_queued_task(committed, caplog):
    result = note_run.enqueue("after-the-outage")
    worker = make_worker(max_loops=40)
    worker.backoff = Backoff(first=0.01, ceiling=0.05)
    failing = FailingQueries(12)

    with caplog.at_level(logging.INFO, logger="tribune.worker"), connection.execute_wrapper(failing):
        worker.run()  # django-tasks-db's loop raised out of run() at the first error

    assert failing.remaining == 0
    assert status_of(result) == TaskResultStatus.SUCCESSFUL
    assert runs_of("after-the-outage") == 1
    assert len(messages(caplog, "the database is unavailable")) == 1
    assert len(messages(caplog, "the database is back")) == 1
    heartbeat = Heartbeat.objects.get(name=liveness.WORKER)
    assert heartbeat.last_failure is not None  # written once the database was back
    assert "server closed the connection" in heartbeat.last_error
    assert heartbeat.last_seen >= heartbeat.last_failure


@contextmanager
def postgresql_outage():
    """What a restart does to clients: every other connection to the test database is terminated, and new ones
    are refused until the block ends. This test's own connection stays open to watch; the switch is thrown from
    the server's maintenance database (PostgreSQL will not refuse connections to the database one is in)."""
    import psycopg

    name = connection.settings_dict["NAME"]
    own_pid = connection.cursor().connection.info.backend_pid
    params = connection.get_connection_params()
    admin = psycopg.connect(
        host=params.get("host"), port=params.get("port"), user=params.get("user"), dbname="postgres", autocommit=True
    )
    quoted = connection.ops.quote_name(name)
    try:
        admin.execute(f"ALTER DATABASE {quoted} ALLOW_CONNECTIONS false")
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> %s", [name, own_pid]
        )
        yield
    finally:
        admin.execute(f"ALTER DATABASE {quoted} ALLOW_CONNECTIONS true")
        admin.close()


def in_thread(target, *args) -> threading.Thread:
    """A daemon thread that closes its own database connections when it ends (or the test database could not be
    dropped at the end of the session)."""
    from django.db import connections

    def run():
        try:
            target(*args)
        finally:
            connections.close_all()

    return threading.Thread(target=run, daemon=True)


@on_postgresql
def test_the_worker_survives_a_postgresql_restart_and_runs_a_task_queued_during_it(committed, caplog):
    worker = make_worker(max_loops=100_000)
    thread = in_thread(worker.run)
    with caplog.at_level(logging.INFO, logger="tribune.worker"):
        thread.start()
        try:
            assert wait_for(lambda: Heartbeat.objects.filter(name=liveness.WORKER).exists())
            with postgresql_outage():
                assert wait_for(lambda: worker.outage.ongoing, seconds=10)
                result = note_run.enqueue("queued-during-the-restart")
                time.sleep(1.0)  # several refused reconnections
                assert thread.is_alive()
            assert wait_for(lambda: status_of(result) == TaskResultStatus.SUCCESSFUL)
            assert thread.is_alive()
        finally:
            worker.running = False
            thread.join(timeout=30)

    assert runs_of("queued-during-the-restart") == 1
    assert len(messages(caplog, "the database is unavailable")) == 1
    assert len(messages(caplog, "the database is back")) == 1


@on_postgresql
def test_the_scheduler_survives_a_postgresql_restart_and_runs_again_soon_after(committed, settings, caplog):
    settings.TRIBUNE_SCHEDULE = [("publish_scheduled", 0.2)]
    thread = in_thread(call_command, "run_scheduler", "--tick", "0.05", "--max-loops", "300")
    with caplog.at_level(logging.INFO, logger="tribune.scheduler"):
        thread.start()
        assert wait_for(lambda: Heartbeat.objects.filter(name="publish_scheduled", last_success__isnull=False).exists())
        with postgresql_outage():
            time.sleep(1.5)
        back = time.time()
        assert wait_for(
            lambda: Heartbeat.objects.filter(
                name="publish_scheduled", last_success__gt=_utc(back), last_failure__isnull=False
            ).exists(),
            seconds=20,
        )
        assert thread.is_alive()  # still looping, not wedged on a closed connection
        thread.join(timeout=60)

    heartbeat = Heartbeat.objects.get(name="publish_scheduled")
    assert heartbeat.last_failure < heartbeat.last_success
    assert len(messages(caplog, "the database is unavailable")) == 1
    assert len(messages(caplog, "the database is back")) == 1


def _utc(timestamp):
    import datetime

    return datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC)


# Lost tasks: the lease.


def claimed_long_ago(result, *, attempts=1, seconds=3600):
    """The state a worker killed mid-task leaves: RUNNING, started ``seconds`` ago, claimed ``attempts`` times."""
    import datetime

    from django.utils import timezone

    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(seconds=seconds),
        worker_ids=[f"lost-worker-{n}" for n in range(attempts)],
    )


def test_a_task_left_running_past_its_lease_is_queued_again_and_runs_once(committed, settings):
    settings.TRIBUNE_TASK_LEASE_SECONDS = 60
    lost = note_run.enqueue("lost-with-its-worker")
    claimed_long_ago(lost, seconds=120)
    recent = note_run.enqueue("still-running-elsewhere")
    claimed_long_ago(recent, seconds=10)

    assert liveness.status()["tasks"]["stuck_running"] == 1
    make_worker(batch=True).run()  # its first loop recovers, then runs what is due

    assert status_of(lost) == TaskResultStatus.SUCCESSFUL
    assert runs_of("lost-with-its-worker") == 1
    assert DBTaskResult.objects.get(id=lost.id).worker_ids == ["lost-worker-0", "test-worker"]
    assert status_of(recent) == TaskResultStatus.RUNNING  # within its lease: its worker may still be at it
    assert runs_of("still-running-elsewhere") == 0
    assert liveness.status()["tasks"]["stuck_running"] == 0


def test_a_task_lost_on_its_last_attempt_is_marked_failed_with_a_clear_error(committed, settings):
    settings.TRIBUNE_TASK_LEASE_SECONDS = 60
    settings.TRIBUNE_TASK_MAX_ATTEMPTS = 3
    doomed = note_run.enqueue("lost-three-times")
    claimed_long_ago(doomed, attempts=3)

    recovery = task_leases.recover_stale_tasks()

    assert recovery.failed == [str(doomed.id)] and recovery.requeued == []
    row = DBTaskResult.objects.get(id=doomed.id)
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "tribune.core.task_leases.TaskAbandoned"
    assert "stopped before it finished, 3 times" in row.traceback
    assert note_run.get_backend().get_result(str(doomed.id)).errors[0].exception_class is task_leases.TaskAbandoned
    make_worker(batch=True).run()
    assert runs_of("lost-three-times") == 0


def test_a_fresh_database_has_no_stuck_task_and_warns_that_nothing_ran_yet(db):
    summary = liveness.status()

    assert summary["tasks"] == {
        "waiting": 0,
        "oldest_waiting_seconds": None,
        "stuck_running": 0,
        "lease_seconds": 600,
    }
    assert summary["warnings"] == [
        "Scheduled publishing has never run.",
        "The task worker has never been seen.",
    ]
    assert not summary["ok"]


def test_a_task_finished_meanwhile_is_not_queued_again(committed, settings):
    settings.TRIBUNE_TASK_LEASE_SECONDS = 60
    result = note_run.enqueue("finished-late")
    claimed_long_ago(result)
    DBTaskResult.objects.filter(id=result.id).update(status=TaskResultStatus.SUCCESSFUL)

    assert task_leases.recover_stale_tasks().requeued == []
    assert status_of(result) == TaskResultStatus.SUCCESSFUL


def manage_py(*args, database_name, extra_env=None, **popen):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tribune.settings.base",
        "DATABASE_URL": _database_url(database_name),
        "LOG_LEVEL": "WARNING",
        **(extra_env or {}),
    }
    command = [sys.executable, "manage.py", *args]
    return subprocess.Popen(command, cwd=django_settings.BASE_DIR, env=env, **popen)  # noqa: S603 - our own manage.py


def _database_url(name):
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


WORKER_ARGS = ("db_worker", "--no-startup-delay", "--interval", "0.1", "--no-reload")


@on_postgresql
def test_a_task_in_flight_when_its_worker_is_killed_is_retried_after_the_lease_and_completes_once(committed, settings):
    name = connection.settings_dict["NAME"]
    result = block_on_first_attempt.enqueue("killed-mid-task")
    first = manage_py(*WORKER_ARGS, database_name=name)
    try:
        assert wait_for(lambda: TaskEffect.objects.filter(key="started:killed-mid-task").exists())
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    assert status_of(result) == TaskResultStatus.RUNNING  # what the issue saw: forever, until now

    settings.TRIBUNE_TASK_LEASE_SECONDS = 1
    assert wait_for(lambda: task_leases.recover_stale_tasks().requeued == [str(result.id)], seconds=10)
    second = manage_py(*WORKER_ARGS, "--batch", database_name=name)
    assert second.wait(timeout=60) == 0

    assert status_of(result) == TaskResultStatus.SUCCESSFUL
    assert runs_of("killed-mid-task") == 1
    assert len(DBTaskResult.objects.get(id=result.id).worker_ids) == 2


@on_postgresql
def test_the_worker_itself_requeues_a_killed_workers_task_once_its_lease_ends(committed):
    name = connection.settings_dict["NAME"]
    result = block_on_first_attempt.enqueue("recovered-by-the-worker")
    first = manage_py(*WORKER_ARGS, database_name=name)
    try:
        assert wait_for(lambda: TaskEffect.objects.filter(key="started:recovered-by-the-worker").exists())
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)

    second = manage_py(*WORKER_ARGS, database_name=name, extra_env={"TRIBUNE_TASK_LEASE_SECONDS": "2"})
    try:
        assert wait_for(lambda: status_of(result) == TaskResultStatus.SUCCESSFUL, seconds=30)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    assert runs_of("recovered-by-the-worker") == 1


def test_manage_py_db_worker_is_tribunes_worker_not_django_tasks_dbs(settings):
    from django.core.management import get_commands, load_command_class

    from .conftest import DATABASE_BACKEND

    settings.TASKS = DATABASE_BACKEND  # the test settings' immediate backend has no worker

    assert get_commands()["db_worker"] == "tribune.core"  # core precedes django_tasks_db in INSTALLED_APPS
    command = load_command_class("tribune.core", "db_worker")
    parser = command.create_parser("manage.py", "db_worker")
    assert parser.parse_args(["--max-loops", "3"]).max_loops == 3
