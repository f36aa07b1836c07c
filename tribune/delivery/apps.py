from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "tribune.delivery"
    label = "delivery"
    verbose_name = "Delivery"

    def ready(self):
        from . import signal_handlers

        signal_handlers.register()
