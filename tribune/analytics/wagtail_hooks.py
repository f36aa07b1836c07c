"""The analytics dashboard in the admin, for everyone who may use the admin (each sees what ``dashboard_scope``
allows)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import AnalyticsDashboardView


@hooks.register("register_admin_urls")
def register_analytics_admin_urls():
    return [path("analytics/", AnalyticsDashboardView.as_view(), name="analytics_dashboard")]


@hooks.register("register_admin_menu_item")
def register_analytics_menu_item():
    return MenuItem(_("Analytics"), reverse("analytics_dashboard"), name="analytics", icon_name="view", order=250)
