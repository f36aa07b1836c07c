"""Counting a view or a read depth (``beacon_receive``, called by the beacon's view and its WSGI fast path) and writing
the buffered counts to the database (``page_views_flush``, run by the task worker every minute)."""

import json
import logging
from collections import defaultdict
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page

from tribune.newsroom.models import ArticlePage, SectionPage

from . import classify, conf, counters, geo
from .models import DailyCountries, DailyDevices, DailyReadDepth, DailyReferrers, DailyVisitors, HourlyPageViews
from .tokens import BadBeacon, target_from_token

logger = logging.getLogger(__name__)
COUNTED = "counted"
READ_DEPTHS = (25, 50, 75, 100)


def beacon_receive(*, body: bytes, headers, address: str, host: str, now: datetime | None = None) -> str:
    """One beacon's body, counted: ``{"t": token, "r": referrer}`` is a view, ``{"t": token, "d": 25|50|75|100}`` the
    depth its reader reached. Returns what happened; raises ``tokens.BadBeacon`` for a body that is neither, or a
    token this site did not sign. Shared by the view and the WSGI fast path (``analytics.wsgi``)."""
    try:
        sent = json.loads(body)
        token = str(sent["t"])
    except (ValueError, TypeError, KeyError) as error:
        raise BadBeacon("not a beacon") from error
    if "d" in sent:
        return read_depth_record(token=token, depth=sent["d"], headers=headers, address=address, host=host, now=now)
    return page_view_record(
        token=token, referrer=str(sent.get("r", "")), headers=headers, address=address, host=host, now=now
    )


def _counted_at_all(headers) -> bool:
    """Whether anything from this request is counted: analytics on, the reader did not opt out, not a robot."""
    return conf.is_enabled() and not classify.opted_out(headers) and not classify.is_bot(headers.get("User-Agent", ""))


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
    return counters.view_count(
        address=address,
        user_agent=user_agent,
        host=host,
        path=path,
        page_id=page_id,
        now=now or timezone.now(),
        referrer_domain=classify.referrer_domain(referrer, host),
        device=classify.device_class(user_agent),
        country=geo.country_of(address),
        cap=conf.views_per_source_per_minute(),
        repeat_seconds=conf.repeat_seconds(),
        read_seconds=conf.read_seconds(),
    )


def read_depth_record(*, token: str, depth, headers, address: str, host: str, now: datetime | None = None) -> str:
    """Count how far the reader of a counted view got (``depth``: 25, 50, 75 or 100 per cent of the text), once per
    quarter and view (see ``models.DailyReadDepth``). A depth whose source has no counted view of that page within
    ``TRIBUNE_ANALYTICS_READ_SECONDS`` is ignored (``no-view``): a depth beacon cannot add a read the view rules
    refused, so replaying it, or sending it without the view, counts nothing."""
    path, page_id = target_from_token(token)
    if type(depth) is not int or depth not in READ_DEPTHS:
        raise BadBeacon("a read depth is 25, 50, 75 or 100")
    if not _counted_at_all(headers):
        return "not-counted"
    return counters.depth_count(
        address=address,
        user_agent=headers.get("User-Agent", ""),
        host=host,
        path=path,
        page_id=page_id,
        now=now or timezone.now(),
        depth=depth,
    )


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


def _add(model, lookup: dict, amount: int, *, field: str = "views", **defaults) -> None:
    if not model.objects.filter(**lookup).update(**{field: F(field) + amount}):
        model.objects.create(**lookup, **defaults, **{field: amount})


def page_views_flush(*, now: datetime | None = None) -> int:
    """Write the views buffered in Redis to the hourly and daily rows; returns how many views were written.

    The batch is deleted from Redis only after the transaction commits; a flush that stopped before that is taken
    up by the next one. A flush stopped between the commit and the delete would count its batch twice: the window
    is one Redis call wide."""
    batch = counters.take_batch()
    written = 0
    if batch:
        hourly, referrers, devices = defaultdict(int), defaultdict(int), defaultdict(int)
        countries, depths = defaultdict(int), defaultdict(int)
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
            elif kind == "c":
                day, _, country = rest.partition(counters.SEP)
                countries[(date.fromisoformat(day), country)] += count
            elif kind == "q":
                day, _, rest = rest.partition(counters.SEP)
                depth, _, target = rest.partition(counters.SEP)
                page_id, _, path = target.partition(counters.SEP)
                depths[(date.fromisoformat(day), int(page_id) or None, path, int(depth))] += count
        named = {page_id for _hour, page_id, _path in hourly if page_id}
        named |= {page_id for _day, page_id, _path, _depth in depths if page_id}
        existing = set(Page.objects.filter(pk__in=named).values_list("pk", flat=True))
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
            for (day, country), count in countries.items():
                _add(DailyCountries, {"day": day, "country": country}, count)
            for (day, page_id, path, depth), count in depths.items():
                page_id = page_id if page_id in existing else None
                _add(
                    DailyReadDepth,
                    {"day": day, "path": path, "depth": depth},
                    count,
                    field="reads",
                    page_id=page_id,
                )
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
