from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    name = "tribune.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.core.signals import request_finished, request_started

        from . import fragments
        from .converters import UnicodeSlugConverter

        register_converter(UnicodeSlugConverter, "uslug")
        request_started.connect(fragments.start_request, dispatch_uid="tribune.core.fragments.start")
        request_finished.connect(fragments.finish_request, dispatch_uid="tribune.core.fragments.finish")
