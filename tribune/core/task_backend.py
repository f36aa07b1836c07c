"""The task backend: django-tasks-db's database backend, queueing Tribune's twins of Wagtail's per-object index
tasks in their place (``tribune.core.tasks``), so that an object deleted before the worker reaches its update is a
quiet no-op rather than a failed task. Kept apart from the tasks: ``@task()`` builds the backend while modules load.
"""

from django_tasks_db import DatabaseBackend as BaseDatabaseBackend

from django.utils.module_loading import import_string

# Wagtail's task (queued by its post_save receivers) -> the twin queued instead.
TWINS = {
    "wagtail.tasks.update_reference_index_task": "tribune.core.tasks.reference_index_update",
    "modelsearch.tasks.insert_or_update_object_task": "tribune.core.tasks.search_index_update",
}


def _twin_of(task):
    twin_path = TWINS.get(task.module_path)
    if twin_path is None:
        return task
    return import_string(twin_path).using(
        priority=task.priority, queue_name=task.queue_name, run_after=task.run_after, backend=task.backend
    )


class DatabaseBackend(BaseDatabaseBackend):
    def enqueue(self, task, args, kwargs):
        return super().enqueue(_twin_of(task), args, kwargs)

    async def aenqueue(self, task, args, kwargs):
        return await super().aenqueue(_twin_of(task), args, kwargs)
