from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "tribune.editorial"
    label = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from . import signal_handlers

        signal_handlers.register(self)
