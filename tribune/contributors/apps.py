from django.apps import AppConfig


class ContributorsConfig(AppConfig):
    name = "tribune.contributors"
    label = "contributors"
    verbose_name = "Contributors"
