from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "tribune.operations"
    verbose_name = "Operations"
