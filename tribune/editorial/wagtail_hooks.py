"""Admin surfaces of the editorial workflow: pitch and invitation screens, the author's dashboard, the editor's
queue, and the page policy that hides other people's drafts from contributors."""

from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter
from wagtail.models import AbstractPage, Page
from wagtail.permissions import register_permission_policy

from tribune.core.edit_conflicts import EDIT_CONFLICT_OVERRIDE_LOG_ACTION

from . import admin_views
from .permissions import TribunePagePermissionPolicy
from .selectors import contributor_dashboard, editor_queue
from .services import translation_source

# Replaces Wagtail's page policy (registered first thing, before any view asks for it): the explorer, page search,
# admin API, usage and history reports only offer unpublished pages to their owner and to those who can publish them.
register_permission_policy(AbstractPage, TribunePagePermissionPolicy(Page))


@hooks.register("register_admin_urls")
def register_editorial_admin_urls():
    return [path("editorial/", include((admin_views.urlpatterns, "editorial"), namespace="editorial"))]


@hooks.register("insert_global_admin_css")
def edit_conflict_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/css/edit_conflict.css"))


@hooks.register("register_log_actions")
def register_edit_conflict_log_action(actions):
    @actions.register_action(EDIT_CONFLICT_OVERRIDE_LOG_ACTION)
    class EditConflictOverrideFormatter(LogFormatter):
        label = "Save over a newer version"

        def format_message(self, log_entry):
            return "Saved their own version over a newer one by {author} (revision {revision})".format(
                author=log_entry.data.get("replaced_author", "someone"),
                revision=log_entry.data.get("replaced_revision_id"),
            )


@hooks.register("register_admin_menu_item")
def register_pitches_menu_item():
    return admin_views.pitches_menu_item()


@hooks.register("register_admin_menu_item")
def register_invitations_menu_item():
    return admin_views.invitations_menu_item()


@hooks.register("register_admin_menu_item")
def register_translations_menu_item():
    return admin_views.translations_menu_item()


@hooks.register("register_page_header_buttons")
def translation_synced_button(page, user, view_name, next_url=None):
    """On a translation's screens: tell the board and readers it matches its source again (a confirmation page
    holds the POST form, so the admin needs no script for it)."""
    if view_name != "edit" or not page.permissions_for_user(user).can_edit():
        return
    if translation_source(page) is None:
        return
    yield Button(
        _("Mark as synced with the source"),
        reverse("editorial:translation_synced", args=[page.pk]),
        icon_name="globe",
        attrs={"title": _("This translation now matches its source as published")},
        priority=67,
    )


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


class EditorQueuePanel(Component):
    """An editor's queue, above everything else: pitches to decide and pieces to review in their sections."""

    name = "tribune_editor_queue"
    template_name = "editorial/dashboard/editor_queue.html"
    order = 40

    def __init__(self, queue: dict):
        self.queue = queue

    def get_context_data(self, parent_context):
        return {**super().get_context_data(parent_context), **self.queue}


@hooks.register("construct_homepage_panels")
def add_editor_queue_panel(request, panels):
    if request.user.has_perm("editorial.add_invitation") and (queue := editor_queue(request.user)) is not None:
        panels.append(EditorQueuePanel(queue))


@hooks.register("construct_page_chooser_queryset")
def hide_other_peoples_drafts_in_chooser(pages, request):
    return pages.filter(pk__in=TribunePagePermissionPolicy.visible_drafts_filter(request.user, pages))


class HideUnseenPagesMixin:
    """Bulk-action confirmation pages list the pages one may not act on; never those one may not even see."""

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        refused = extra["items_with_no_access"]
        if refused:
            ids = [page.pk for page in refused]
            seen = set(
                TribunePagePermissionPolicy(Page)
                .explorable_instances(self.request.user)
                .filter(pk__in=ids)
                .values_list("pk", flat=True)
            )
            extra = {**extra, "items_with_no_access": [page for page in refused if page.pk in seen]}
        return objects, extra


for _action in (DeleteBulkAction, MoveBulkAction, PublishBulkAction, UnpublishBulkAction):
    # Registered after Wagtail's own (order=1), so these replace them for pages.
    hooks.register("register_bulk_action", type(_action.__name__, (HideUnseenPagesMixin, _action), {}), order=1)
