"""Background work as staff see it: the scheduler's and the worker's heartbeats, the task queue, ``status()`` and
the admin home page's panel."""

import datetime
import re

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from tribune.core import liveness
from tribune.core.models import Heartbeat
from tribune.editorial.roles import role_assign

from .conftest import DATABASE_BACKEND


@pytest.fixture
def queued(settings, db):
    """Queue ``n`` tasks that became due ``seconds`` ago."""
    from .tasks_for_tests import note_run

    settings.TASKS = DATABASE_BACKEND

    def queue(n, seconds):
        results = [note_run.enqueue(f"waiting-{i}") for i in range(n)]
        DBTaskResult.objects.filter(id__in=[r.id for r in results]).update(
            enqueued_at=timezone.now() - datetime.timedelta(seconds=seconds)
        )
        return results

    return queue


def test_the_scheduler_records_each_commands_success_and_failure(settings, capsys, db):
    settings.TRIBUNE_SCHEDULE = [("no_such_command", 10), ("publish_scheduled", 10)]

    call_command("run_scheduler", "--once")

    published = Heartbeat.objects.get(name="publish_scheduled")
    assert published.last_success is not None and published.last_failure is None
    failing = Heartbeat.objects.get(name="no_such_command")
    assert failing.last_success is None and failing.last_failure is not None
    assert "Unknown command" in failing.last_error


def test_status_sums_up_heartbeats_and_the_queue(queued, settings):
    now = timezone.now()
    Heartbeat.objects.create(name="publish_scheduled", last_success=now - datetime.timedelta(seconds=12))
    Heartbeat.objects.create(name="db_worker", last_seen=now - datetime.timedelta(seconds=3))
    queued(3, seconds=4)
    later = note_deferred(settings)

    summary = liveness.status(now=now)

    assert summary["scheduled_publishing"]["age_seconds"] == pytest.approx(12, abs=0.2)
    assert summary["worker"]["age_seconds"] == pytest.approx(3, abs=0.2)
    assert summary["tasks"]["waiting"] == 3  # the deferred one is not due yet
    assert summary["tasks"]["oldest_waiting_seconds"] == pytest.approx(4, abs=1)
    assert summary["warnings"] == [] and summary["ok"]
    assert DBTaskResult.objects.filter(id=later.id, status=TaskResultStatus.READY).exists()


def note_deferred(settings):
    from .tasks_for_tests import note_run

    return note_run.using(run_after=timezone.now() + datetime.timedelta(hours=1)).enqueue("tomorrow")


def test_status_warns_in_plain_words_when_publishing_and_the_worker_are_stale_and_tasks_wait(queued):
    now = timezone.now()
    Heartbeat.objects.create(name="publish_scheduled", last_success=now - datetime.timedelta(minutes=5))
    Heartbeat.objects.create(name="db_worker", last_seen=now - datetime.timedelta(minutes=10))
    queued(1, seconds=400)

    summary = liveness.status(now=now)

    assert summary["warnings"] == [
        "Scheduled publishing last ran 5 min ago: is run_scheduler running?",
        "The task worker was last seen 10 min ago: is db_worker running?",
        "The oldest waiting task has waited 6 min.",
    ]
    assert not summary["ok"]


def panel(client, user) -> str | None:
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    found = re.search(r'<section[^>]*data-tribune-panel="background-work".*?</section>', html, re.S)
    return re.sub(r"\s+", " ", found.group(0)) if found else None


def test_administrators_and_section_editors_see_the_background_work_panel_in_plain_words(client, queued, section):
    editor = UserFactory(username="section-editor", is_staff=True)
    role_assign(user=editor, role="editor", sections=[section])
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    DBTaskResult.objects.all().delete()  # the index updates the section's pages queued
    now = timezone.now()
    Heartbeat.objects.create(name="publish_scheduled", last_success=now - datetime.timedelta(seconds=12))
    Heartbeat.objects.create(name="db_worker", last_seen=now)
    queued(3, seconds=4)

    for user in (admin, editor):
        text = panel(client, user)
        assert text is not None
        ran = re.search(r"Scheduled publishing last ran (\d+) s ago\.", text)
        assert ran and 12 <= int(ran.group(1)) < 60
        waiting = re.search(r"3 tasks waiting, oldest (\d+) s\.", text)
        assert waiting and 4 <= int(waiting.group(1)) < 60
        assert "help-warning" not in text


def test_the_panel_warns_when_publishing_is_stale_and_is_not_shown_to_contributors(client, section, db):
    Heartbeat.objects.create(name="publish_scheduled", last_success=timezone.now() - datetime.timedelta(hours=3))
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    contributor = UserFactory(username="section-contributor", is_staff=True)
    role_assign(user=contributor, role="contributor", sections=[section])

    text = panel(client, admin)
    assert "Scheduled publishing last ran 3 h ago: is run_scheduler running?" in text
    assert "The task worker has never been seen." in text
    assert "No task is waiting." in text
    assert panel(client, contributor) is None
