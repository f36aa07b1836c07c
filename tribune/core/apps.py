from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    name = "tribune.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from .converters import UnicodeSlugConverter

        register_converter(UnicodeSlugConverter, "uslug")
