"""The editors' analytics dashboard: views per day for 30 days, the most viewed pages and, for editors, the sites
readers came from. Contributors see the figures of the articles with their byline only."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from . import charts, selectors

DAYS = 30


class AnalyticsDashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "analytics/admin/dashboard.html"
    page_title = _("Analytics")
    header_icon = "view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = selectors.dashboard_scope(self.request.user)
        series = selectors.daily_views(scope, days=DAYS)
        context.update(
            {
                "everything": scope is None,
                "days": DAYS,
                "series": series,
                "total": sum(value for _day, value in series),
                "bars": charts.bars(series),
                "chart_width": charts.WIDTH,
                "chart_height": charts.HEIGHT,
                "baseline": charts.HEIGHT - charts.BOTTOM,
                "top_pages": selectors.top_pages(scope, days=DAYS),
                "top_referrers": selectors.top_referrers(days=DAYS) if scope is None else [],
            }
        )
        return context
