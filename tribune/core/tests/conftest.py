"""Fixtures of the core app's tests."""

import pytest
from django_tasks_db.models import DBTaskResult

from tribune.core.models import Heartbeat, TaskEffect

DATABASE_BACKEND = {"default": {"BACKEND": "tribune.core.task_backend.DatabaseBackend"}}


@pytest.fixture
def committed(django_db_setup, django_db_blocker, settings):
    """Queries commit at once, as in the worker's process; the database task backend; the rows cleaned after."""
    settings.TASKS = DATABASE_BACKEND
    with django_db_blocker.unblock():
        try:
            yield
        finally:
            DBTaskResult.objects.all().delete()
            TaskEffect.objects.all().delete()
            Heartbeat.objects.all().delete()
