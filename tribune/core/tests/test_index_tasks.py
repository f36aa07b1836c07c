"""Wagtail's per-object search-index and reference-index updates wait for the task worker. An object deleted while
its update waited is a quiet no-op, not a failed task with a traceback; a live object is indexed as before."""

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from django.test import override_settings

from wagtail.models import ReferenceIndex

from tests.factories import make_article
from tribune.newsroom.models import ArticlePage
from tribune.settings import base


def _worker_drains_the_queue():
    """What db_worker does with each ready task: claim it, run it, record the outcome. (Its loop around this also
    recycles database connections, which the test's transaction would not survive on PostgreSQL.)"""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    for result in DBTaskResult.objects.ready():
        result.claim(worker.worker_id)
        worker.run_task(result)


@pytest.fixture
def database_tasks():
    """The project's own task backend (the database one the worker reads), not the tests' immediate one."""
    with override_settings(TASKS=base.TASKS):
        yield


def test_index_updates_for_objects_deleted_before_the_worker_ran_succeed_quietly(database_tasks, section, caplog):
    article = make_article(section, title="Gone before the worker came")
    queued = DBTaskResult.objects.count()
    article.delete()  # the page and its bylines, whose index updates are still queued

    with caplog.at_level("INFO"):
        _worker_drains_the_queue()

    assert queued >= 3  # the page's search entry, its reference index, each byline's
    statuses = set(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == {TaskResultStatus.SUCCESSFUL}
    assert not [record for record in caplog.records if record.levelname in {"WARNING", "ERROR", "CRITICAL"}]


def test_a_live_objects_queued_index_updates_still_index_it(database_tasks, section):
    article = make_article(section, title="Quinoa harvest outlook")
    ReferenceIndex.objects.all().delete()
    assert not ArticlePage.objects.live().search("Quinoa")

    _worker_drains_the_queue()

    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    assert ReferenceIndex.objects.filter(object_id=str(article.pk)).exists()
    assert [page.pk for page in ArticlePage.objects.live().search("Quinoa")] == [article.pk]
