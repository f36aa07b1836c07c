"""Counting a view (``page_view_record``, called by the beacon) and writing the buffered counts to the database
(``page_views_flush``, run by the task worker every minute)."""

import logging
from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

from tribune.newsroom.models import ArticlePage, SectionPage

from . import classify, conf, counters
from .models import DailyDevices, DailyReferrers, DailyVisitors, HourlyPageViews
from .tokens import target_from_token

logger = logging.getLogger(__name__)
COUNTED = "counted"


def page_view_record(
    *, token: str, referrer: str, headers, address: str, host: str, now: datetime | None = None
) -> str:
    """Count one view of the page ``token`` names, unless the reader opted out, is a robot, or their source has
    sent this page within the repeat window or more than its cap this minute. Returns what happened (``counted``,
    ``opted-out``, ``bot``, ``repeat``, ``capped``, ``unavailable``); raises ``tokens.BadToken`` for a forged one."""
    path, page_id = target_from_token(token)
    if not conf.is_enabled():
        return "disabled"
    if classify.opted_out(headers):
        return "opted-out"
    user_agent = headers.get("User-Agent", "")
    if classify.is_bot(user_agent):
        return "bot"
    now = now or timezone.now()
    salt = counters.daily_salt(now)
    if salt is None:
        return "unavailable"
    source = counters.source_hash(salt, address=address, user_agent=user_agent, host=host)
    refused = counters.admit(
        source, path, now, cap=conf.views_per_source_per_minute(), repeat_seconds=conf.repeat_seconds()
    )
    if refused:
        return refused
    added = counters.add_view(
        source=source,
        path=path,
        page_id=page_id,
        now=now,
        referrer_domain=classify.referrer_domain(referrer, host),
        device=classify.device_class(user_agent),
    )
    return COUNTED if added else "unavailable"


def _sections_of(page_ids) -> dict[int, int]:
    """Each page's section: an article's parent, a section itself; pages that are neither have none."""
    sections = {section.pk: section.pk for section in SectionPage.objects.filter(pk__in=page_ids).only("id")}
    articles = list(ArticlePage.objects.filter(pk__in=page_ids).only("id", "path"))
    parents = {
        section.path: section.pk
        for section in SectionPage.objects.filter(
            path__in={article.path[: -ArticlePage.steplen] for article in articles}
        ).only("id", "path")
    }
    for article in articles:
        if article.path[: -ArticlePage.steplen] in parents:
            sections[article.pk] = parents[article.path[: -ArticlePage.steplen]]
    return sections


def _add(model, lookup: dict, amount: int, **defaults) -> None:
    if not model.objects.filter(**lookup).update(views=F("views") + amount):
        model.objects.create(**lookup, **defaults, views=amount)


def page_views_flush(*, now: datetime | None = None) -> int:
    """Write the views buffered in Redis to the hourly and daily rows; returns how many views were written.

    The batch is deleted from Redis only after the transaction commits; a flush that stopped before that is taken
    up by the next one. A flush stopped between the commit and the delete would count its batch twice: the window
    is one Redis call wide."""
    batch = counters.take_batch()
    written = 0
    if batch:
        hourly, referrers, devices = defaultdict(int), defaultdict(int), defaultdict(int)
        for name, count in batch.items():
            kind, _, rest = name.partition(counters.SEP)
            if kind == "v":
                hour, _, target = rest.partition(counters.SEP)
                page_id, _, path = target.partition(counters.SEP)
                hourly[(datetime.fromisoformat(hour), int(page_id) or None, path)] += count
                written += count
            elif kind == "r":
                day, _, domain = rest.partition(counters.SEP)
                referrers[(date.fromisoformat(day), domain)] += count
            elif kind == "d":
                day, _, device = rest.partition(counters.SEP)
                devices[(date.fromisoformat(day), device)] += count
        existing = set(
            Page.objects.filter(pk__in={page_id for _hour, page_id, _path in hourly if page_id}).values_list(
                "pk", flat=True
            )
        )
        sections = _sections_of(existing)
        with transaction.atomic():
            for (hour, page_id, path), count in hourly.items():
                page_id = page_id if page_id in existing else None
                _add(
                    HourlyPageViews,
                    {"hour": hour, "path": path},
                    count,
                    page_id=page_id,
                    section_id=sections.get(page_id),
                )
            for (day, domain), count in referrers.items():
                _add(DailyReferrers, {"day": day, "domain": domain}, count)
            for (day, device), count in devices.items():
                _add(DailyDevices, {"day": day, "device": device}, count)
        counters.batch_written()
    visitors_update(now=now)
    return written


def visitors_update(*, now: datetime | None = None) -> None:
    """Set today's and yesterday's distinct visitors per path from Redis's estimates (a set, not an addition: it
    can run any number of times)."""
    today = timezone.localdate(now or timezone.now())
    for day in (today - timedelta(days=1), today):
        counts = counters.visitor_counts(day)
        if not counts:
            continue
        existing = set(
            Page.objects.filter(pk__in={page_id for page_id, _path in counts if page_id}).values_list("pk", flat=True)
        )
        with transaction.atomic():
            for (page_id, path), visitors in counts.items():
                DailyVisitors.objects.update_or_create(
                    day=day,
                    path=path,
                    defaults={"visitors": visitors, "page_id": page_id if page_id in existing else None},
                )
