"""Receivers that start the analysis and keep the entities in step (registered in apps.ready):

- a revision of an article saved (a draft, an autosave overwriting one, the revision a publish makes) and an article
  published: its analysis is queued after the commit (``tasks.analysis_enqueue``); saving and publishing never wait
  for it and never fail because of it;
- an expert profile published: the expert's person entity (their name feeds the knowledge base);
- an entity changed or deleted: the knowledge base is built again (a new generation);
- after every migrate: the seed's entities and the published experts (``services.entities_sync``).
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.signals import post_delete, post_migrate, post_save

from wagtail.models import Revision
from wagtail.signals import page_published, published

from tribune.contributors.models import Contributor
from tribune.newsroom.models import ArticlePage

from . import conf, knowledge_base
from .models import Entity

logger = logging.getLogger(__name__)
DISPATCH = "tribune.analysis"


def revision_saved(sender, instance: Revision, created=False, update_fields=None, raw=False, **kwargs):
    if raw or not conf.enabled():
        return
    if update_fields is not None and "content" not in update_fields:
        return  # Wagtail marking a revision approved for a go-live time: the text did not change
    if instance.content_type_id != ContentType.objects.get_for_model(ArticlePage).pk:
        return
    from .tasks import analysis_enqueue

    analysis_enqueue(int(instance.object_id), instance.pk, draft=True)


def article_published(sender, instance: ArticlePage, revision=None, **kwargs):
    if not conf.enabled() or revision is None:
        return
    from .tasks import analysis_enqueue

    analysis_enqueue(instance.pk, revision.pk)


def contributor_published(sender, instance: Contributor, **kwargs):
    from .services import contributor_entity_sync

    contributor_entity_sync(contributor=instance)


def entity_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        knowledge_base.bump_on_commit()


def entities_after_migrate(sender, using="default", **kwargs):
    """After every migrate (as editorial's roles): a fresh install has the seed's entities, and an upgrade gets what
    the seed added. Skipped while the analysis tables do not exist (a migration to an earlier state)."""
    if Entity._meta.db_table not in connection.introspection.table_names():
        return
    from .services import entities_sync

    result = entities_sync()
    if result.created or result.updated:
        logger.info("Analysis entities: %d created, %d updated", result.created, result.updated)


def register(app_config) -> None:
    post_save.connect(revision_saved, sender=Revision, dispatch_uid=f"{DISPATCH}.revision_saved")
    page_published.connect(article_published, sender=ArticlePage, dispatch_uid=f"{DISPATCH}.article_published")
    published.connect(contributor_published, sender=Contributor, dispatch_uid=f"{DISPATCH}.contributor_published")
    post_save.connect(entity_changed, sender=Entity, dispatch_uid=f"{DISPATCH}.entity_saved")
    post_delete.connect(entity_changed, sender=Entity, dispatch_uid=f"{DISPATCH}.entity_deleted")
    post_migrate.connect(entities_after_migrate, sender=app_config, dispatch_uid=f"{DISPATCH}.entities_sync")
