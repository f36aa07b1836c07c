"""What a change makes stale, and telling the page cache and the edge cache to forget it.

One list of paths serves both caches: the origin's page cache forgets them at once and the edge cache
(Varnish, a CDN) is sent a purge for each through Wagtail's front-end cache backends. A change that shows
on every page (a section renamed, the home page or a site setting edited: the navigation and the footer
are everywhere) forgets the whole site instead.

Invalidations are durable: each is recorded (``PendingInvalidation``) in the transaction of the change, applied
after its commit, and applied again by ``apply_pending`` (``manage.py apply_invalidations``) until the shared cache
acknowledged it, so a publish or unpublish made while Redis is down or hung still takes effect when it is back. A
change that withdraws content (unpublish, delete, move, privacy) also drops the pages' last good copies.
"""

import datetime
import hashlib
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import DatabaseError, models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.models import Page, ReferenceIndex, Site

from tribune.analysis.models import PAGE_URL_NAMES, Entity, EntityKind
from tribune.analysis.services import Footprint, article_footprint
from tribune.core import fragments, locales
from tribune.discussion.models import Comment
from tribune.editorial.models import MastheadPage
from tribune.editorial.roles import CHIEF_EDITORS, EDITORS, MODERATORS
from tribune.newsroom.models import ArticlePage, SeriesPage
from tribune.newsroom.selectors import trust_translation_keys
from tribune.syndication.urls import FEED_NAMES

from . import page_cache
from .models import PendingInvalidation

logger = logging.getLogger(__name__)

# Path the edge configuration (deploy/varnish/tribune.vcl) reads as "purge everything".
EDGE_PURGE_ALL_PATH = "/*"
# Applied rows are kept this long (the latest always), for the record and to recognise a shared cache behind them.
KEEP_APPLIED = datetime.timedelta(days=1)
# Longer than an origin takes to answer an edge's fetch (milliseconds when its own copy or fragments are warm).
EDGE_PURGE_AGAIN_AFTER_SECONDS = 2
# Every feed of each subject, summaries and full text, RSS and Atom (tribune/syndication/urls.py).
SITE_FEEDS = FEED_NAMES["site"]
CONTRIBUTOR_PAGES = ["contributor_detail", *FEED_NAMES["contributor"]]
TOPIC_PAGES = ["topic_detail", *FEED_NAMES["topic"]]
# An entity's page and its feeds (tribune/analysis/urls.py, tribune/syndication/urls.py).
ENTITY_PAGES = {
    EntityKind.COUNTRY: [PAGE_URL_NAMES[EntityKind.COUNTRY], *FEED_NAMES["country"]],
    EntityKind.PERSON: [PAGE_URL_NAMES[EntityKind.PERSON], *FEED_NAMES["person"]],
    EntityKind.ORGANISATION: [PAGE_URL_NAMES[EntityKind.ORGANISATION], *FEED_NAMES["organisation"]],
    EntityKind.REGION: [PAGE_URL_NAMES[EntityKind.REGION], *FEED_NAMES["region"]],
}
SITE_LISTINGS = ["sitemap", "news_sitemap"]
SITEMAP_SECTIONS = ["pages", "articles", "experts", "topics"]


def _reverse(name: str, **kwargs) -> str | None:
    try:
        if name == "wagtail_serve":  # the active edition's home page ("/", "/hi/")
            return reverse(name, args=("",))
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def path_for_url_path(url_path: str) -> str | None:
    """The public path of a page's tree path (``/home/economy/piece/`` → ``/economy/piece/``)."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            with translation.override(root.language_code):
                return reverse("wagtail_serve", args=(url_path[len(root.root_path) :],))
    return None


def article_paths(article_id: int) -> set[str]:
    """Every path that shows this article: itself, its listings, its authors', topics' and countries' pages."""
    article = (
        ArticlePage.objects.filter(pk=article_id)
        .select_related("series")
        .prefetch_related("bylines__contributor", "tagged_topics__tag", "countries")
        .only("url_path", "path", "depth", "series__url_path")
        .first()
    )
    if article is None:
        return set()
    parent_url_path = article.url_path.rstrip("/").rsplit("/", 1)[0] + "/"
    paths = {path_for_url_path(article.url_path), path_for_url_path(parent_url_path), _reverse("wagtail_serve")}
    if article.series_id:
        paths.add(path_for_url_path(article.series.url_path))
    section_slug = parent_url_path.rstrip("/").rsplit("/", 1)[-1]
    # An edition's article is in that edition's feeds and listings (/hi/feeds/…, its home page), and the default
    # edition's addresses are forgotten as before, whatever language the editor's request had active.
    edition = _edition_root(article.url_path)
    languages = {settings.LANGUAGE_CODE}
    if edition is not None:
        languages.add(edition.language_code)
        paths.add(path_for_url_path(edition.root_path))
    for language in languages:
        with translation.override(language):
            paths |= _listing_paths(article, section_slug)
    paths |= analysis_paths(article_footprint(article_id))
    return {p for p in paths if p}


def analysis_paths(footprint: Footprint) -> set[str]:
    """The pages that show an article through its analysis, in every edition: its entities' and quoted speakers'
    pages and feeds (a country's page lists its articles and its relationships), and the dossiers of each pair of
    its principal countries."""
    entities = {entity.pk: entity for entity in Entity.objects.filter(pk__in=footprint.entity_ids).only("kind", "slug")}
    countries = sorted(entities[pk].slug for pk in footprint.principal_country_ids if pk in entities)
    paths = set()
    for language in settings.TRIBUNE_LANGUAGES:
        with translation.override(language):
            for entity in entities.values():
                paths |= {_reverse(name, slug=entity.slug) for name in ENTITY_PAGES.get(entity.kind, [])}
            for index, first in enumerate(countries):
                paths |= {_reverse("country_pair", first=first, second=second) for second in countries[index + 1 :]}
    return {p for p in paths if p}


def _edition_root(url_path: str):
    return next((root for root in Site.get_site_root_paths() if url_path.startswith(root.root_path)), None)


def _listing_paths(article: ArticlePage, section_slug: str) -> set[str | None]:
    """The feeds, listings and sitemaps an article appears in, in the active language's addresses."""
    paths = {_reverse(name, slug=section_slug) for name in FEED_NAMES["section"]}
    for byline in article.bylines.all():
        slug = byline.contributor.slug
        paths |= {_reverse(name, slug=slug) for name in CONTRIBUTOR_PAGES}
    for tagged in article.tagged_topics.all():
        slug = tagged.tag.slug
        paths |= {_reverse(name, slug=slug) for name in TOPIC_PAGES}
    for country in article.countries.all():
        paths.add(_reverse("country_detail", slug=country.slug))
    paths |= {_reverse(name) for name in SITE_FEEDS + SITE_LISTINGS}
    paths |= {_reverse("sitemap_section", section=name) for name in SITEMAP_SECTIONS}
    paths.add(_reverse("contributor_directory"))
    return paths


def article_discussion_paths(article_id: int) -> set[str]:
    """A discussion shows on its article's page only (comment counts elsewhere follow within the cache TTL)."""
    url_path = ArticlePage.objects.filter(pk=article_id).values_list("url_path", flat=True).first()
    path = path_for_url_path(url_path) if url_path else None
    return {path} if path else set()


def translation_paths(page_id: int, *, translation_key=None) -> set[str]:
    """The pages of a page's live translations: their language switchers link it, and they tell readers when their
    source was updated or corrected."""
    keys = [translation_key] if translation_key else Page.objects.filter(pk=page_id).values("translation_key")
    url_paths = Page.objects.filter(translation_key__in=keys, live=True).exclude(pk=page_id)
    return {p for p in map(path_for_url_path, url_paths.values_list("url_path", flat=True)) if p}


def correction_paths(article_id: int) -> set[str]:
    names = ["corrections", *FEED_NAMES["corrections"]]
    return article_discussion_paths(article_id) | translation_paths(article_id) | {p for p in map(_reverse, names) if p}


def contributor_paths(contributor) -> set[str]:
    """A profile shows on its page, in the bylines of every published article by the expert, and on the comments of
    the account linked to it."""
    slug = contributor.slug
    paths = set()
    # A profile has an address in every edition (/experts/…, /hi/experts/…), each showing its own translation.
    for language in settings.TRIBUNE_LANGUAGES:
        with translation.override(language):
            paths |= {_reverse(name, slug=slug) for name in CONTRIBUTOR_PAGES}
            paths.add(_reverse("contributor_directory"))
    article_ids = ArticlePage.objects.filter(bylines__contributor=contributor).values_list("pk", flat=True)
    for article_id in article_ids:
        paths |= article_paths(article_id)
    if contributor.user_id:
        # The expert's comments show under the profile's name, on articles they may not be bylined on.
        commented = Comment.objects.filter(author_id=contributor.user_id).values_list("article_id", flat=True)
        for article_id in set(commented) - set(article_ids):
            paths |= article_discussion_paths(article_id)
    return {p for p in paths if p}


def expertise_paths(expertise) -> set[str]:
    """An area of expertise shows, by name, on the profiles that carry it and in the directory (its cards and its
    filter), in every edition."""
    slugs = list(expertise.contributors.filter(live=True).values_list("slug", flat=True))
    paths = set()
    for language in settings.TRIBUNE_LANGUAGES:
        with translation.override(language):
            paths.add(_reverse("contributor_directory"))
            paths |= {_reverse("contributor_detail", slug=slug) for slug in slugs}
    return {p for p in paths if p}


def series_paths(series: SeriesPage) -> set[str]:
    paths = {path_for_url_path(series.url_path), path_for_url_path(series.get_parent().url_path)}
    for url_path in ArticlePage.objects.filter(series=series).values_list("url_path", flat=True):
        paths.add(path_for_url_path(url_path))
    return {p for p in paths if p}


def is_shown(obj) -> bool:
    """Whether any page or profile refers to ``obj`` (an image, a topic, a country), by Wagtail's reference index.
    What shows it is too scattered to list (an article's lead image is on cards across the site), so a caller
    forgets the whole site when it is shown anywhere, and nothing when it is not."""
    return ReferenceIndex.get_references_to(obj).exists()


def is_site_wide(page: Page) -> bool:
    """Site roots and their children (the sections in every page's navigation) show everywhere."""
    roots = {root.root_path for root in Site.get_site_root_paths()}
    parent_url_path = page.url_path.rstrip("/").rsplit("/", 1)[0] + "/"
    return page.url_path in roots or parent_url_path in roots


def is_trust_page(page: Page) -> bool:
    """A designated trust page (``TrustPages``) or a translation of one: every page's footer links it by its title."""
    return page.translation_key in trust_translation_keys()


def masthead_paths() -> set[str]:
    """Every edition's masthead page: it lists role holders and in-house profiles, so a change to either shows."""
    paths = {path_for_url_path(url_path) for url_path in MastheadPage.objects.live().values_list("url_path", flat=True)}
    return {p for p in paths if p}


def holds_masthead_role(*users) -> bool:
    """Whether any of these accounts holds a role the masthead lists: one query, however many accounts."""
    return (
        Group.objects.filter(user__in=users)
        .filter(models.Q(name__in=[CHIEF_EDITORS, MODERATORS]) | models.Q(name__startswith=f"{EDITORS} · "))
        .exists()
    )


def page_paths(page: Page) -> set[str] | None:
    """Paths a page's change makes stale, in the page's own edition whatever the language of the admin that changed
    it, with its translations' pages (their language switchers link it); ``None`` when it shows on every page of the
    site."""
    with translation.override(locales.language_code(page.locale_id)):
        paths = _edition_paths(page)
    if paths is None:
        return None
    return paths | translation_paths(page.pk, translation_key=page.translation_key)


def _edition_paths(page: Page) -> set[str] | None:
    specific_class = page.specific_class
    if specific_class is not None and issubclass(specific_class, ArticlePage):
        return article_paths(page.pk)
    if is_site_wide(page) or is_trust_page(page):
        return None
    if specific_class is not None and issubclass(specific_class, SeriesPage):
        return series_paths(page.specific)
    own = path_for_url_path(page.url_path)
    return {own} if own else set()


# Forgetting


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def forget(paths: Iterable[str] | None, *, withdrawn: bool = False) -> bool:
    """Forget these paths (or, given ``None``, the whole site) in the page cache and at the edge; their last good
    copies too when the content was ``withdrawn``. True when the page cache's shared tier acknowledged it."""
    if paths is None:
        acknowledged = page_cache.forget_all(withdrawn=withdrawn)
        edge_paths = [EDGE_PURGE_ALL_PATH]
    else:
        edge_paths = sorted(set(paths))
        acknowledged = page_cache.forget_paths(edge_paths, withdrawn=withdrawn)
    if edge_paths and get_backends():
        # Wagtail would queue the purge for the task worker (a second or more); a reader must see a publish
        # within one, so run Wagtail's own purge task here, after the commit. Purging a local Varnish takes
        # about a millisecond a path.
        urls = [_absolute(path) for path in edge_paths]
        purge_urls_from_cache_task.call(urls)
        _purge_again_later(urls)
    return acknowledged


def _purge_again_later(urls: list[str]) -> None:
    """An edge fetch that reached the origin before the commit can deliver the old page just after the purge, and
    the edge would keep it for its whole lifetime: a second purge, once such fetches are over, drops it. Queued for
    the task worker where the task backend can wait (the database backend does; the test backend does not)."""
    if not purge_urls_from_cache_task.get_backend().supports_defer:
        return
    # One queued repeat per set of addresses at a time: a busy discussion purges its article on every comment, and
    # the repeat already queued still runs after this purge's fetches are over.
    pending_key = "edge-purge-again:" + hashlib.blake2b("\n".join(sorted(urls)).encode(), digest_size=16).hexdigest()
    if not caches[settings.TRIBUNE_PAGE_CACHE_ALIAS].add(pending_key, 1, EDGE_PURGE_AGAIN_AFTER_SECONDS):
        return
    run_after = timezone.now() + datetime.timedelta(seconds=EDGE_PURGE_AGAIN_AFTER_SECONDS)
    purge_urls_from_cache_task.using(run_after=run_after).enqueue(urls)


def reaction_purge_seconds() -> int:
    """How often at most a like or unlike forgets its article's stored page."""
    return getattr(settings, "TRIBUNE_REACTION_PURGE_SECONDS", 10)


def forget_discussion(article_id: int) -> None:
    """The article's discussion changed: its fragments' generation moves on, then its page is forgotten."""
    fragments.bump(fragments.discussion_scope(article_id))
    forget(article_discussion_paths(article_id))


def _reaction_keys(article_id: int) -> tuple[str, str]:
    return f"reaction-purge:{article_id}", f"reaction-purge-pending:{article_id}"


def forget_reactions_on_commit(article_id: int) -> None:
    """A like changes one number on one page: the first like of a window forgets the page at once, and the likes that
    follow it forget it once more when the window is over (``forget_reactions_now``, queued), not once each. Toggling
    likes then cannot keep a hot article's page out of the caches, and the count is right a window later.

    Where the task backend cannot wait (the immediate backend), every like forgets the page at once."""
    from .tasks import forget_article_reactions

    def run():
        window = reaction_purge_seconds()
        if window <= 0 or not forget_article_reactions.get_backend().supports_defer:
            forget_discussion(article_id)
            return
        recent, pending = _reaction_keys(article_id)
        cache = caches[settings.TRIBUNE_PAGE_CACHE_ALIAS]
        if cache.add(recent, 1, window):
            forget_discussion(article_id)
        elif cache.add(pending, 1, 3 * window):  # one repeat queued at a time; it clears the mark when it runs
            run_after = timezone.now() + datetime.timedelta(seconds=window)
            forget_article_reactions.using(run_after=run_after).enqueue(article_id)

    transaction.on_commit(run)


def forget_reactions_now(article_id: int) -> None:
    """The queued purge at the end of a window of likes; it opens a new window, so steady liking purges the page
    about once a window."""
    recent, pending = _reaction_keys(article_id)
    cache = caches[settings.TRIBUNE_PAGE_CACHE_ALIAS]
    cache.set(recent, 1, reaction_purge_seconds())
    cache.delete(pending)
    forget_discussion(article_id)


def forget_on_commit(paths: Iterable[str] | None, *scopes: str, withdrawn: bool = False) -> None:
    """Record the invalidation with the change, and apply it once the change is visible to other connections (never
    before, or a reader re-caches the old page): move the fragment generations of ``scopes`` on, then forget
    ``paths`` (None: the whole site); ``withdrawn`` drops the paths' last good copies too.

    In that order: the first reader let through by the purge rebuilds the page at once, and must not build it from
    fragments of the old generation, or the old content would be stored again, in the page cache and at the edge.
    Whatever the shared cache does not acknowledge stays pending for ``apply_pending``."""
    paths = None if paths is None else sorted(set(paths))
    pending = PendingInvalidation.objects.create(paths=paths, scopes=list(scopes), withdraws=withdrawn)
    transaction.on_commit(lambda: apply(pending))


def apply(pending: PendingInvalidation) -> bool:
    """Apply one recorded invalidation; mark it applied when the shared cache acknowledged every part of it (and the
    edge was purged). False leaves it pending."""
    acknowledged = fragments.bump(*pending.scopes) if pending.scopes else True
    acknowledged = acknowledged and forget(pending.paths, withdrawn=pending.withdraws)
    acknowledged = acknowledged and page_cache.raise_applied_marker(pending.pk)
    try:
        if acknowledged:
            PendingInvalidation.objects.filter(pk=pending.pk).update(applied_at=timezone.now())
        else:
            PendingInvalidation.objects.filter(pk=pending.pk).update(attempts=models.F("attempts") + 1)
    except DatabaseError:
        # Recorded but not marked: applying it again is harmless (new tokens), so leave it to apply_pending.
        logger.warning("Could not record the outcome of invalidation %s", pending.pk, exc_info=True)
    return acknowledged


def _latest_applied() -> int | None:
    return (
        PendingInvalidation.objects.filter(applied_at__isnull=False)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )


def apply_pending(limit: int = 1000) -> bool:
    """Bring the shared cache up to date with the database's invalidations: clear it if it is behind them (a Redis
    restarted from older data holds tokens from before invalidations that were applied), then apply those still
    pending, oldest first. True when nothing is left pending; False when the shared cache or the database did not
    answer (the next run tries again)."""
    try:
        latest = _latest_applied()
        marker = page_cache.applied_marker()
        if not page_cache.shared_is_reachable():
            return False
        if latest is not None and (marker is None or marker < latest):
            logger.warning(
                "The shared cache is behind the database's invalidations (it received up to %s, %s was applied): "
                "clearing it",
                marker,
                latest,
            )
            if not (page_cache.clear_shared() and page_cache.raise_applied_marker(latest)):
                return False
            # Until it was cleared, a worker that had not yet seen the newer marker could answer from it: a page from
            # before the invalidations (a takedown undone) then reached the edges, which would keep it for its
            # whole lifetime. Purge them of everything, now and once more when fetches under way are over.
            forget(None)
        for pending in PendingInvalidation.objects.filter(applied_at__isnull=True).order_by("pk")[:limit]:
            if not apply(pending):
                return False
        _prune()
    except DatabaseError:
        logger.warning("Pending invalidations could not be read", exc_info=True)
        return False
    return not PendingInvalidation.objects.filter(applied_at__isnull=True).exists()


def _prune() -> None:
    latest = _latest_applied()
    if latest is not None:
        PendingInvalidation.objects.filter(
            applied_at__isnull=False, applied_at__lt=timezone.now() - KEEP_APPLIED, pk__lt=latest
        ).delete()
