from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "tribune.syndication"
    label = "syndication"
    verbose_name = "Syndication"
