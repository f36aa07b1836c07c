from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "tribune.analysis"
    label = "analysis"
    verbose_name = "Analysis"

    def ready(self):
        from . import signal_handlers

        signal_handlers.register(self)
