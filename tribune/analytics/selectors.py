"""Reads of the aggregated views: "most read" for readers, the dashboard's figures for staff."""

from datetime import datetime, time, timedelta

from django.db.models import Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from wagtail.models import Page

from tribune.newsroom.models import ArticlePage
from tribune.newsroom.selectors import edition_articles

from .models import DailyReferrers, HourlyPageViews

MOST_READ_HOURS = 24


def most_read(*, section_id: int | None = None, limit: int = 5, now=None) -> list:
    """The edition's published articles most viewed in the last 24 hours, most first (ties: the newer page first),
    site-wide or in one section. Two queries: the sums, then the articles."""
    since = (now or timezone.now()) - timedelta(hours=MOST_READ_HOURS)
    rows = HourlyPageViews.objects.filter(hour__gte=since, page__isnull=False)
    if section_id is not None:
        rows = rows.filter(section_id=section_id)
    # More than asked: some may be of another edition, unpublished since, or not articles (a section, the home).
    totals = list(rows.values("page_id").annotate(total=Sum("views")).order_by("-total", "-page_id")[: limit * 4])
    ranked = [row["page_id"] for row in totals]
    articles = {
        article.pk: article
        for article in edition_articles().filter(pk__in=ranked).only("id", "title", "url_path", "path", "locale_id")
    }
    return [articles[page_id] for page_id in ranked if page_id in articles][:limit]


def dashboard_scope(user) -> set[int] | None:
    """The pages whose figures ``user`` may see: ``None`` for all (editors: those who may publish pages somewhere, or
    who were given the view permission of the aggregates), else the articles carrying their byline."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    if (
        user.is_superuser
        or user.has_perm("analytics.view_hourlypageviews")
        or PagePermissionPolicy().user_has_permission(user, "publish")
    ):
        return None
    return set(ArticlePage.objects.filter(bylines__contributor__user=user).values_list("pk", flat=True))


def _scoped(rows, scope: set[int] | None):
    return rows if scope is None else rows.filter(page_id__in=scope)


def daily_views(scope: set[int] | None, *, days: int = 30, today=None) -> list[tuple]:
    """Views per day for the last ``days`` days, oldest first, days without views included as 0."""
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    start = timezone.make_aware(datetime.combine(first, time.min))
    totals = {
        row["day"]: row["total"]
        for row in _scoped(HourlyPageViews.objects.filter(hour__gte=start), scope)
        .annotate(day=TruncDate("hour", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(total=Sum("views"))
    }
    return [(first + timedelta(days=n), totals.get(first + timedelta(days=n), 0)) for n in range(days)]


def top_pages(scope: set[int] | None, *, days: int = 30, limit: int = 10, today=None) -> list[dict]:
    """The most viewed paths of the period, with the page when it still exists."""
    today = today or timezone.localdate()
    start = timezone.make_aware(datetime.combine(today - timedelta(days=days - 1), time.min))
    rows = list(
        _scoped(HourlyPageViews.objects.filter(hour__gte=start), scope)
        .values("path", "page_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "path")[:limit]
    )
    titles = dict(Page.objects.filter(pk__in=[row["page_id"] for row in rows]).values_list("pk", "title"))
    for row in rows:
        row["title"] = titles.get(row["page_id"], "")
    return rows


def top_referrers(*, days: int = 30, limit: int = 10, today=None) -> list[dict]:
    today = today or timezone.localdate()
    return list(
        DailyReferrers.objects.filter(day__gte=today - timedelta(days=days - 1))
        .exclude(domain="")
        .values("domain")
        .annotate(total=Sum("views"))
        .order_by("-total", "domain")[:limit]
    )
