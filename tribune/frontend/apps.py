from django.apps import AppConfig


class FrontendConfig(AppConfig):
    name = "tribune.frontend"
    label = "frontend"
    verbose_name = "Frontend"
