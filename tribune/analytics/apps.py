from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "tribune.analytics"
    label = "analytics"
    verbose_name = "Analytics"
