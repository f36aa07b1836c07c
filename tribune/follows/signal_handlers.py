from django.db import transaction

from wagtail.signals import page_published

from tribune.newsroom.models import ArticlePage

from .models import AlertFrequency, AlertPreference, ArticleAlert


def on_article_published(sender, instance: ArticlePage, **kwargs):
    """Queue the article's alerts after the publish is committed, unless they went out before or nobody asked for
    alerts (so loading or updating content on an outlet without them queues nothing)."""
    if not AlertPreference.objects.filter(frequency=AlertFrequency.INSTANT).exists():
        return
    if ArticleAlert.objects.filter(article_id=instance.pk).exists():
        return
    from .tasks import article_alerts

    article_id = instance.pk
    transaction.on_commit(lambda: article_alerts.enqueue(article_id))


def register():
    page_published.connect(on_article_published, sender=ArticlePage, dispatch_uid="tribune_follows_alerts")
