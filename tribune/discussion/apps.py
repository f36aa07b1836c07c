from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    name = "tribune.discussion"
    label = "discussion"
    verbose_name = "Discussion"

    def ready(self):
        from . import signal_handlers

        signal_handlers.register(self)
