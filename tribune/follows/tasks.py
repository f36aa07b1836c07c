from django_tasks import task

from . import alerts


@task()
def article_alerts(article_id: int) -> int:
    """Send an article's alerts; queued once its first publish is committed."""
    return alerts.send_article_alerts(article_id)
