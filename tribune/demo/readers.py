"""The demo outlet's readers beyond the page: newsletter lists with a few subscribers and one issue already sent,
a day of recorded page views, and what the demo reader account follows and saved, so the newsletters' admin, "most
read", the analytics dashboard and My Tribune show something on a fresh install. Idempotent: lists, views, follows
and saved articles are added only where there are none."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Sum

from tribune.analytics.models import DailyDevices, DailyReferrers, DailyVisitors, HourlyPageViews
from tribune.contributors.models import Contributor
from tribune.follows import services as follows
from tribune.follows.models import AlertFrequency, AlertPreference, Follow, FollowKind, SavedArticle
from tribune.newsletters import services as newsletters
from tribune.newsletters.models import Issue, NewsletterList, Subscription
from tribune.newsroom.models import ArticlePage, SectionPage
from tribune.taxonomy.models import Country, Topic

LISTS = [
    {
        "slug": "daily-briefing",
        "name": "The Daily Briefing",
        "cadence": "daily",
        "language": "en",
        "description": "The morning's new analysis from our experts, in five minutes.",
    },
    {
        "slug": "weekly-digest",
        "name": "The Weekly Digest",
        "cadence": "weekly",
        "language": "en",
        "description": "The week's most discussed pieces, every Monday.",
    },
    {
        "slug": "health-notes",
        "name": "Health Notes",
        "cadence": "weekly",
        "language": "en",
        "section": "health",
        "description": "Epidemics, health systems and the science behind them, weekly.",
    },
    {
        "slug": "saptahik-vishleshan",
        "name": "साप्ताहिक विश्लेषण",
        "cadence": "weekly",
        "language": "hi",
        "description": "हर सोमवार, हफ़्ते भर का विशेषज्ञ विश्लेषण।",
    },
    {
        "slug": "nedelnyy-obzor",
        "name": "Еженедельный обзор",
        "cadence": "weekly",
        "language": "ru",
        "description": "Главные аналитические материалы недели — каждый понедельник.",
    },
]
SUBSCRIBERS = ["asha@example.org", "tomas@example.org", "li.wei@example.org", "ngozi@example.org"]
REFERRERS = [("", 5200), ("news.example.com", 1400), ("social.example.net", 900), ("search.example.org", 2300)]
DEVICES = [("phone", 6100), ("desktop", 3100), ("tablet", 600)]
# What each demo reader account (tribune.demo.loader.DEMO_ACCOUNTS) follows, by kind: expert and section slugs, topic
# names, country codes; and how many of the newest articles of their edition they saved for later.
READER_FOLLOWS = {
    "reader": {
        FollowKind.EXPERT: ["amara-okafor", "priya-raman"],
        FollowKind.TOPIC: ["elections", "public health"],
        FollowKind.SECTION: ["health"],
        FollowKind.COUNTRY: ["IN", "KE"],
    },
}
READER_SAVED = {"reader": 3}


@transaction.atomic
def readers_build(*, now: datetime.datetime, log) -> dict:
    lists = 0
    if not NewsletterList.objects.exists():
        for data in LISTS:
            section = SectionPage.objects.filter(slug=data.get("section"), locale__language_code="en").first()
            fields = {key: value for key, value in data.items() if key != "section"}
            NewsletterList.objects.create(**fields, section=section if data.get("section") else None, send_rate=20)
            lists += 1
        weekly = NewsletterList.objects.get(slug="weekly-digest")
        for email in SUBSCRIBERS:
            Subscription.objects.create(
                newsletter=weekly, email=email, status="active", confirmed_at=now, language="en"
            )
        # Last Monday's issue, recorded as sent (the demo sends no email): it shows in the admin's archive.
        issue = newsletters.issue_build_automatic(weekly, now=now)
        if issue:
            Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENT, send_at=now, sent_at=now)
    views = 0
    if not HourlyPageViews.objects.exists():
        views = _views_record(now)
    log(f"Readers: {lists} newsletter lists, {views} page views recorded")
    return {"newsletters": lists, "views": views}


def _views_record(now: datetime.datetime) -> int:
    """The last 24 hours of views of the newest English articles: a few read widely, most less (a long tail)."""
    rng = random.Random(14)  # the same figures on every install
    articles = list(ArticlePage.objects.live().filter(locale__language_code="en").order_by("-first_published_at")[:15])
    hour = now.replace(minute=0, second=0, microsecond=0)
    rows = []
    for rank, article in enumerate(articles):
        section = article.get_parent()
        per_hour = max(2, 240 // (rank + 1))
        for hours_ago in range(24):
            rows.append(
                HourlyPageViews(
                    hour=hour - datetime.timedelta(hours=hours_ago),
                    path=article.url,
                    page=article,
                    section=section,
                    views=rng.randint(per_hour // 2, per_hour),
                )
            )
    HourlyPageViews.objects.bulk_create(rows)
    total = HourlyPageViews.objects.aggregate(total=Sum("views"))["total"] or 0
    today = now.date()
    for article in articles:
        viewed = HourlyPageViews.objects.filter(page=article).aggregate(total=Sum("views"))["total"] or 0
        DailyVisitors.objects.create(day=today, path=article.url, page=article, visitors=int(viewed * 0.7))
    DailyReferrers.objects.bulk_create(DailyReferrers(day=today, domain=domain, views=n) for domain, n in REFERRERS)
    DailyDevices.objects.bulk_create(DailyDevices(day=today, device=device, views=n) for device, n in DEVICES)
    return total


@transaction.atomic
def reader_follows_ensure(*, log) -> dict:
    """The demo reader accounts' follows, saved articles and alert choice (instant, so publishing an article by an
    expert they follow shows an alert in the console), through the follows services; run after the accounts exist
    (``load_demo`` without ``--no-accounts``). A reader who already follows or saved something is left as they are."""
    finders = {
        FollowKind.EXPERT: lambda slug: Contributor.objects.filter(slug=slug).first(),
        FollowKind.TOPIC: lambda name: Topic.objects.filter(name=name).first(),
        FollowKind.SECTION: lambda slug: SectionPage.objects.filter(slug=slug, locale__language_code="en").first(),
        FollowKind.COUNTRY: lambda code: Country.objects.filter(code=code).first(),
    }
    followed = saved = 0
    for username, wanted in READER_FOLLOWS.items():
        reader = get_user_model().objects.filter(username=username).first()
        if reader is None:
            continue
        if not Follow.objects.filter(user=reader).exists():
            for kind, keys in wanted.items():
                for target in filter(None, map(finders[kind], keys)):
                    follows.follow_add(user=reader, kind=kind, target=target)
                    followed += 1
        if not SavedArticle.objects.filter(user=reader).exists():
            newest = ArticlePage.objects.published().filter(locale__language_code="en").order_by("-first_published_at")
            # Oldest of them first, so My Tribune lists the newest as the latest saved.
            for article in list(newest[: READER_SAVED.get(username, 0)])[::-1]:
                follows.article_save(user=reader, article=article)
                saved += 1
        if not AlertPreference.objects.filter(user=reader).exists():
            follows.alerts_set(user=reader, frequency=AlertFrequency.INSTANT)
    log(f"Readers: {followed} follows and {saved} saved articles for the demo reader accounts")
    return {"follows": followed, "saved": saved}
