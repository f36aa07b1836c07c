from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "tribune.analysis"
    label = "analysis"
    verbose_name = "Analysis"

    def ready(self):
        from tribune.core.translated_fields import use_translation_form
        from tribune.newsroom import related as newsroom_related

        from . import signal_handlers
        from .forms import EntityForm
        from .related import AnalysisRelatedSignal

        signal_handlers.register(self)
        entity = self.get_model("Entity")
        entity.base_form_class = EntityForm  # the Entities screen's form, with a name field per edition added next
        use_translation_form(entity)
        newsroom_related.register("analysis", AnalysisRelatedSignal())
