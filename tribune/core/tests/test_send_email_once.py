"""``send_email`` sends at most once per task, whatever a killed worker left behind (issue 12, failure 4): through
a real SMTP server on the loopback interface (aiosmtpd), by workers in this process and in a killed one."""

import signal

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.db import connection

from tests.smtp import free_port
from tribune.core import task_leases
from tribune.core.models import TaskEffect
from tribune.core.tasks import send_email

from .test_worker_resilience import (
    WORKER_ARGS,
    claimed_long_ago,
    make_worker,
    manage_py,
    on_postgresql,
    status_of,
    wait_for,
)


def send_to_the_desk():
    return send_email.enqueue(
        subject="Corrections desk", body="A reader asks for a correction.", recipients=["desk@example.org"]
    )


def test_a_retry_after_the_email_was_sent_does_not_send_it_again(committed, smtp, settings):
    result = send_to_the_desk()
    make_worker(batch=True).run()
    assert status_of(result) == TaskResultStatus.SUCCESSFUL
    assert len(smtp.messages) == 1
    assert smtp.messages[0]["Message-ID"].startswith(f"<{result.id}.send_email@")

    # The worker died after the send, before it could mark the task done: the lease hands it to another worker.
    settings.TRIBUNE_TASK_LEASE_SECONDS = 60
    claimed_long_ago(result, attempts=1, seconds=120)
    make_worker(batch=True).run()

    assert status_of(result) == TaskResultStatus.SUCCESSFUL
    assert DBTaskResult.objects.get(id=result.id).return_value == 0
    assert len(smtp.messages) == 1


def test_an_attempt_the_mail_server_refused_leaves_nothing_behind_so_a_retry_sends_it(committed, smtp, settings):
    server_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nobody listens there
    result = send_to_the_desk()
    make_worker(batch=True).run()
    assert status_of(result) == TaskResultStatus.FAILED
    assert not TaskEffect.objects.exists()  # nothing left: nothing was sent

    settings.EMAIL_PORT = server_port
    DBTaskResult.objects.filter(id=result.id).update(status=TaskResultStatus.READY)  # queued again, as staff would
    make_worker(batch=True).run()

    assert status_of(result) == TaskResultStatus.SUCCESSFUL
    assert len(smtp.messages) == 1


@on_postgresql
def test_a_worker_killed_while_the_mail_server_had_the_message_leaves_it_sent_once(committed, smtp, settings):
    smtp.hold.set()
    result = send_to_the_desk()
    port = settings.EMAIL_PORT
    environment = {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "EMAIL_USE_TLS": "false"}
    worker = manage_py(*WORKER_ARGS, database_name=connection.settings_dict["NAME"], extra_env=environment)
    try:
        assert wait_for(lambda: len(smtp.messages) == 1)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    smtp.hold.clear()
    assert status_of(result) == TaskResultStatus.RUNNING

    settings.TRIBUNE_TASK_LEASE_SECONDS = 1
    assert wait_for(lambda: task_leases.recover_stale_tasks().requeued == [str(result.id)], seconds=10)
    make_worker(batch=True).run()

    row = DBTaskResult.objects.get(id=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "tribune.core.tasks.EmailMayHaveBeenSent"
    assert len(smtp.messages) == 1
