from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "tribune.search"
    label = "tribune_search"
    verbose_name = "Search"
