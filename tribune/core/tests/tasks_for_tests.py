"""Tasks for the worker tests only (imported by the test worker process through the queued task's path)."""

import time
import uuid

from django_tasks import task

from tribune.core.models import TaskEffect


def runs_of(label: str) -> int:
    return TaskEffect.objects.filter(key__startswith=f"ran:{label}:").count()


@task()
def note_run(label: str) -> str:
    """Records one run of ``label``: a row per run, so a test counts how often it ran."""
    TaskEffect.objects.create(key=f"ran:{label}:{uuid.uuid4()}", state=TaskEffect.DONE)
    return label


@task()
def block_on_first_attempt(label: str, seconds: float = 60.0) -> str:
    """The first attempt says it started (committed) and then blocks, to be killed; later attempts record a run."""
    _, first = TaskEffect.objects.get_or_create(key=f"started:{label}")
    if first:
        time.sleep(seconds)
    TaskEffect.objects.create(key=f"ran:{label}:{uuid.uuid4()}", state=TaskEffect.DONE)
    return label
