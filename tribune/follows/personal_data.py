"""What follows holds about a reader, for their data export (``accounts.personal_data``)."""

from django.utils.translation import gettext_lazy as _

from tribune.core.sites import public_url

from .models import AlertDelivery, Follow, SavedArticle
from .selectors import alert_frequency, reader_follows

FOLLOWS_DESCRIPTION = _("The experts, topics, sections and countries you follow, and since when.")
SAVED_DESCRIPTION = _("The articles you saved for later, and when you saved them.")
ALERTS_DESCRIPTION = _("Whether you get email alerts, and the alert emails sent to you.")


def _name(follow: Follow) -> str:
    target = follow.target
    return getattr(target, "name", None) or getattr(target, "title", "")


def _url(target) -> str | None:
    # Experts, topics and countries have their own views; a section is a page of the tree.
    url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else target.url
    return public_url(url) if url else None


def follows(user) -> list[dict]:
    return [
        {
            "kind": follow.kind,
            "name": _name(follow),
            "url": _url(follow.target),
            "followed": follow.created_at.isoformat(),
        }
        for follow in reversed(reader_follows(user))
    ]


def saved_articles(user) -> list[dict]:
    saved = SavedArticle.objects.filter(user=user).select_related("article").order_by("saved_at", "pk")
    return [
        {
            "title": item.article.title,
            "url": public_url(item.article.url) if item.article.url else None,
            "saved": item.saved_at.isoformat(),
        }
        for item in saved
    ]


def alert_emails(user) -> dict:
    deliveries = AlertDelivery.objects.filter(user=user).select_related("article").order_by("created_at", "pk")
    return {
        "frequency": alert_frequency(user),
        "emails": [
            {
                "about": delivery.article.title if delivery.article_id else "daily digest",
                "until": delivery.digest_until.isoformat() if delivery.digest_until else None,
                "state": delivery.state,
                "sent": delivery.created_at.isoformat(),
            }
            for delivery in deliveries
        ],
    }
