from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "tribune.analysis"
    label = "analysis"
    verbose_name = "Analysis"

    def ready(self):
        from tribune.newsroom import related as newsroom_related

        from . import signal_handlers
        from .related import AnalysisRelatedSignal

        signal_handlers.register(self)
        newsroom_related.register("analysis", AnalysisRelatedSignal())
