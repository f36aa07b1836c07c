"""Machine-readable views: news sitemap and robots.txt (feeds and the sitemap are wired in urls.py)."""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from tribune.newsroom import selectors

NEWS_SITEMAP_WINDOW = timedelta(hours=48)


@require_GET
@cache_control(public=True, max_age=300)
def news_sitemap(request):
    since = timezone.now() - NEWS_SITEMAP_WINDOW
    articles = selectors.published_articles().filter(first_published_at__gte=since).defer_streamfields()
    context = {
        "articles": articles.order_by("-first_published_at")[:1000],
        "site_name": settings.SITE_NAME,
        "language": settings.LANGUAGE_CODE,
    }
    return render(request, "syndication/news_sitemap.xml", context, content_type="application/xml; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    sitemap_base = request.build_absolute_uri("/").rstrip("/")
    return render(
        request, "syndication/robots.txt", {"sitemap_base": sitemap_base}, content_type="text/plain; charset=utf-8"
    )
