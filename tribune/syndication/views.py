"""Machine-readable views: the sitemap index and its sections, news sitemap and robots.txt (feeds: urls.py)."""

from datetime import timedelta

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe

from wagtail.contrib.sitemaps import views as wagtail_sitemap_views

from tribune.newsroom import selectors

from .sitemaps import SITEMAPS

NEWS_SITEMAP_WINDOW = timedelta(hours=48)


@require_safe
@cache_control(public=True, max_age=300)
def sitemap_index(request):
    """``/sitemap.xml``: every page of every section, e.g. ``/sitemap-articles.xml?p=2``."""
    return wagtail_sitemap_views.index(request, SITEMAPS, sitemap_url_name="sitemap_section")


@require_safe
@cache_control(public=True, max_age=300)
def sitemap_section(request, section: str):
    """One page (``?p=``) of one section; a page past the end or not a number answers 404.

    The template is Django's without the ``{% spaceless %}`` pass and the tags no section sets (priority,
    change frequency, alternates): Django's own took about twice as long to render 5,000 URLs."""
    return wagtail_sitemap_views.sitemap(request, SITEMAPS, section=section, template_name="syndication/sitemap.xml")


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
