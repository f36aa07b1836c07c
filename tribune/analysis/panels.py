"""Panels of the key figure's edit screen that show rather than edit: the values it has held, and the published
articles citing an older value than the current one. Neither shows while the record is being added."""

from wagtail.admin.panels import Panel

from . import selectors
from .models import KeyFigure


class KeyFigureReadPanel(Panel):
    template_name = ""

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template_name

        def is_shown(self):
            return bool(self.instance.pk)

        def stored(self) -> KeyFigure:
            """The record as saved: after a post with errors, the instance holds the values typed."""
            return KeyFigure.objects.get(pk=self.instance.pk)


class ValueHistoryPanel(KeyFigureReadPanel):
    template_name = "analysis/admin/panels/key_figure_history.html"

    class BoundPanel(KeyFigureReadPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["key_figure"] = self.instance
            context["history"] = list(selectors.key_figure_history(self.instance))
            return context


class OutdatedCitationsPanel(KeyFigureReadPanel):
    template_name = "analysis/admin/panels/key_figure_citations.html"

    class BoundPanel(KeyFigureReadPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            key_figure = self.stored()
            citations = selectors.key_figure_citations(key_figure)
            context["key_figure"] = key_figure
            context["outdated"] = [citation for citation in citations if citation.cites_old_value]
            context["current_count"] = sum(1 for citation in citations if not citation.cites_old_value)
            return context
