"""Admin surfaces of the editorial workflow: pitch and invitation screens, the author's dashboard,
and hiding other people's drafts from contributors."""

from django.db.models import Q
from django.urls import include, path

from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import admin_views
from .roles import sections_edited_by
from .selectors import contributor_dashboard


@hooks.register("register_admin_urls")
def register_editorial_admin_urls():
    return [path("editorial/", include((admin_views.urlpatterns, "editorial"), namespace="editorial"))]


@hooks.register("register_admin_menu_item")
def register_pitches_menu_item():
    return admin_views.pitches_menu_item()


@hooks.register("register_admin_menu_item")
def register_invitations_menu_item():
    return admin_views.invitations_menu_item()


class MyPiecesPanel(Component):
    """The author's view of their work, first thing on the admin home page."""

    name = "tribune_my_pieces"
    template_name = "editorial/dashboard/my_pieces.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {**super().get_context_data(parent_context), **contributor_dashboard(self.user)}


@hooks.register("construct_homepage_panels")
def add_my_pieces_panel(request, panels):
    if request.user.has_perm("editorial.add_pitch"):
        panels.append(MyPiecesPanel(request.user))


def _only_public_or_own(pages, user):
    return pages.filter(Q(live=True) | Q(owner=user))


@hooks.register("construct_explorer_page_queryset")
def hide_other_peoples_drafts_in_explorer(parent_page, pages, request):
    # Contributors may add pages to their sections, which lets Wagtail list the section's children;
    # only people who can publish there should see colleagues' unpublished drafts.
    user = request.user
    if user.is_superuser or parent_page.permissions_for_user(user).can_publish_subpage():
        return pages
    return _only_public_or_own(pages, user)


@hooks.register("construct_page_chooser_queryset")
def hide_other_peoples_drafts_in_chooser(pages, request):
    user = request.user
    if user.is_superuser or sections_edited_by(user):
        return pages
    return _only_public_or_own(pages, user)
