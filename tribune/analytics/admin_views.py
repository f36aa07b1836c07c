"""The analytics screens of the admin: the dashboard (views over time, by section, expert and page, read depth, and
for editors where readers came from) and one article's figures. Editors see every page; experts whose account is
linked to their profile see the articles with their byline only; anyone else is refused.

Wagtail's admin URL wrapper already requires ``wagtailadmin.access_admin`` (anyone else is sent to sign in)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from tribune.newsroom.models import ArticlePage

from . import charts, classify, selectors
from .forms import DashboardFilterForm, PeriodForm

NO_FIGURES = gettext_lazy("The figures are for editors and for experts whose account is linked to their profile.")
NOT_YOUR_PIECE = gettext_lazy("You can see the figures of the articles with your byline only.")
UNKNOWN_COUNTRY = gettext_lazy("Unknown (the address matched no country)")
DEVICE_NAMES = {
    classify.PHONE: gettext_lazy("Phone"),
    classify.TABLET: gettext_lazy("Tablet"),
    classify.DESKTOP: gettext_lazy("Desktop"),
}


class AnalyticsAdminView(WagtailAdminTemplateMixin, TemplateView):
    """Refusals are answered 403 with the reason: Wagtail's admin wrapper would otherwise turn them into a redirect
    to the admin's home that says less."""

    header_icon = "view"
    breadcrumbs_items = [
        *WagtailAdminTemplateMixin.breadcrumbs_items,
        {"url": reverse_lazy("analytics_dashboard"), "label": gettext_lazy("Analytics")},
    ]

    def dispatch(self, request, *args, **kwargs):
        try:
            self.check_permissions(request.user)
        except PermissionDenied as refusal:
            return TemplateResponse(
                request,
                "analytics/admin/forbidden.html",
                {"page_title": _("Permission denied"), "header_icon": "warning", "reason": str(refusal)},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def check_permissions(self, user) -> None:
        if not selectors.may_use_dashboard(user):
            raise PermissionDenied(NO_FIGURES)


def _views_chart(series: list[tuple], today) -> charts.BarChart:
    return charts.bar_chart(series, partial_day=today)


class AnalyticsDashboardView(AnalyticsAdminView):
    template_name = "analytics/admin/dashboard.html"
    page_title = gettext_lazy("Analytics")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items[:-1], {"url": None, "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pages = selectors.dashboard_scope(self.request.user)
        everything = pages is None
        # Experts see their own pieces: there is nothing to narrow to a section's or an expert's.
        form_class = DashboardFilterForm if everything else PeriodForm
        chosen = form_class.cleaned(self.request.GET)
        days, today = chosen["days"], timezone.localdate()
        scope = selectors.Scope(
            pages=None if everything else frozenset(pages), section=chosen.get("section"), expert=chosen.get("expert")
        )
        series = selectors.daily_views(scope, days=days, today=today)
        sections = selectors.section_daily_views(scope, days=days, today=today)
        for row in sections:
            row["spark"] = charts.sparkline(row["series"], partial_day=today)
            row["other_edition"] = row["language"] != settings.LANGUAGE_CODE
        context.update(
            {
                "everything": everything,
                "form": form_class.showing(chosen),
                "days": days,
                "scope": scope,
                "series": series,
                "total": sum(value for _day, value in series),
                "chart": _views_chart(series, today),
                "sections": charts.with_shares(sections),
                "top_pages": selectors.top_pages(scope, days=days, today=today),
                "experts": selectors.top_experts(scope, days=days, today=today) if everything else [],
                "read_depth": selectors.read_depth(scope, days=days, today=today),
            }
        )
        if everything:
            # Counted per day for the whole site, not per page: neither narrowed nor shown to experts.
            referrers = [{**row, "label": row["domain"]} for row in selectors.top_referrers(days=days, today=today)]
            devices = [
                {**row, "label": DEVICE_NAMES.get(row["device"], row["device"])}
                for row in selectors.devices(days=days, today=today)
            ]
            countries = [
                {**row, "label": row["name"] or UNKNOWN_COUNTRY} for row in selectors.countries(days=days, today=today)
            ]
            context.update(
                {
                    "top_referrers": charts.with_shares(referrers),
                    "devices": charts.with_shares(devices),
                    "countries": charts.with_shares(countries),
                }
            )
        return context


class ArticleFiguresView(AnalyticsAdminView):
    """One article's views and visitors per day, its views in the last 24 hours, how far it was read, beside its
    section's and its experts' figures."""

    template_name = "analytics/admin/article.html"
    page_title = gettext_lazy("Figures")

    def dispatch(self, request, *args, **kwargs):
        self.article = get_object_or_404(ArticlePage.objects.select_related("locale"), pk=kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def check_permissions(self, user) -> None:
        super().check_permissions(user)
        if not selectors.may_see_article(user, self.article.pk):
            raise PermissionDenied(NOT_YOUR_PIECE)

    def get_page_subtitle(self):
        return self.article.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": None, "label": self.get_header_title()}]

    def get_header_buttons(self):
        buttons = []
        if self.article.permissions_for_user(self.request.user).can_edit():
            buttons.append(
                HeaderButton(
                    _("Edit"), url=reverse("wagtailadmin_pages:edit", args=[self.article.pk]), icon_name="edit"
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = PeriodForm.cleaned(self.request.GET)
        days, today = chosen["days"], timezone.localdate()
        figures = selectors.article_figures(self.article, days=days, today=today)
        context.update(
            {
                "article": self.article,
                "form": PeriodForm.showing(chosen),
                "days": days,
                "figures": figures,
                "views_chart": _views_chart(figures.views_per_day, today),
                "visitors_chart": _views_chart(figures.visitors_per_day, today),
                "rows": [
                    (day, views, visitors)
                    for (day, views), (_same_day, visitors) in zip(
                        figures.views_per_day, figures.visitors_per_day, strict=True
                    )
                ],
            }
        )
        return context
