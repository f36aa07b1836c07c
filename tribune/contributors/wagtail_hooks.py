from django.utils.translation import gettext_lazy as _

from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Contributor, Expertise
from .permissions import ContributorPermissionPolicy

# Registered first thing, before any viewset asks for the model's policy.
register_permission_policy(Contributor, ContributorPermissionPolicy(Contributor))


class ContributorViewSet(SnippetViewSet):
    model = Contributor
    icon = "user"
    menu_label = _("Contributors")
    list_display = ["name", "role_line", "country", "available_for_comment", "live"]
    list_filter = ["in_house", "available_for_comment", "expertise", "regions", "live"]
    search_fields = ["name", "affiliation"]

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


class ContributorsGroup(SnippetViewSetGroup):
    items = (ContributorViewSet, ExpertiseViewSet)
    menu_icon = "group"
    menu_label = _("Experts")
    menu_name = "experts"


register_snippet(ContributorsGroup)
