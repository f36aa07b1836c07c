from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "tribune.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters"
