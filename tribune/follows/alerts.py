"""Email alerts: when an article is first published, readers who asked for instant alerts and follow one of its
experts, topics or countries, or its section, get one email each, in their language, with a link that turns alerts
off without signing in; readers who asked for a daily email get the day's articles in one (``send_daily_digests``).

An article's alerts are sent once (``ArticleAlert``), whatever publishes it again. A reader is alerted to the articles
of the edition they read email in: one alert per story, not one per translation.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from tribune.accounts.mail import email_language, mail_users
from tribune.core.sites import public_url
from tribune.newsroom.models import ArticleByline, ArticlePage, ArticlePageTopic, SectionPage
from tribune.newsroom.selectors import published_articles

from .models import AlertFrequency, AlertPreference, ArticleAlert, Follow, FollowKind
from .selectors import followed_articles, reader_follows

TOKEN_SALT = "tribune.follows.alerts-off"  # noqa: S105 - a signing namespace, not a secret


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


def followers_to_alert(article: ArticlePage) -> list:
    """Active readers with instant alerts who follow something of ``article``, reading email in its language."""
    section_keys = SectionPage.objects.filter(path=article.path[: -ArticlePage.steplen]).values("translation_key")
    matching = Follow.objects.filter(
        Q(kind=FollowKind.EXPERT, contributor_id__in=ArticleByline.objects.filter(page=article).values("contributor"))
        | Q(kind=FollowKind.TOPIC, topic_id__in=ArticlePageTopic.objects.filter(content_object=article).values("tag"))
        | Q(kind=FollowKind.COUNTRY, country_id__in=article.countries.values("pk"))
        | Q(kind=FollowKind.SECTION, section__translation_key__in=section_keys)
    )
    readers = get_user_model().objects.filter(
        is_active=True,
        follow_alerts__frequency=AlertFrequency.INSTANT,
        pk__in=matching.values("user_id"),
    )
    language = article.locale.language_code
    return [reader for reader in readers.order_by("pk") if email_language(reader) == language]


def send_article_alerts(article_id: int) -> int:
    """Email the article's followers who asked for alerts, once per article; the number of readers emailed."""
    article = published_articles().filter(pk=article_id).select_related("locale").first()
    if article is None:
        return 0  # unpublished again, embargoed or deleted before the task ran
    try:
        with transaction.atomic():
            ArticleAlert.objects.create(article=article)
    except IntegrityError:
        return 0  # already sent
    readers = followers_to_alert(article)
    with translation.override(article.locale.language_code):
        link = public_url(article.url)
    for reader in readers:
        mail_users(
            "follows/email/alert.txt", {"article": article, "link": link, "alerts_off": _off_link(reader)}, [reader]
        )
    return len(readers)


DIGEST_INTERVAL = datetime.timedelta(hours=24)
# A run an hour early (the scheduler counts from its own start) still finds a reader due.
DIGEST_SLACK = datetime.timedelta(minutes=90)
DIGEST_LIMIT = 20


def _off_link(reader) -> str:
    with translation.override(email_language(reader)):
        return public_url(reverse("alerts_off", args=[alerts_off_token(reader)]))


def send_daily_digests(now: datetime.datetime | None = None) -> int:
    """Email each reader with daily alerts who is due (a day since their last digest) the articles first published
    since then in their edition from what they follow; the number of digests sent. A reader's window moves on before
    their email is queued, so a run that stops half-way never sends anyone the same articles twice."""
    now = now or timezone.now()
    due = (
        AlertPreference.objects.filter(frequency=AlertFrequency.DAILY, user__is_active=True)
        .exclude(digest_until__gt=now - DIGEST_INTERVAL + DIGEST_SLACK)
        .select_related("user")
        .order_by("pk")
    )
    sent = 0
    for preference in due:
        reader = preference.user
        since = preference.digest_until or now - DIGEST_INTERVAL
        language = email_language(reader)
        with translation.override(language):
            articles = list(
                followed_articles(reader_follows(reader)).filter(
                    first_published_at__gt=since, first_published_at__lte=now
                )[:DIGEST_LIMIT]
            )
            links = [(article, public_url(article.url)) for article in articles]
            my_tribune = public_url(reverse("my_tribune"))
        AlertPreference.objects.filter(pk=preference.pk).update(digest_until=now)
        if links:
            context = {
                "articles": links,
                "alerts_off": _off_link(reader),
                "my_tribune": my_tribune,
            }
            mail_users("follows/email/digest.txt", context, [reader])
            sent += 1
    return sent
