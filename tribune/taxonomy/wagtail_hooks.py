"""Topics in the admin: editors describe them and name them in each edition's language (tagging an article still
creates them from the article's edit form)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "translated_into"]
    search_fields = ["name"]
    search_backend_name = None  # topics are few: the database filters them by name
    ordering = ["name"]


register_snippet(TopicViewSet)
