"""Receivers that turn editorial and reader changes into cache invalidation (registered in apps.ready): the paths
the full-page cache and the edge forget, and the generations of the fragment cache (``tribune.core.fragments``).

Each says whether the change *withdraws* content (an unpublish, a delete, a move, a privacy change, a comment taken
down) or only updates it (a publish, a new comment): a withdrawal drops the pages' last good copies too, which are
otherwise served while the database is down."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from tribune.analysis.models import ArticleEntity, Entity
from tribune.analysis.services import Footprint
from tribune.analysis.signals import article_analysis_changed, article_countries_changed
from tribune.contributors.models import Contributor, Expertise
from tribune.core import fragments
from tribune.discussion.models import Comment, Reaction
from tribune.editorial.models import TranslationSync
from tribune.newsletters.models import NewsletterList
from tribune.newsroom.models import ArticleCorrection, ArticlePage
from tribune.taxonomy.models import Country, Topic

from . import invalidation

DISPATCH = "tribune.delivery"
User = get_user_model()


def _paths_before(instance: Page) -> set[str] | None:
    return getattr(instance, "_delivery_paths_before", set())


def page_before_save(sender, instance, update_fields=None, **kwargs):
    """Remember what a live page showed before a full save (publish): pages it leaves must be forgotten too."""
    if update_fields is not None or not instance.pk or not isinstance(instance, Page):
        return
    stored = Page.objects.filter(pk=instance.pk, live=True).only("url_path", "path", "depth", "content_type").first()
    if stored is not None:
        instance._delivery_paths_before = invalidation.page_paths(stored)


def page_changed(sender, instance, signal=None, **kwargs):
    """Published or unpublished: forget what shows the page now and what showed it before. An unpublish withdraws
    the page from all of them; a publish withdraws it only from the paths it left (a new slug or parent)."""
    before, now = _paths_before(instance), invalidation.page_paths(instance)
    if signal is page_unpublished:
        invalidation.forget_on_commit(
            None if before is None or now is None else before | now, fragments.CONTENT, withdrawn=True
        )
        return
    if before is None or now is None:
        invalidation.forget_on_commit(None, fragments.CONTENT)
        return
    if left := before - now:
        invalidation.forget_on_commit(left, withdrawn=True)
    invalidation.forget_on_commit(now, fragments.CONTENT)


def article_countries_changed_live(sender, instance, **kwargs):
    """The analysis added countries to a live article (no publish): the article, its listings and the pages of its
    countries, new ones included."""
    invalidation.forget_on_commit(invalidation.page_paths(instance), fragments.CONTENT)


def article_analysis_changed_live(sender, article_id, entity_ids, principal_country_ids, **kwargs):
    """What readers see of a live article's analysis changed: the article (its "In this piece" panel) and the
    pages of the entities, speakers and country pairs it touched before and after. Withdrawn: a link or quote may
    have been taken back."""
    footprint = Footprint(set(entity_ids), set(principal_country_ids))
    url_path = ArticlePage.objects.filter(pk=article_id).values_list("url_path", flat=True).first()
    article = {invalidation.path_for_url_path(url_path)} if url_path else set()
    invalidation.forget_on_commit(
        {p for p in article if p} | invalidation.analysis_paths(footprint), fragments.CONTENT, withdrawn=True
    )


def entity_changed(sender, instance, created=False, **kwargs):
    """An entity renamed, merged or deleted: its names show on its page, its partners' and on the articles about
    it (their panels), too scattered to list, so the whole site is forgotten when any article links it; its own
    pages when none does. A new one shows nowhere yet."""
    if created:
        return
    linked = ArticleEntity.objects.filter(entity_id=instance.pk).exists() or instance.quotes.exists()
    own = invalidation.analysis_paths(Footprint({instance.pk}))
    invalidation.forget_on_commit(None if linked else own, fragments.CONTENT, withdrawn=True)


def page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    if not instance.live:
        return
    parent_before = url_path_before.rstrip("/").rsplit("/", 1)[0] + "/"
    old = {invalidation.path_for_url_path(url_path_before), invalidation.path_for_url_path(parent_before)}
    now = invalidation.page_paths(instance)
    invalidation.forget_on_commit(
        None if now is None else {p for p in old if p} | now, fragments.CONTENT, withdrawn=True
    )


def page_before_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live:
        invalidation.forget_on_commit(invalidation.page_paths(instance), fragments.CONTENT, withdrawn=True)


def contributor_changed(sender, instance, signal=None, **kwargs):
    withdrawn = signal in (unpublished, post_delete)
    paths = invalidation.contributor_paths(instance) | invalidation.masthead_paths()
    invalidation.forget_on_commit(paths, fragments.CONTENT, withdrawn=withdrawn)


def _forget_masthead() -> None:
    # The masthead's list is built with the page, never stored as a fragment: its paths are all there is to forget.
    if paths := invalidation.masthead_paths():
        invalidation.forget_on_commit(paths, withdrawn=True)


def roles_changed(sender, instance, action, **kwargs):
    """Someone given or relieved of a role (a chief editor, a section's editors, the moderators): the masthead."""
    if action in ("post_add", "post_remove", "post_clear"):
        _forget_masthead()


def account_changed(sender, instance, created=False, update_fields=None, **kwargs):
    """A role holder's account deactivated, reactivated or renamed: the masthead lists active role holders by name.
    Readers' accounts, and sign-ins (which save only ``last_login``), change nothing it shows."""
    if created or (update_fields is not None and set(update_fields) <= {"last_login", "password"}):
        return
    if invalidation.holds_masthead_role(instance):
        _forget_masthead()


def account_before_delete(sender, instance, **kwargs):
    """A role holder's account deleted: asked before the delete takes their role memberships with it."""
    if invalidation.holds_masthead_role(instance):
        _forget_masthead()


def accounts_updated_in_bulk(request, action_type, objects, action):
    """Wagtail's "Set active state" for users deactivates (or reactivates) accounts in one ``UPDATE``, which sends no
    ``post_save``: the masthead would go on listing a deactivated editor. (Its bulk delete and "Assign role" send the
    signals above.) Registered as Wagtail's ``after_bulk_action`` hook in this app's ``wagtail_hooks``."""
    is_account_state = action_type == "set_active_state" and getattr(action, "model", None) is User
    if is_account_state and invalidation.holds_masthead_role(*objects):
        _forget_masthead()


def expertise_changed(sender, instance, created=False, **kwargs):
    """An area renamed or translated: the profiles and the directory that name it. (Deleting one changes the profiles
    that carried it, whose pages the same paths cover: collected before the rows go.) A new one shows nowhere yet."""
    if created:
        return
    invalidation.forget_on_commit(invalidation.expertise_paths(instance), fragments.CONTENT)


def comment_changed(sender, instance, created=False, **kwargs):
    """A new comment updates its article's page; any other change (moderated, edited, deleted) may take words down,
    so it withdraws the page's last good copy too."""
    invalidation.forget_on_commit(
        invalidation.article_discussion_paths(instance.article_id),
        fragments.discussion_scope(instance.article_id),
        withdrawn=not created,
    )


def reaction_changed(sender, instance, **kwargs):
    article_id = Comment.objects.filter(pk=instance.comment_id).values_list("article_id", flat=True).first()
    if article_id:
        invalidation.forget_reactions_on_commit(article_id)


def correction_added(sender, instance, created, **kwargs):
    invalidation.forget_on_commit(invalidation.correction_paths(instance.article_id), fragments.CONTENT)


def translation_synced(sender, instance, **kwargs):
    """A translation created or marked synced: its page drops the notice that its source changed."""
    url_path = Page.objects.filter(pk=instance.translation_id, live=True).values_list("url_path", flat=True).first()
    path = url_path and invalidation.path_for_url_path(url_path)
    invalidation.forget_on_commit({path} if path else set(), fragments.CONTENT)


def shown_object_changed(sender, instance, created=False, **kwargs):
    """An image (its caption, credit, file or focal point), a topic or a country edited or deleted: fragments are
    rebuilt at once (a replaced image file would otherwise leave stored HTML pointing at renditions that no longer
    exist), and stored pages are forgotten if anything shows it. A new one shows nowhere yet."""
    if created:
        return
    # Withdrawn: a photo replaced or deleted may have been taken down.
    invalidation.forget_on_commit(None if invalidation.is_shown(instance) else [], fragments.CONTENT, withdrawn=True)


def site_setting_changed(sender, instance, **kwargs):
    invalidation.forget_on_commit(None, fragments.CONTENT)


def access_changed(sender, instance, **kwargs):
    """A page made private or public again, or a language added or removed: rare, and what it touches (a subtree,
    every page's translations) is wide, so every stored page and route is forgotten, with every last good copy."""
    invalidation.forget_on_commit(None, fragments.CONTENT, withdrawn=True)


def register() -> None:
    page_models = [model for model in apps.get_models() if issubclass(model, Page)]
    for model in page_models:
        pre_save.connect(page_before_save, sender=model, dispatch_uid=f"{DISPATCH}.before_save.{model._meta.label}")
        page_published.connect(page_changed, sender=model, dispatch_uid=f"{DISPATCH}.published.{model._meta.label}")
        page_unpublished.connect(page_changed, sender=model, dispatch_uid=f"{DISPATCH}.unpublished.{model._meta.label}")
        post_page_move.connect(page_moved, sender=model, dispatch_uid=f"{DISPATCH}.moved.{model._meta.label}")
        pre_delete.connect(page_before_delete, sender=model, dispatch_uid=f"{DISPATCH}.delete.{model._meta.label}")
    article_countries_changed.connect(
        article_countries_changed_live, sender=ArticlePage, dispatch_uid=f"{DISPATCH}.analysis_countries"
    )
    article_analysis_changed.connect(
        article_analysis_changed_live, sender=ArticlePage, dispatch_uid=f"{DISPATCH}.analysis_changed"
    )
    post_save.connect(entity_changed, sender=Entity, dispatch_uid=f"{DISPATCH}.entity.saved")
    pre_delete.connect(entity_changed, sender=Entity, dispatch_uid=f"{DISPATCH}.entity.deleted")
    for signal in (published, unpublished, post_save, post_delete):
        signal.connect(contributor_changed, sender=Contributor, dispatch_uid=f"{DISPATCH}.contributor.{id(signal)}")
    m2m_changed.connect(roles_changed, sender=User.groups.through, dispatch_uid=f"{DISPATCH}.roles")
    post_save.connect(account_changed, sender=User, dispatch_uid=f"{DISPATCH}.account")
    pre_delete.connect(account_before_delete, sender=User, dispatch_uid=f"{DISPATCH}.account.deleted")
    post_save.connect(expertise_changed, sender=Expertise, dispatch_uid=f"{DISPATCH}.expertise.saved")
    pre_delete.connect(expertise_changed, sender=Expertise, dispatch_uid=f"{DISPATCH}.expertise.deleted")
    for signal in (post_save, post_delete):
        signal.connect(comment_changed, sender=Comment, dispatch_uid=f"{DISPATCH}.comment.{id(signal)}")
        signal.connect(reaction_changed, sender=Reaction, dispatch_uid=f"{DISPATCH}.reaction.{id(signal)}")
    post_save.connect(correction_added, sender=ArticleCorrection, dispatch_uid=f"{DISPATCH}.correction")
    post_save.connect(translation_synced, sender=TranslationSync, dispatch_uid=f"{DISPATCH}.translation_sync")
    for model in (get_image_model(), Topic, Country):
        for signal in (post_save, post_delete):
            signal.connect(
                shown_object_changed, sender=model, dispatch_uid=f"{DISPATCH}.shown.{model._meta.label}.{id(signal)}"
            )
    for model in (PageViewRestriction, Locale):
        for signal in (post_save, post_delete):
            signal.connect(
                access_changed, sender=model, dispatch_uid=f"{DISPATCH}.access.{model._meta.label}.{id(signal)}"
            )
    # A newsletter opened, renamed or closed: its sign-up box may be on any reader page.
    for signal in (post_save, post_delete):
        signal.connect(site_setting_changed, sender=NewsletterList, dispatch_uid=f"{DISPATCH}.newsletter.{id(signal)}")
    for model in apps.get_models():
        if issubclass(model, BaseSiteSetting):
            post_save.connect(
                site_setting_changed, sender=model, dispatch_uid=f"{DISPATCH}.setting.{model._meta.label}"
            )
