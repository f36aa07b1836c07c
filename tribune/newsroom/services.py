"""Writes for the page tree: the site's home, sections, series and articles, and corrections to articles.

The page-tree functions are idempotent on their slug, so loaders and imports can be re-run safely.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import Page, Site

from tribune.contributors.models import Contributor
from tribune.core.sites import public_address

from .models import (
    TRUST_PAGES,
    ArticleByline,
    ArticleCorrection,
    ArticlePage,
    CorrectionKind,
    HomePage,
    HomeTopStory,
    SectionPage,
    SeriesIndexPage,
    SeriesPage,
    StandardPage,
    TrustPages,
)

CORRECTION_NOTE_MAX_LENGTH = ArticleCorrection._meta.get_field("note").max_length
CORRECTION_LOG_ACTION = "newsroom.correction_append"

CORRECTION_NOT_ALLOWED = _("Only editors who can publish this article can add corrections or updates to it.")
CORRECTION_NOT_PUBLISHED = _("Only a published article can carry corrections or updates.")
CORRECTION_NOTE_REQUIRED = _("Write the note readers will see.")
CORRECTION_NOTE_TOO_LONG = _("Keep the note to %(limit)d characters or fewer (it has %(length)d).")
CORRECTION_KIND_UNKNOWN = _("Choose whether this is a correction or an update.")


def _publish(page: Page, *, user=None, published_at: datetime.datetime | None = None) -> Page:
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    if published_at is not None:
        # Back-dating is for imports and demo content; a normal publish keeps Wagtail's own timestamps.
        type(page).objects.filter(pk=page.pk).update(first_published_at=published_at, last_published_at=published_at)
        page.first_published_at = page.last_published_at = published_at
    return page


@transaction.atomic
def home_page_ensure(*, title: str, tagline: str) -> HomePage:
    """Make a Tribune home page the root of the default site, replacing Wagtail's "Welcome" placeholder.

    The site's hostname and port come from ``SITE_URL`` (as after every ``migrate``, ``core.sites``), so the full
    URLs Wagtail builds for pages match every other absolute link.
    """
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        for placeholder in root.get_children().filter(
            content_type__model="page", content_type__app_label="wagtailcore"
        ):
            placeholder.delete()
        home = root.add_child(instance=HomePage(title=title, slug="home", tagline=tagline))
        _publish(home)
    _scheme, hostname, port = public_address()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port = hostname, port
    site.root_page, site.site_name = home, title
    site.save()
    return home


def section_ensure(*, home: HomePage, slug: str, title: str, tagline: str = "", description: str = "") -> SectionPage:
    section = SectionPage.objects.child_of(home).filter(slug=slug).first()
    if section is None:
        section = home.add_child(
            instance=SectionPage(title=title, slug=slug, tagline=tagline, description=description, show_in_menus=True)
        )
        _publish(section)
    return section


def series_index_ensure(
    *, home: HomePage, title: str = "Series", slug: str = "series", intro: str = ""
) -> SeriesIndexPage:
    index = SeriesIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=SeriesIndexPage(title=title, slug=slug, intro=intro))
        _publish(index)
    return index


def series_ensure(
    *, index: SeriesIndexPage, slug: str, title: str, summary: str = "", description: str = "", image=None
) -> SeriesPage:
    series = SeriesPage.objects.child_of(index).filter(slug=slug).first()
    if series is None:
        series = index.add_child(
            instance=SeriesPage(title=title, slug=slug, summary=summary, description=description, image=image)
        )
        _publish(series)
    return series


@transaction.atomic
def article_publish(
    *,
    section: SectionPage,
    slug: str,
    title: str,
    standfirst: str,
    kind: str,
    body: list,
    contributors: list[Contributor],
    topics: list[str] = (),
    countries: list = (),
    series: SeriesPage | None = None,
    lead_image=None,
    published_at: datetime.datetime | None = None,
    updated_at: datetime.datetime | None = None,
    user=None,
) -> ArticlePage:
    """Create the article under ``section`` (or update the one with ``slug``) and publish it."""
    article = ArticlePage.objects.child_of(section).filter(slug=slug).first()
    is_new = article is None
    if is_new:
        article = ArticlePage(slug=slug, owner=user)
    article.title = title
    article.standfirst = standfirst
    article.kind = kind
    article.body = body
    article.series = series
    article.lead_image = lead_image
    article.updated_at = updated_at
    article.bylines = [
        ArticleByline(contributor=contributor, sort_order=i) for i, contributor in enumerate(contributors)
    ]
    article.countries = list(countries)
    # Topics go in before the first save, so the search index (updated on save) sees them at once.
    article.topics.set(list(topics))
    if is_new:
        section.add_child(instance=article)
    return _publish(article, user=user, published_at=published_at)


def top_stories_set(*, home: HomePage, articles: list[ArticlePage], lead: ArticlePage | None = None) -> HomePage:
    home.lead_story = lead
    home.top_story_picks = [HomeTopStory(article=article, sort_order=i) for i, article in enumerate(articles)]
    return _publish(home)


def front_publish(*, page: HomePage | SectionPage, blocks: list[tuple[str, dict | None]], user=None, go_live_at=None):
    """Give a home or section page a new front and publish it: at once, or, with ``go_live_at`` in the future, as a
    scheduled revision that Wagtail's ``publish_scheduled`` makes live at that time (the page keeps its current
    front until then). ``blocks``: (type, value) pairs of ``front_blocks``; chooser values are pages (or None).
    Returns the revision."""
    page = type(page).objects.get(pk=page.pk)  # fresh: tree counters and other editors' changes are kept
    page.front = blocks
    page.go_live_at = go_live_at
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    return revision


def correction_append(*, article: ArticlePage, kind: str, note: str, user) -> ArticleCorrection:
    """Append a dated correction or update note to a published article, as ``user``.

    The note is a permanent public record: it is not part of the page's revisions, so no edit, republication or
    revert removes it, and nothing here changes the page. Raises ``PermissionDenied`` unless ``user`` may publish
    the article, and ``ValidationError`` (keyed by field) for an unpublished article, an unknown kind or a note
    that is empty or too long.
    """
    # Browsers send a textarea's line breaks as CRLF; store one character per break, as readers see it.
    note = (note or "").replace("\r\n", "\n").strip()
    _correction_check(article=article, kind=kind, note=note, user=user)
    return _correction_record(article=article, kind=kind, note=note, user=user)


def _correction_check(*, article: ArticlePage, kind: str, note: str, user) -> None:
    if user is None or not article.permissions_for_user(user).can_publish():
        raise PermissionDenied(CORRECTION_NOT_ALLOWED)
    errors = {}
    if not (article.live and article.is_out()):
        errors["__all__"] = [CORRECTION_NOT_PUBLISHED]
    if kind not in CorrectionKind.values:
        errors["kind"] = [CORRECTION_KIND_UNKNOWN]
    if not note:
        errors["note"] = [CORRECTION_NOTE_REQUIRED]
    elif len(note) > CORRECTION_NOTE_MAX_LENGTH:
        errors["note"] = [CORRECTION_NOTE_TOO_LONG % {"limit": CORRECTION_NOTE_MAX_LENGTH, "length": len(note)}]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def _correction_record(*, article: ArticlePage, kind: str, note: str, user) -> ArticleCorrection:
    correction = ArticleCorrection.objects.create(
        article=article, kind=kind, note=note, published_at=timezone.now(), created_by=user
    )
    # An audit line in the page's history; a log entry, not a revision, so the page itself is untouched.
    log(
        instance=article,
        action=CORRECTION_LOG_ACTION,
        user=user,
        data={"correction_id": correction.pk, "kind": kind, "note": note},
    )
    article.__dict__.pop("public_corrections", None)  # let this instance's date_modified see the new note
    # tribune.delivery forgets the cached article and corrections pages (page cache and edge) on commit.
    return correction


def standard_page_ensure(*, home: HomePage, slug: str, title: str, body: str) -> StandardPage:
    """The home page's standard page at ``slug``, created and published with ``body`` if missing (an existing one is
    the editors' and left as it is)."""
    page = StandardPage.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = home.add_child(instance=StandardPage(title=title, slug=slug, body=body))
        _publish(page)
    return page


def trust_pages_set(*, site: Site, **pages: Page | None) -> TrustPages:
    """Designate the site's trust pages (``about=``, ``masthead=``, ``standards=``, ``corrections_policy=``,
    ``contact=``, ``privacy=``, ``terms=``; ``None`` clears one); the others are left as they are. Saving the setting
    forgets every stored page (their footers list these)."""
    known = {name for name, _property in TRUST_PAGES}
    if unknown := set(pages) - known:
        raise ValueError(f"Not a trust page: {', '.join(sorted(unknown))}")
    setting = TrustPages.for_site(site)
    for name, page in pages.items():
        setattr(setting, name, page)
    setting.save()
    return setting
