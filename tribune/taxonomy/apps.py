from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "tribune.taxonomy"
    label = "taxonomy"
    verbose_name = "Topics and countries"
