from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tribune.demo"
    label = "demo"
    verbose_name = "Demo content"
