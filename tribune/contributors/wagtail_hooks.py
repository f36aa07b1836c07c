from django.utils.translation import gettext_lazy as _

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet, SnippetViewSetGroup

from tribune.core.edit_conflicts import RefuseStaleSnippetEditsMixin

from .models import Contributor, Expertise
from .permissions import ContributorPermissionPolicy, OwnProfileOnlyMixin

# Registered first thing, before any viewset asks for the model's policy.
register_permission_policy(Contributor, ContributorPermissionPolicy(Contributor))


# Every view of SnippetViewSet that works on one object gets the own-profile check.
SINGLE_OBJECT_VIEWS = [
    "copy_view_class",
    "edit_view_class",
    "delete_view_class",
    "usage_view_class",
    "history_view_class",
    "inspect_view_class",
    "revisions_view_class",
    "revisions_compare_view_class",
    "revisions_unschedule_view_class",
    "unpublish_view_class",
    "preview_on_edit_view_class",
    "lock_view_class",
    "unlock_view_class",
    "workflow_action_view_class",
    "collect_workflow_action_data_view_class",
    "confirm_workflow_cancellation_view_class",
    "workflow_preview_view_class",
    "workflow_history_view_class",
    "workflow_history_detail_view_class",
]


def _own_profile_only(view_class):
    return type(f"OwnProfileOnly{view_class.__name__}", (OwnProfileOnlyMixin, view_class), {})


class ContributorEditView(RefuseStaleSnippetEditsMixin, EditView):
    """Two editors on one profile: a save based on an older revision than the latest is refused."""


class ContributorViewSet(SnippetViewSet):
    model = Contributor
    edit_view_class = ContributorEditView
    icon = "user"
    menu_label = _("Contributors")
    list_display = ["name", "role_line", "country", "available_for_comment", "translated_into", "live"]
    list_filter = ["in_house", "available_for_comment", "expertise", "regions", "live"]
    search_fields = ["name", "affiliation"]

    def __init__(self, *args, **kwargs):
        for attribute in SINGLE_OBJECT_VIEWS:
            setattr(self, attribute, _own_profile_only(getattr(self, attribute)))
        super().__init__(*args, **kwargs)

    # revisions_revert_view_class is built by Wagtail from edit_view_class, so it inherits the check.

    def get_queryset(self, request):
        # Contributors list only their own profile; editors see every profile.
        queryset = Contributor.objects.all()
        if not ContributorPermissionPolicy(Contributor).manages_all(request.user):
            queryset = queryset.filter(user_id=request.user.pk)
        return queryset


class ExpertiseViewSet(SnippetViewSet):
    model = Expertise
    icon = "tag"
    menu_label = _("Expertise")
    list_display = ["name", "slug", "translated_into"]


class ContributorsGroup(SnippetViewSetGroup):
    items = (ContributorViewSet, ExpertiseViewSet)
    menu_icon = "group"
    menu_label = _("Experts")
    menu_name = "experts"


register_snippet(ContributorsGroup)
