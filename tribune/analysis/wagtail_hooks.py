"""The analysis in the admin: an "Analysis" action on each article (the page editor's header, with the number of
suggestions waiting, and the page listing's "more" menu) opening its suggestions screen; the entities as a
snippet with search, a kind filter and a merge action; the key figures as a snippet whose edit screen shows their
values over time and the published articles citing an older value; the decisions', links' and merges' lines in the
history."""

from functools import cached_property

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, MultipleChooserPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from tribune.core.translated_fields import translation_panels
from tribune.newsroom.models import ArticlePage

from . import admin_views, selectors, services
from .forms import KeyFigureForm
from .models import Entity, KeyFigure
from .panels import OutdatedCitationsPanel, ValueHistoryPanel


@hooks.register("register_admin_urls")
def register_analysis_admin_urls():
    # ``page_id``: the admin's hidden-pages middleware answers 404 for a draft the user may not see.
    return [
        path("analysis/article/<int:page_id>/", admin_views.ArticleAnalysisView.as_view(), name=admin_views.URL_NAME),
        path(
            "analysis/article/<int:page_id>/decide/",
            admin_views.DecideView.as_view(),
            name=admin_views.DECIDE_URL_NAME,
        ),
        path(
            "analysis/article/<int:page_id>/analyse/",
            admin_views.AnalyseAgainView.as_view(),
            name=admin_views.ANALYSE_URL_NAME,
        ),
        path(
            "analysis/article/<int:page_id>/key-figure/",
            admin_views.KeyFigureCreateView.as_view(),
            name=admin_views.KEY_FIGURE_URL_NAME,
        ),
        path(
            "analysis/article/<int:page_id>/key-figure/link/",
            admin_views.FigureLinkView.as_view(),
            name=admin_views.LINK_URL_NAME,
        ),
    ]


def _analysis_button(page, user, *, priority: int, count: bool):
    # ``specific_class`` reads the content type from Django's cache: no query for other pages.
    if page.specific_class is not ArticlePage or not page.permissions_for_user(user).can_edit():
        return None
    label = admin_views.pending_label(selectors.pending_suggestions(page.pk)) if count else _("Analysis")
    return Button(
        label,
        reverse(admin_views.URL_NAME, args=[page.pk]),
        icon_name="search",
        attrs={"title": _("Entities, quotes and figures the analysis found in this article")},
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def page_header_analysis_button(page, user, view_name, next_url=None):
    # The count only on the editor's header (one page); the listing's menu shows many pages at once.
    if button := _analysis_button(page, user, priority=67, count=True):
        yield button


@hooks.register("register_page_listing_more_buttons")
def page_listing_analysis_button(page, user, next_url=None):
    if button := _analysis_button(page, user, priority=56, count=False):
        yield button


class EntityEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if not self.object.is_merged and self.user_has_permission("change"):
            url = reverse(EntityViewSet.merge_url_name, args=[self.object.pk])
            buttons.append(Button(_("Merge into another"), url=url, icon_name="resubmit", priority=30))
        return buttons


class EntityViewSet(SnippetViewSet):
    model = Entity
    icon = "site"
    menu_label = _("Entities")
    menu_order = 215
    add_to_admin_menu = True
    list_display = ["name", "kind", "key", "source", "merged_into"]
    list_filter = ["kind", "source"]
    search_fields = ["name", "key"]
    search_backend_name = None  # the database filters them by name and key
    ordering = ["name", "key"]
    list_per_page = 50
    edit_view_class = EntityEditView
    merge_url_name = "wagtailsnippets_analysis_entity:merge"

    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("kind"), FieldPanel("name")]),
            FieldPanel("slug", help_text=_("For its address on the site; from the name when left empty.")),
            FieldPanel("aliases"),
            FieldPanel("part_of"),
            FieldPanel("country"),
            FieldPanel("contributor"),
            *translation_panels(Entity.translated_fields),
        ]
    )

    def get_queryset(self, request):
        return selectors.entities_for_listing()

    @property
    def merge_view(self):
        return admin_views.EntityMergeView.as_view(
            index_url_name=self.get_url_name("list"), edit_url_name=self.get_url_name("edit")
        )

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("merge/<int:pk>/", self.merge_view, name="merge")]


register_snippet(EntityViewSet)


class KeyFigureHistoryMixin:
    """A save in the admin keeps the value history: the current value is recorded under its as-of date (a later
    date a new value, the same date a correction; ``KeyFigureForm`` refuses an earlier one)."""

    def save_instance(self):
        instance = super().save_instance()
        services.key_figure_history_sync(key_figure=instance, user=self.request.user)
        return instance


class KeyFigureCreateView(KeyFigureHistoryMixin, CreateView):
    pass


class KeyFigureEditView(KeyFigureHistoryMixin, EditView):
    pass


class KeyFigureViewSet(SnippetViewSet):
    model = KeyFigure
    icon = "table"
    menu_label = _("Key figures")
    menu_order = 216  # beside the entities
    add_to_admin_menu = True
    list_display = [
        "label",
        Column("value_display", label=_("Value"), sort_key="value"),
        "unit",
        Column("as_of", label=_("As of"), sort_key="as_of"),  # the date itself, not "8 months ago"
        "source",
    ]
    list_filter = ["unit"]
    search_fields = ["label", "source"]
    search_backend_name = None  # the database filters them by label and source
    ordering = ["label", "pk"]
    list_per_page = 50
    copy_view_enabled = False  # a copy would start a second history of the same figure
    add_view_class = KeyFigureCreateView
    edit_view_class = KeyFigureEditView

    edit_handler = ObjectList(
        [
            FieldPanel("label"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("value"), FieldPanel("unit")]),
                    FieldRowPanel([FieldPanel("as_of"), FieldPanel("source")]),
                    FieldPanel("source_url"),
                ],
                heading=_("Current value"),
                help_text=_(
                    "A later date records a new value and keeps the old one in the history; the same date corrects "
                    "the current value."
                ),
            ),
            MultipleChooserPanel("entity_links", chooser_field_name="entity", heading=_("About"), label=_("Entity")),
            ValueHistoryPanel(heading=_("Value history")),
            OutdatedCitationsPanel(heading=_("Published articles citing an older value")),
        ],
        base_form_class=KeyFigureForm,
    )


register_snippet(KeyFigureViewSet)


@hooks.register("register_snippet_listing_buttons")
def entity_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Entity) and not snippet.is_merged and user.has_perm("analysis.change_entity"):
        yield Button(_("Merge into another"), reverse(EntityViewSet.merge_url_name, args=[snippet.pk]), priority=30)


@hooks.register("register_log_actions")
def register_analysis_log_actions(actions):
    class DecisionFormatter(LogFormatter):
        def format_message(self, log_entry):
            name = log_entry.data.get("name") or log_entry.data.get("figure", "")
            return self.message % {"name": name}

    for action, label, message in (
        (services.ENTITY_ACCEPT_LOG_ACTION, _("Accept an analysis suggestion"), _("Analysis: “%(name)s” accepted")),
        (services.ENTITY_REJECT_LOG_ACTION, _("Reject an analysis suggestion"), _("Analysis: “%(name)s” rejected")),
        (services.FIGURE_ACCEPT_LOG_ACTION, _("Accept a figure"), _("Analysis: figure “%(name)s” accepted")),
        (services.FIGURE_REJECT_LOG_ACTION, _("Reject a figure"), _("Analysis: figure “%(name)s” rejected")),
    ):
        actions.register_action(action)(type("Formatter", (DecisionFormatter,), {"label": label, "message": message}))

    class LinkFormatter(LogFormatter):
        def format_message(self, log_entry):
            data = log_entry.data
            return self.message % {"figure": data.get("figure", ""), "name": data.get("name", "")}

    for action, label, message in (
        (
            services.FIGURE_LINK_LOG_ACTION,
            _("Link a figure to a key figure"),
            _("Analysis: figure “%(figure)s” cites the key figure “%(name)s”"),
        ),
        (
            services.FIGURE_UNLINK_LOG_ACTION,
            _("Unlink a figure from a key figure"),
            _("Analysis: figure “%(figure)s” no longer cites the key figure “%(name)s”"),
        ),
    ):
        actions.register_action(action)(type("Formatter", (LinkFormatter,), {"label": label, "message": message}))

    @actions.register_action(services.KEY_FIGURE_VALUE_LOG_ACTION)
    class ValueFormatter(LogFormatter):
        label = _("Record a key figure's value")

        def format_message(self, log_entry):
            data = log_entry.data
            return _("Value %(value)s %(unit)s recorded as of %(date)s (%(source)s)") % {
                "value": data.get("value", ""),
                "unit": data.get("unit", ""),
                "date": data.get("as_of", ""),
                "source": data.get("source", ""),
            }

    @actions.register_action(services.ENTITY_MERGE_LOG_ACTION)
    class MergeFormatter(LogFormatter):
        label = _("Merge entities")

        def format_message(self, log_entry):
            return _("“%(name)s” merged into this entity") % {"name": log_entry.data.get("name", "")}
