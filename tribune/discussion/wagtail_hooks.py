from django.urls import include, path

from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import admin_views, services
from .selectors import moderation_counts


@hooks.register("register_admin_urls")
def register_discussion_admin_urls():
    return [path("discussion/", include(admin_views.urlpatterns))]


@hooks.register("register_admin_menu_item")
def register_discussion_menu_item():
    return admin_views.menu_item()


class ModerationQueuePanel(Component):
    """The moderators' queue on the admin home page: held and reported comments, each count linking to its tab."""

    name = "tribune_moderation_queue"
    template_name = "discussion/admin/dashboard_queue.html"
    order = 45

    def get_context_data(self, parent_context):
        return {**super().get_context_data(parent_context), **moderation_counts()}


@hooks.register("construct_homepage_panels")
def add_moderation_queue_panel(request, panels):
    if services.is_moderator(request.user):
        panels.append(ModerationQueuePanel())
