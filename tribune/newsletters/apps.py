from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "tribune.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import NewsletterList
        from .selectors import forget_open_lists

        for signal in (post_save, post_delete):
            signal.connect(
                forget_open_lists, sender=NewsletterList, dispatch_uid=f"newsletters.open_lists.{id(signal)}"
            )
