from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "tribune.media"
    label = "media"
    verbose_name = "Media"
