"""The flush of buffered page views, run by the task worker (queued every minute by ``flush_page_views``)."""

from django_tasks import task

from .services import page_views_flush


@task()
def flush_page_views() -> int:
    return page_views_flush()
