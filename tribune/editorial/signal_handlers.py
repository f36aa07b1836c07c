"""Receivers the editorial layer registers on lower layers and on Wagtail: roles for new sections, workflow
assignment for sensitive sections, and notifications sent outside the request."""

from django.db.models.signals import post_migrate, post_save

from wagtail.models import Page
from wagtail.signals import copy_for_translation_done, page_published

from tribune.newsroom.models import SectionPage, SeriesIndexPage


def on_section_saved(sender, instance: SectionPage, created: bool, **kwargs):
    from .roles import section_roles_ensure

    if created:
        section_roles_ensure(instance)


def on_series_index_saved(sender, instance: SeriesIndexPage, created: bool, **kwargs):
    from .roles import series_roles_ensure

    if created:
        series_roles_ensure(instance)


def on_section_published(sender, instance: SectionPage, **kwargs):
    from wagtail.models import Workflow

    from .workflows import EDITORIAL_AND_SECOND_REVIEW, section_workflow_sync

    if Workflow.objects.filter(name=EDITORIAL_AND_SECOND_REVIEW).exists():
        section_workflow_sync(instance)


def on_copied_for_translation(sender, source_obj, target_obj, **kwargs):
    """A new translation (Wagtail's "Translate" action, ``copy_for_translation``) starts in step with its source.
    Aliases (parents copied along) follow their source by themselves, and snippets are not tracked."""
    from .services import translation_sync_record

    if isinstance(target_obj, Page) and isinstance(source_obj, Page) and target_obj.alias_of_id is None:
        translation_sync_record(translation=target_obj, source=source_obj)


def on_post_migrate(sender, **kwargs):
    """After every migrate: make sure all roles, section groups and review workflows exist."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    from wagtail.snippets.models import create_extra_permissions

    from .roles import roles_sync
    from .workflows import workflows_sync

    # post_migrate runs app by app; permissions of apps listed after this one may not exist yet.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    create_extra_permissions(apps.get_app_config("wagtailsnippets"))  # snippets' publish/lock permissions
    roles_sync()
    workflows_sync()


def register(app_config):
    post_migrate.connect(on_post_migrate, sender=app_config, dispatch_uid="tribune_roles_sync")
    post_save.connect(on_section_saved, sender=SectionPage, dispatch_uid="tribune_section_roles")
    post_save.connect(on_series_index_saved, sender=SeriesIndexPage, dispatch_uid="tribune_series_roles")
    copy_for_translation_done.connect(on_copied_for_translation, dispatch_uid="tribune_translation_sync")
    page_published.connect(on_section_published, sender=SectionPage, dispatch_uid="tribune_section_workflow")
    from . import notifications

    notifications.register()
