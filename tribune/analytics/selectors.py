"""Reads of the aggregated views: "most read" for readers, the dashboard's and the article panel's figures for staff.

Every dashboard read takes a ``Scope`` (whose figures: the pages a person may see, narrowed to a section or an
expert) and a period in days ending today, and costs one or two queries however many rows there are."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pycountry

from django.contrib.contenttypes.models import ContentType
from django.db.models import Sum
from django.db.models.functions import TruncDate
from django.utils import timezone, translation

from wagtail.models import Page

from tribune.contributors.models import Contributor
from tribune.newsroom.models import ArticleByline, ArticlePage, SectionPage
from tribune.newsroom.selectors import edition_articles
from tribune.taxonomy.country_names import country_name

from .models import DailyCountries, DailyDevices, DailyReadDepth, DailyReferrers, DailyVisitors, HourlyPageViews

MOST_READ_HOURS = 24
PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30
QUARTERS = (25, 50, 75, 100)


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


# Who sees what ---------------------------------------------------------------------------------------------------


def sees_every_figure(user) -> bool:
    """Editors see every page's figures: those who may publish pages somewhere (section and chief editors), those
    given the view permission of the aggregates (the Editors role has it), and administrators."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return (
        user.is_superuser
        or user.has_perm("analytics.view_hourlypageviews")
        or PagePermissionPolicy().user_has_permission(user, "publish")
    )


def dashboard_scope(user) -> set[int] | None:
    """The pages whose figures ``user`` may see: ``None`` for all (``sees_every_figure``), else the articles
    carrying their byline. Kept on the user object, so the page listing's buttons ask once per request."""
    if not hasattr(user, "_analytics_scope"):
        user._analytics_scope = (
            None
            if sees_every_figure(user)
            else set(ArticlePage.objects.filter(bylines__contributor__user=user).values_list("pk", flat=True))
        )
    return user._analytics_scope


def may_use_dashboard(user) -> bool:
    """Editors, and experts whose account is linked to their profile (they see their own pieces); not the
    moderators or any other admin user, who have no figures of their own."""
    if sees_every_figure(user):
        return True
    if not hasattr(user, "_analytics_has_profile"):
        user._analytics_has_profile = Contributor.objects.filter(user=user).exists()
    return user._analytics_has_profile


def may_see_article(user, article_id: int) -> bool:
    scope = dashboard_scope(user)
    return scope is None or article_id in scope


@dataclass(frozen=True)
class Scope:
    """Whose figures a report sums: ``pages`` (``None``: every page) narrowed to the pages of one section, or to
    the articles with one expert's byline."""

    pages: frozenset[int] | None = None
    section: SectionPage | None = None
    expert: Contributor | None = None

    @property
    def narrowed(self) -> bool:
        return self.section is not None or self.expert is not None


def _period(days: int, today: date | None) -> tuple[date, datetime]:
    """The first day of a period of ``days`` days ending today, and the moment it began."""
    first = (today or timezone.localdate()) - timedelta(days=days - 1)
    return first, timezone.make_aware(datetime.combine(first, time.min))


def _scoped(rows, scope: Scope, *, counted_section: bool = False):
    """``rows`` (any model with a ``page``) within ``scope``. Hourly rows know the section they were counted under
    (``counted_section``); the others are narrowed to the section's children by the page tree."""
    if scope.pages is not None:
        rows = rows.filter(page_id__in=scope.pages)
    if scope.section is not None:
        if counted_section:
            rows = rows.filter(section_id=scope.section.pk)
        else:
            rows = rows.filter(page__path__startswith=scope.section.path, page__depth=scope.section.depth + 1)
    if scope.expert is not None:
        rows = rows.filter(page_id__in=ArticleByline.objects.filter(contributor=scope.expert).values("page_id"))
    return rows


def _hourly(scope: Scope, start: datetime):
    return _scoped(HourlyPageViews.objects.filter(hour__gte=start), scope, counted_section=True)


def _per_day(first: date, days: int, totals: dict) -> list[tuple[date, int]]:
    return [(first + timedelta(days=n), totals.get(first + timedelta(days=n), 0)) for n in range(days)]


def _local_day():
    return TruncDate("hour", tzinfo=timezone.get_current_timezone())


# The dashboard ---------------------------------------------------------------------------------------------------


def daily_views(scope: Scope, *, days: int = DEFAULT_PERIOD, today=None) -> list[tuple]:
    """Views per day for the last ``days`` days, oldest first, days without views included as 0. One query."""
    first, start = _period(days, today)
    totals = {
        row["day"]: row["total"]
        for row in _hourly(scope, start).annotate(day=_local_day()).values("day").annotate(total=Sum("views"))
    }
    return _per_day(first, days, totals)


def section_daily_views(scope: Scope, *, days: int = DEFAULT_PERIOD, today=None) -> list[dict]:
    """Per section, most viewed first: its title, language, total and views per day. Two queries."""
    first, start = _period(days, today)
    per_day = defaultdict(dict)
    for row in (
        _hourly(scope, start)
        .filter(section__isnull=False)
        .annotate(day=_local_day())
        .values("section_id", "day")
        .annotate(total=Sum("views"))
    ):
        per_day[row["section_id"]][row["day"]] = row["total"]
    sections = Page.objects.filter(pk__in=per_day).values("pk", "title", "locale__language_code")
    result = [
        {
            "id": section["pk"],
            "title": section["title"],
            "language": section["locale__language_code"],
            "total": sum(per_day[section["pk"]].values()),
            "series": _per_day(first, days, per_day[section["pk"]]),
        }
        for section in sections
    ]
    return sorted(result, key=lambda row: (-row["total"], row["title"]))


def top_pages(scope: Scope, *, days: int = DEFAULT_PERIOD, limit: int = 10, today=None) -> list[dict]:
    """The most viewed paths of the period, with the page's title when it still exists and whether it is an
    article (which has its own figures screen). Two queries."""
    _first, start = _period(days, today)
    rows = list(
        _hourly(scope, start).values("path", "page_id").annotate(total=Sum("views")).order_by("-total", "path")[:limit]
    )
    pages = {
        page["pk"]: page
        for page in Page.objects.filter(pk__in=[row["page_id"] for row in rows]).values(
            "pk", "title", "content_type_id"
        )
    }
    article_type = ContentType.objects.get_for_model(ArticlePage).pk  # cached by Django after the first call
    for row in rows:
        page = pages.get(row["page_id"], {})
        row["title"] = page.get("title", "")
        row["is_article"] = page.get("content_type_id") == article_type
    return rows


def top_experts(scope: Scope, *, days: int = DEFAULT_PERIOD, limit: int = 10, today=None) -> list[dict]:
    """Experts by the views of the articles carrying their byline (an article with two bylines counts for both),
    with how many of their articles were read. Two queries."""
    _first, start = _period(days, today)
    viewed = _hourly(scope, start).filter(page__isnull=False)
    totals = dict(viewed.values("page_id").annotate(total=Sum("views")).values_list("page_id", "total"))
    experts = {}
    for page_id, contributor_id, name in ArticleByline.objects.filter(page_id__in=viewed.values("page_id")).values_list(
        "page_id", "contributor_id", "contributor__name"
    ):
        expert = experts.setdefault(contributor_id, {"id": contributor_id, "name": name, "total": 0, "articles": 0})
        expert["total"] += totals.get(page_id, 0)
        expert["articles"] += 1
    return sorted(experts.values(), key=lambda row: (-row["total"], row["name"]))[:limit]


def top_referrers(*, days: int = DEFAULT_PERIOD, limit: int = 10, today=None) -> list[dict]:
    first, _start = _period(days, today)
    return list(
        DailyReferrers.objects.filter(day__gte=first)
        .exclude(domain="")
        .values("domain")
        .annotate(total=Sum("views"))
        .order_by("-total", "domain")[:limit]
    )


def devices(*, days: int = DEFAULT_PERIOD, today=None) -> list[dict]:
    first, _start = _period(days, today)
    return list(
        DailyDevices.objects.filter(day__gte=first).values("device").annotate(total=Sum("views")).order_by("-total")
    )


def _country_label(code: str) -> str:
    """The country's name in the admin's language ("" for views whose address matched no country)."""
    country = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if country is None:
        return ""
    english = getattr(country, "common_name", None) or country.name
    return country_name(code, english, translation.get_language())


def countries(*, days: int = DEFAULT_PERIOD, limit: int = 15, today=None) -> list[dict]:
    """Views per country, most first, named; empty where no GeoIP database is configured. One query."""
    first, _start = _period(days, today)
    rows = list(
        DailyCountries.objects.filter(day__gte=first)
        .values("country")
        .annotate(total=Sum("views"))
        .order_by("-total", "country")[:limit]
    )
    for row in rows:
        row["name"] = _country_label(row["country"])
    return rows


def read_depth(scope: Scope, *, days: int = DEFAULT_PERIOD, today=None) -> dict | None:
    """How far the views of the pages that measure it got: for each quarter of the text, the reads that reached it
    and their share of those pages' views; ``None`` when nothing was measured. Two queries.

    A read that reached 75 % is counted at 25, 50 and 75 (the row says "reached"), so the shares fall quarter by
    quarter. Reads that stopped before a quarter send no row: the views are the whole."""
    first, start = _period(days, today)
    depth_rows = _scoped(DailyReadDepth.objects.filter(day__gte=first, page__isnull=False), scope)
    reached = dict(depth_rows.values("depth").annotate(total=Sum("reads")).values_list("depth", "total"))
    if not reached:
        return None
    views = (
        HourlyPageViews.objects.filter(hour__gte=start, page_id__in=depth_rows.values("page_id")).aggregate(
            total=Sum("views")
        )["total"]
        or 0
    )
    whole = max(views, reached.get(QUARTERS[0], 0), 1)  # never a share above 100 %
    return {
        "views": views,
        "quarters": [
            {"depth": depth, "reads": reached.get(depth, 0), "share": round(100 * reached.get(depth, 0) / whole)}
            for depth in QUARTERS
        ],
    }


# One article -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleFigures:
    views_per_day: list[tuple]
    visitors_per_day: list[tuple]
    views_last_24_hours: int
    read_depth: dict | None
    section: Page | None
    section_total: int
    experts: list[dict]

    @property
    def total(self) -> int:
        return sum(value for _day, value in self.views_per_day)

    @property
    def share_of_section(self) -> int | None:
        return round(100 * self.total / self.section_total) if self.section_total else None


def article_figures(article: ArticlePage, *, days: int = DEFAULT_PERIOD, today=None, now=None) -> ArticleFigures:
    """The figures of one article over the period, with its section's and its experts' for comparison. About ten
    queries, whatever the article's history."""
    first, start = _period(days, today)
    own = Scope(pages=frozenset({article.pk}))
    visitors = {
        row["day"]: row["total"]
        for row in DailyVisitors.objects.filter(page_id=article.pk, day__gte=first)
        .values("day")
        .annotate(total=Sum("visitors"))
    }
    since = (now or timezone.now()) - timedelta(hours=MOST_READ_HOURS)
    last_24_hours = (
        HourlyPageViews.objects.filter(page_id=article.pk, hour__gte=since).aggregate(total=Sum("views"))["total"] or 0
    )
    section = Page.objects.filter(path=article.path[: -article.steplen]).only("id", "title", "path", "depth").first()
    section_total = 0
    if section is not None:
        section_total = (
            HourlyPageViews.objects.filter(section_id=section.pk, hour__gte=start).aggregate(total=Sum("views"))[
                "total"
            ]
            or 0
        )
    return ArticleFigures(
        views_per_day=daily_views(own, days=days, today=today),
        visitors_per_day=_per_day(first, days, visitors),
        views_last_24_hours=last_24_hours,
        read_depth=read_depth(own, days=days, today=today),
        section=section,
        section_total=section_total,
        experts=_article_experts(article, start),
    )


def _article_experts(article: ArticlePage, start: datetime) -> list[dict]:
    """Each expert of the byline, in byline order, with the views of all the articles carrying their byline in the
    period and how many they have. Three queries."""
    experts = [
        {"id": contributor_id, "name": name, "total": 0, "articles": 0}
        for contributor_id, name in article.bylines.order_by("sort_order").values_list(
            "contributor_id", "contributor__name"
        )
    ]
    ids = [expert["id"] for expert in experts]
    bylines = ArticleByline.objects.filter(contributor_id__in=ids).values("page_id")
    totals = dict(
        HourlyPageViews.objects.filter(hour__gte=start, page_id__in=bylines)
        .values("page_id")
        .annotate(total=Sum("views"))
        .values_list("page_id", "total")
    )
    by_id = {expert["id"]: expert for expert in experts}
    for page_id, contributor_id in ArticleByline.objects.filter(contributor_id__in=ids).values_list(
        "page_id", "contributor_id"
    ):
        by_id[contributor_id]["total"] += totals.get(page_id, 0)
        by_id[contributor_id]["articles"] += 1
    return experts
