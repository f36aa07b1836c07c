"""Email alerts, what goes to whom: when an article comes out (its first publish, or the end of its embargo), readers
who asked for instant alerts and follow one of its experts, topics or countries, or its section, get one email each;
readers who asked for a daily email get the day's new articles in one. Each email has a link that turns alerts off
without signing in. How the emails leave (headers, batches, rate, at most once) is ``sending.py``.

An article's alerts are sent once (``ArticleAlert``), whatever publishes it again. A reader is alerted to the articles
of the edition they read email in: one alert per story, not one per translation. Addresses suspended after a hard
bounce or a complaint get nothing (``accounts.SuppressedAddress``).
"""

import datetime

from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import translation

from tribune.accounts.mail import email_language
from tribune.accounts.services import suppressed_addresses
from tribune.core.sites import public_url
from tribune.newsroom.models import ArticleByline, ArticlePage, ArticlePageTopic, SectionPage

from .models import AlertFrequency, Follow, FollowKind
from .selectors import followed_articles, reader_follows

TOKEN_SALT = "tribune.follows.alerts-off"  # noqa: S105 - a signing namespace, not a secret

# An article that came out longer ago than this is not news: a republished archive piece, or one that came out
# before anyone asked for alerts, sends none; nor does an alert whose task waited this long for a worker.
ALERT_FRESH_FOR = datetime.timedelta(hours=24)

DIGEST_INTERVAL = datetime.timedelta(hours=24)
# A run an hour early (the scheduler counts from its own start) still finds a reader due.
DIGEST_SLACK = datetime.timedelta(minutes=90)
DIGEST_LIMIT = 20


def alerts_off_token(user) -> str:
    """A token that turns ``user``'s alerts off: signed, so it cannot be forged or pointed at another reader."""
    return signing.dumps(user.pk, salt=TOKEN_SALT, compress=True)


def user_for_token(token: str):
    """The active reader a token names, or ``None`` for a forged, altered or unknown one."""
    try:
        user_id = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(user_id, int):
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def alerts_off_url(reader) -> str:
    """The reader's own off link, on the edition they read email in: in every alert's text and its headers."""
    with translation.override(email_language(reader)):
        return public_url(reverse("alerts_off", args=[alerts_off_token(reader)]))


def came_out_at(article: ArticlePage) -> datetime.datetime | None:
    """When readers could first read ``article``: its first publication, or the end of its embargo if later."""
    if article.first_published_at is None:
        return None
    if article.embargo_until and article.embargo_until > article.first_published_at:
        return article.embargo_until
    return article.first_published_at


def followers_to_alert(article: ArticlePage) -> list:
    """Active readers with instant alerts and an address not suspended, who follow something of ``article`` and
    read email in its language, in a stable order (a resumed run goes through them in the same order)."""
    section_keys = SectionPage.objects.filter(path=article.path[: -ArticlePage.steplen]).values("translation_key")
    matching = Follow.objects.filter(
        Q(kind=FollowKind.EXPERT, contributor_id__in=ArticleByline.objects.filter(page=article).values("contributor"))
        | Q(kind=FollowKind.TOPIC, topic_id__in=ArticlePageTopic.objects.filter(content_object=article).values("tag"))
        | Q(kind=FollowKind.COUNTRY, country_id__in=article.countries.values("pk"))
        | Q(kind=FollowKind.SECTION, section__translation_key__in=section_keys)
    )
    readers = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            follow_alerts__frequency=AlertFrequency.INSTANT,
            pk__in=matching.values("user_id"),
        )
        .exclude(email="")
        .order_by("pk")
    )
    language = article.locale.language_code
    suspended = suppressed_addresses(reader.email for reader in readers)
    return [
        reader
        for reader in readers
        if email_language(reader) == language and reader.email.strip().lower() not in suspended
    ]


def digest_articles(reader, *, since: datetime.datetime, until: datetime.datetime) -> list[ArticlePage]:
    """The articles of the active edition from what ``reader`` follows that came out in (``since``, ``until``],
    newest first: one whose embargo ended in the window is in it, wherever its first publication fell."""
    out_at = Greatest(F("first_published_at"), Coalesce(F("embargo_until"), F("first_published_at")))
    return list(
        followed_articles(reader_follows(reader))
        .alias(out_at=out_at)
        .filter(out_at__gt=since, out_at__lte=until)
        .order_by("-out_at", "-pk")[:DIGEST_LIMIT]
    )
