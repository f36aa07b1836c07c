"""Reads of the aggregated views: "most read" for readers, the dashboard's figures for staff."""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from tribune.newsroom.selectors import edition_articles

from .models import HourlyPageViews

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
