from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Contributor, Expertise


class ContributorViewSet(SnippetViewSet):
    model = Contributor
    icon = "user"
    menu_label = _("Contributors")
    list_display = ["name", "role_line", "country", "live"]
    list_filter = ["in_house", "available_for_comment", "expertise", "live"]
    search_fields = ["name", "affiliation"]


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
