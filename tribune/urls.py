"""URL configuration: includes only, Wagtail's catch-all (by way of tribune.delivery) last."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView, TemplateView

from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from tribune.core import health
from tribune.newsletters import urls as newsletter_urls
from tribune.search import views as search_views
from tribune.syndication import views as syndication_views

urlpatterns = [
    # Liveness and readiness, answered before the middleware by core.health.HealthCheckMiddleware.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Staff sign in through allauth (with two-factor authentication), never Wagtail's own form.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    # Wagtail's password reset is off (WAGTAIL_PASSWORD_RESET_ENABLED); its old links lead to allauth's, rate limited.
    re_path(r"^admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    # Wagtail admin views that list pages without asking the page policy, replaced at the same addresses.
    path("admin/", include("tribune.editorial.admin_overrides")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("analytics/", include("tribune.analytics.urls")),  # the view beacon: never cached (page cache, edges)
    path("sitemap.xml", syndication_views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", syndication_views.sitemap_section, name="sitemap_section"),
    path("news-sitemap.xml", syndication_views.news_sitemap, name="news_sitemap"),
    path("robots.txt", syndication_views.robots_txt, name="robots_txt"),
    path("", include(newsletter_urls.webhook_urlpatterns)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Static files are WhiteNoise's, from the apps' folders in development (WHITENOISE_USE_FINDERS follows DEBUG): a
    # path it does not serve, such as one leaving those folders, is the site's 404 (staticfiles' view answered 400).
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("feeds/", include("tribune.syndication.urls")),  # each edition's own: /feeds/rss/, /hi/feeds/rss/
    path("search/", search_views.search, name="search"),
    path("", include("tribune.editorial.public_urls")),
    path("", include("tribune.discussion.urls")),
    path("", include("tribune.newsletters.urls")),
    path("privacy/", TemplateView.as_view(template_name="frontend/privacy.html"), name="privacy"),
    path("", include("tribune.accounts.urls")),
    path("", include("tribune.follows.urls")),  # /my/: a signed-in reader's follows and saved articles
    path("", include("tribune.analysis.urls")),  # entity and country pages, country-pair dossiers
    path("", include("tribune.newsroom.urls")),
    path("", include("tribune.delivery.urls")),  # Wagtail's pages, routed through the fragment cache
    prefix_default_language=False,
)

handler404 = "tribune.frontend.views.page_not_found"
handler500 = "tribune.core.unavailable.server_error"  # a database outage is a friendly 503 with Retry-After
