from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "tribune.editions"
    label = "editions"
    verbose_name = "Editions"
