"""Receivers that keep articles' search index entries in step with the names they are filed under (registered in
apps.ready).

An article's entry carries the names of its countries, topics, section, series and bylines. Wagtail rewrites the
entry when the article is saved; these receivers rewrite it when one of those names changes or goes away: a topic
or country renamed or deleted, a contributor's published name changed, a section or series retitled or deleted.
The work runs as a background task after the commit; other saves of those objects (a bio, a tagline) queue nothing.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from tribune.contributors.models import Contributor
from tribune.newsroom.models import SectionPage, SeriesPage
from tribune.taxonomy.models import Country, Topic

from . import selectors
from .tasks import articles_reindex

DISPATCH = "tribune.search"

# Each object that lends an article a searchable name: the field holding the name, and how it files articles.
NAMED = {Topic: ("name", "topic"), Country: ("name", "country"), Contributor: ("name", "contributor")}
TITLED_PAGES = {SectionPage: "section", SeriesPage: "series"}


def _name_field(model) -> str:
    return NAMED[model][0] if model in NAMED else "title"


def _filed_under(model) -> str:
    return NAMED[model][1] if model in NAMED else TITLED_PAGES[model]


def name_before_save(sender, instance, update_fields=None, **kwargs):
    """Remember the stored name, so that only a change of it queues work."""
    field = _name_field(sender)
    if instance.pk is None or (update_fields is not None and field not in update_fields):
        return
    instance._search_name_before = sender._default_manager.filter(pk=instance.pk).values_list(field, flat=True).first()


def name_saved(sender, instance, created=False, raw=False, **kwargs):
    if created or raw or not hasattr(instance, "_search_name_before"):
        return
    before = instance.__dict__.pop("_search_name_before")
    if before is not None and before != getattr(instance, _name_field(sender)):
        filed_under, pk = _filed_under(sender), instance.pk
        transaction.on_commit(lambda: articles_reindex.enqueue(filed_under=filed_under, pk=pk))


def name_before_delete(sender, instance, **kwargs):
    """The articles filed under an object being deleted, read while they still are (the link goes with it)."""
    ids = list(selectors.articles_filed_under(_filed_under(sender), instance.pk).values_list("pk", flat=True))
    instance._search_articles_filed_under = ids


def name_deleted(sender, instance, **kwargs):
    ids = instance.__dict__.pop("_search_articles_filed_under", None)
    if ids:
        transaction.on_commit(lambda: articles_reindex.enqueue(article_ids=ids))


def register() -> None:
    for model in [*NAMED, *TITLED_PAGES]:
        label = model._meta.label
        pre_save.connect(name_before_save, sender=model, dispatch_uid=f"{DISPATCH}.before_save.{label}")
        post_save.connect(name_saved, sender=model, dispatch_uid=f"{DISPATCH}.saved.{label}")
    # A section's articles go with it; a contributor on a byline cannot be deleted.
    for model in (Topic, Country, SeriesPage):
        label = model._meta.label
        pre_delete.connect(name_before_delete, sender=model, dispatch_uid=f"{DISPATCH}.before_delete.{label}")
        post_delete.connect(name_deleted, sender=model, dispatch_uid=f"{DISPATCH}.deleted.{label}")
