from django.apps import AppConfig
from django.urls import register_converter


class CoreConfig(AppConfig):
    name = "tribune.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_delete, post_migrate, post_save

        from wagtail.models import Site

        from . import fragments, languages, locales, security_headers, sites  # noqa: F401 (languages: its check)
        from .converters import UnicodeSlugConverter

        security_headers.nonce_wagtail_choosers()
        locales.connect()

        register_converter(UnicodeSlugConverter, "uslug")
        request_started.connect(fragments.start_request, dispatch_uid="tribune.core.fragments.start")
        request_finished.connect(fragments.finish_request, dispatch_uid="tribune.core.fragments.finish")
        # A site's hostname, port or root decides every URL: readers must see the change on their next request.
        for signal in (post_save, post_delete):
            signal.connect(_site_changed, sender=Site, dispatch_uid=f"tribune.core.site_changed.{id(signal)}")
        # Every migrate (make run, a deployment) puts the default site on SITE_URL's host and port.
        post_migrate.connect(sites.default_site_sync, sender=self, dispatch_uid="tribune.core.default_site_sync")


def _site_changed(sender, instance, **kwargs):
    from . import fragments, sites

    sites.forget()
    fragments.bump_on_commit(fragments.CONTENT)
