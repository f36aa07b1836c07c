from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "tribune.search"
    label = "tribune_search"
    verbose_name = "Search"

    def ready(self):
        from . import signal_handlers

        signal_handlers.register()
