"""The analytics screens in the admin: the dashboard in the menu, and a "Figures" action on each article (the page
editor's header menu and the page listing's "more" menu) for those who may see its figures."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from tribune.newsroom.models import ArticlePage

from . import selectors
from .admin_views import AnalyticsDashboardView, ArticleFiguresView


@hooks.register("register_admin_urls")
def register_analytics_admin_urls():
    return [
        path("analytics/", AnalyticsDashboardView.as_view(), name="analytics_dashboard"),
        # ``page_id``: the admin's hidden-pages middleware answers 404 for a draft the user may not see.
        path("analytics/article/<int:page_id>/", ArticleFiguresView.as_view(), name="analytics_article"),
    ]


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.may_use_dashboard(request.user)


@hooks.register("register_admin_menu_item")
def register_analytics_menu_item():
    return AnalyticsMenuItem(
        _("Analytics"), reverse("analytics_dashboard"), name="analytics", icon_name="view", order=250
    )


def _figures_button(page, user, priority: int):
    # ``specific_class`` reads the content type from Django's cache; the scope is read once per request. A page
    # never published has no figures yet.
    if (
        page.specific_class is ArticlePage
        and page.first_published_at is not None
        and selectors.may_see_article(user, page.pk)
    ):
        return Button(
            _("Figures"),
            reverse("analytics_article", args=[page.pk]),
            icon_name="view",
            attrs={"aria-label": _("Figures of “%(title)s”") % {"title": page.get_admin_display_title()}},
            priority=priority,
        )
    return None


@hooks.register("register_page_header_buttons")
def page_header_figures_button(page, user, view_name, next_url=None):
    button = _figures_button(page, user, priority=85)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def page_listing_figures_button(page, user, next_url=None):
    button = _figures_button(page, user, priority=55)
    if button:
        yield button
