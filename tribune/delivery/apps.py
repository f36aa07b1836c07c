from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "tribune.delivery"
    label = "delivery"
    verbose_name = "Delivery"

    def ready(self):
        from . import invalidation, page_cache, signal_handlers

        signal_handlers.register()
        # A worker that saw the shared cache fail trusts it again only once the pending invalidations are applied.
        page_cache.recover = invalidation.apply_pending
