"""Wagtail admin views that read ``Page.objects`` without asking the page policy, replaced at their own addresses.

``tribune/urls.py`` includes these before Wagtail's admin URLs, so Wagtail's URL names (and every link to them)
now reach these views. Each one differs from Wagtail's only in going through the policy.
"""

from django.db.models import F
from django.urls import path
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry


class VisiblePageTypesUsageReportView(PageTypesUsageReportView):
    """Wagtail's page-types report names the last edited page of each type, found among all pages: here among the
    pages the policy lets the user see, so a colleague's draft never lends a type its title."""

    def decorate_paginated_queryset(self, page_types):
        form_data = self.filters.form.cleaned_data if self.filters.form.is_valid() else {}
        pages = policy_registry.get_by_type(Page).visible_pages(self.request.user, Page.objects.all())
        if language_code := form_data.get("page_locale"):
            pages = pages.filter(locale__language_code=language_code)
        if site_root_path := form_data.get("site"):
            pages = pages.filter(path__startswith=site_root_path)
        latest_first = (F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
        for item in page_types:
            item.last_edited_page_id = (
                pages.filter(content_type=item).order_by(*latest_first).values_list("pk", flat=True).first()
            )
        return super().decorate_paginated_queryset(page_types)


def _admin(view):
    return require_admin_access(never_cache(view))


urlpatterns = [
    path("reports/page-types-usage/", _admin(VisiblePageTypesUsageReportView.as_view())),
    path("reports/page-types-usage/results/", _admin(VisiblePageTypesUsageReportView.as_view(results_only=True))),
]
