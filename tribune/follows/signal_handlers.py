from django.db import transaction

from wagtail.signals import page_published

from tribune.newsroom.models import ArticlePage

from .models import AlertFrequency, AlertPreference, ArticleAlert


def on_article_published(sender, instance: ArticlePage, **kwargs):
    """Queue the article's alerts after a publish that makes it live is committed, unless they went out before or
    nobody asked for alerts (so loading or updating content on an outlet without them queues nothing).

    Wagtail sends ``page_published`` when a publish is only scheduled too (a go-live time in the future): the page is
    not live then, and the alerts wait for the publish that ``publish_scheduled`` makes at that time. An article live
    but under embargo is the task's to wait for (``sending.article_alerts_send``)."""
    if not instance.live:
        return
    if not AlertPreference.objects.filter(frequency=AlertFrequency.INSTANT).exists():
        return
    if ArticleAlert.objects.filter(article_id=instance.pk, finished_at__isnull=False).exists():
        return
    from .tasks import article_alerts

    article_id = instance.pk
    transaction.on_commit(lambda: article_alerts.enqueue(article_id))


def register():
    page_published.connect(on_article_published, sender=ArticlePage, dispatch_uid="tribune_follows_alerts")
