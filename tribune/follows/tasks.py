from django_tasks import task

from . import sending


@task()
def article_alerts(article_id: int) -> int:
    """Send an article's instant alerts; queued once a publish that makes it live is committed."""
    return sending.article_alerts_send(article_id, time_budget=sending.RUN_SECONDS)


@task()
def daily_digests() -> int:
    """Send the daily digests of the readers who are due; queued every hour by ``send_follow_digests``."""
    return sending.daily_digests_send(time_budget=sending.RUN_SECONDS)
