"""Machine-readable views: the sitemap index and its sections, news sitemap and robots.txt (feeds: urls.py)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import F
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe

from wagtail.contrib.sitemaps import views as wagtail_sitemap_views

from tribune.core.pagination import parse_positive_int
from tribune.core.shared_caches import vouch_for_page
from tribune.core.sites import public_base_url, public_url
from tribune.newsroom import selectors

from .editions import content_languages
from .sitemaps import SITEMAPS

NEWS_SITEMAP_WINDOW = timedelta(hours=48)


@require_safe
@cache_control(public=True, max_age=300)
@x_robots_tag
def sitemap_index(request):
    """``/sitemap.xml``: every page of every section, e.g. ``/sitemap-articles.xml?p=2``, on the public base address
    (Django's index would name the request's host). No section has a date for the whole of itself, so none is given."""
    sitemaps = wagtail_sitemap_views.prepare_sitemaps(request, SITEMAPS)
    items = []
    for section, sitemap in sitemaps.items():
        if callable(sitemap):  # the sections that are not Wagtail's come as classes
            sitemap = sitemap()
        location = public_url(reverse("sitemap_section", kwargs={"section": section}))
        items.append(SitemapIndexItem(location))
        items.extend(SitemapIndexItem(f"{location}?p={page}") for page in range(2, sitemap.paginator.num_pages + 1))
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml")


@require_safe
@cache_control(public=True, max_age=300)
def sitemap_section(request, section: str):
    """One page (``?p=``) of one section; a page past the end or not a number answers 404.

    The template is Django's without the ``{% spaceless %}`` pass and the tags no section sets (priority,
    change frequency), its ``hreflang`` alternates being the pages' translations rather than Django's one URL per
    interface language: Django's own took about twice as long to render 5,000 URLs."""
    response = wagtail_sitemap_views.sitemap(
        request, SITEMAPS, section=section, template_name="syndication/sitemap.xml"
    )
    vouch_for_page(request, parse_positive_int(request.GET.get("p")), "p")  # read, and found, by the view above
    return response


@require_GET
@cache_control(public=True, max_age=300)
def news_sitemap(request):
    """Google News: the articles of every enabled edition first published in the last two days, each with its own
    language, newest first (the 1,000 Google reads at most)."""
    since = timezone.now() - NEWS_SITEMAP_WINDOW
    articles = (
        selectors.published_articles()
        .filter(first_published_at__gte=since, locale__language_code__in=content_languages())
        .annotate(language_code=F("locale__language_code"))
        .defer_streamfields()
    )
    context = {"articles": articles.order_by("-first_published_at")[:1000], "site_name": settings.SITE_NAME}
    return render(request, "syndication/news_sitemap.xml", context, content_type="application/xml; charset=utf-8")


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    """The sitemap index and the news sitemap (both cover every edition), and each edition's search kept out."""
    context = {
        "sitemap_base": public_base_url(),
        "search_paths": [reverse_in(language, "search") for language in content_languages()],
    }
    return render(request, "syndication/robots.txt", context, content_type="text/plain; charset=utf-8")


def reverse_in(language_code: str, name: str) -> str:
    with translation.override(language_code):
        return reverse(name)
