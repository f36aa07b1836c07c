"""Reads for the editorial screens."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Case, CharField, Count, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast
from django.utils import timezone, translation

from wagtail.models import Locale, Page, TaskState, WorkflowState

from tribune.contributors.models import Contributor
from tribune.newsroom.models import ArticleByline, ArticleCorrection, ArticlePage, SectionPage

from .models import Invitation, Pitch, PitchStatus, TranslationSync
from .permissions import TribunePagePermissionPolicy
from .roles import (
    CHIEF_EDITORS,
    EDITORS,
    MODERATORS,
    is_chief_editor,
    section_group_name,
    sections_edited_by,
    sections_open_to,
)

DASHBOARD_LIMIT = 10
User = get_user_model()


def _latest_comments(pages: list[ArticlePage]) -> dict[int, TaskState]:
    """The most recent review decision with a comment, per page, in one query."""
    if not pages:
        return {}
    states = (
        TaskState.objects.filter(
            workflow_state__object_id__in=[str(page.pk) for page in pages],
            workflow_state__base_content_type__model="page",
        )
        .exclude(comment="")
        .select_related("finished_by", "task", "workflow_state")
        .order_by("-finished_at")
    )
    latest = {}
    for state in states:
        latest.setdefault(int(state.workflow_state.object_id), state)
    return latest


def pieces_of(user):
    """The articles that are the user's: those they own, and those bylined to the expert profile linked to them
    (editors often create or publish a piece for its author, and the demo's published pieces have no owner)."""
    bylined = ArticleByline.objects.filter(contributor__user=user).values("page_id")
    return ArticlePage.objects.filter(Q(owner=user) | Q(pk__in=bylined))


def _may_edit(user, page: ArticlePage) -> bool:
    """Wagtail's rule for opening a page's editor (``PagePermissionTester.can_edit``) without its per-page workflow
    lookup, which only matters to reviewers, and Tribune's reviewers may edit the section anyway."""
    if user.is_superuser:
        return True
    actions = page.permissions_for_user(user).permissions  # cached per user: no query per page
    return "change" in actions or ("add" in actions and page.owner_id == user.pk)


def contributor_dashboard(user) -> dict:
    """An author's pieces at every stage: pitches, drafts, in review (with reviewers' comments), scheduled, out."""
    mine = pieces_of(user).defer_streamfields().order_by("-latest_revision_created_at")
    in_progress = list(mine.filter(Q(live=False) | Q(has_unpublished_changes=True))[:100])
    workflow_states = {
        int(state.object_id): state
        for state in WorkflowState.objects.active()
        .filter(base_content_type__model="page", object_id__in=[str(page.pk) for page in in_progress])
        .select_related("current_task_state__task")
    }
    now = timezone.now()
    in_review, needs_changes, drafts, scheduled = [], [], [], []
    for page in in_progress:
        page.editable = _may_edit(user, page)
        state = workflow_states.get(page.pk)
        if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            needs_changes.append(page)
        elif state:
            in_review.append(page)
        elif page.go_live_at and page.go_live_at > now or page.embargo_until and page.embargo_until > now:
            scheduled.append(page)
        elif not page.live:
            drafts.append(page)
    comments = _latest_comments(in_review + needs_changes)
    for page in in_review + needs_changes:
        page.review_comment = comments.get(page.pk)
        page.workflow_state = workflow_states.get(page.pk)
    return {
        "pitches": list(Pitch.objects.filter(author=user).select_related("section", "article")[:DASHBOARD_LIMIT]),
        "drafts": drafts[:DASHBOARD_LIMIT],
        "in_review": in_review[:DASHBOARD_LIMIT],
        "needs_changes": needs_changes[:DASHBOARD_LIMIT],
        "scheduled": scheduled[:DASHBOARD_LIMIT],
        "published": list(
            ArticlePage.objects.published()
            .filter(pk__in=pieces_of(user).values("pk"))
            .order_by("-first_published_at")[:DASHBOARD_LIMIT]
        ),
    }


def user_may_pitch(user) -> bool:
    """Pitching takes the permission and at least one section where the user may write."""
    return user.has_perm("editorial.add_pitch") and bool(sections_open_to(user))


def pitches_visible_to(user):
    """Authors see their own pitches; editors see every pitch for the sections they edit."""
    mine = Pitch.objects.filter(author=user)
    if user.is_superuser:
        return Pitch.objects.select_related("author", "section", "article")
    edited = [section.pk for section in sections_edited_by(user)]
    return (
        (mine | Pitch.objects.filter(section_id__in=edited)).distinct().select_related("author", "section", "article")
    )


def pitches_awaiting_first(user, *, status: str = ""):
    """The pitches ``user`` may see, newest first; for editors, the open pitches in their sections come first."""
    pitches = pitches_visible_to(user)
    if status:
        pitches = pitches.filter(status=status)
    awaiting = Q(status__in=[PitchStatus.SUBMITTED, PitchStatus.QUESTION])
    if not user.is_superuser:
        awaiting &= Q(section_id__in=[section.pk for section in sections_edited_by(user)])
    awaiting_decision = Case(When(awaiting, then=Value(True)), default=Value(False), output_field=BooleanField())
    return pitches.annotate(awaiting_decision=awaiting_decision).order_by("-awaiting_decision", "-created_at", "-pk")


def invitations_visible_to(user):
    """Chief editors see every invitation; other editors see the ones they sent."""
    invitations = Invitation.objects.select_related("invited_by").prefetch_related("sections")
    return invitations if is_chief_editor(user) else invitations.filter(invited_by=user)


def editor_queue(user) -> dict | None:
    """What waits for ``user`` in the sections they edit: pitches to decide and pieces to review, per section. None
    for people who edit no section. A few queries, however many pitches and pieces wait."""
    sections = sections_edited_by(user)
    if not sections:
        return None
    pitches = dict(
        Pitch.objects.filter(status=PitchStatus.SUBMITTED, section__in=sections)
        .order_by()
        .values_list("section_id")
        .annotate(waiting=Count("pk"))
    )
    # Every review step the user may decide (Wagtail asks each active task), placed in its article's section.
    reviewable = TaskState.objects.reviewable_by(user).values("workflow_state__object_id")
    page_ids = Cast(OuterRef("pk"), output_field=CharField())
    paths = ArticlePage.objects.filter(Exists(reviewable.filter(workflow_state__object_id=page_ids)))
    reviews = Counter()
    for path in paths.values_list("path", flat=True):
        section = next((s for s in sections if path.startswith(s.path)), None)
        if section is not None:
            reviews[section.pk] += 1
    rows = [
        {"section": section, "pitches": pitches.get(section.pk, 0), "reviews": reviews[section.pk]}
        for section in sections
        if pitches.get(section.pk) or reviews[section.pk]
    ]
    return {
        "rows": rows,
        "pitches_waiting": sum(pitches.values()),
        "reviews_waiting": sum(reviews.values()),
    }


# Translations and their sources

BOARD_LIMIT = 50
NOTICE_CORRECTIONS = 5  # the newest few; the source's page lists them all


@dataclass
class EditionBoard:
    """One edition's column of the translation board; each list is the newest ``BOARD_LIMIT`` rows."""

    language_code: str
    language_name: str
    untranslated: list
    untranslated_count: int
    stale: list
    in_progress: list
    corrections: list
    more: set = field(default_factory=set)  # names of the lists that were cut at the limit


def enabled_editions() -> list[tuple[str, str]]:
    """The editions other than the default one, as configured (``WAGTAIL_CONTENT_LANGUAGES``)."""
    return [(code, name) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE]


def _cut(queryset, limit: int, name: str, more: set) -> list:
    rows = list(queryset[: limit + 1])
    if len(rows) > limit:
        more.add(name)
    return rows[:limit]


def _newest_published_at(corrections, article_ref: str):
    return Subquery(
        corrections.filter(article_id=OuterRef(article_ref)).order_by("-published_at").values("published_at")[:1]
    )


def pending_corrections_q() -> Q:
    """A correction on the source, newer than the sync and than the translation's own newest correction."""
    return Q(source_corrected_at__isnull=False) & (
        Q(own_corrected_at__isnull=True) | Q(own_corrected_at__lt=F("source_corrected_at"))
    )


def with_pending_corrections(syncs):
    """Annotates each sync with its source's newest correction since the sync and the translation's own newest."""
    return syncs.annotate(
        source_corrected_at=_newest_published_at(
            ArticleCorrection.objects.filter(published_at__gt=OuterRef("synced_at")), "source_id"
        ),
        own_corrected_at=_newest_published_at(ArticleCorrection.objects.all(), "translation_id"),
    )


def translation_board(user, *, limit: int = BOARD_LIMIT) -> list[EditionBoard]:
    """Per enabled edition: published articles with no translation, live translations whose source was published
    again since they were synced, translations not live yet or with unpublished changes, and translations whose source
    was corrected since. A fixed number of queries per edition, however many articles there are."""
    editions = enabled_editions()
    codes = [settings.LANGUAGE_CODE, *(code for code, _name in editions)]
    locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=codes)}
    default = locales.get(settings.LANGUAGE_CODE)
    sources = ArticlePage.objects.published().filter(locale=default).defer_streamfields()
    source_keys = ArticlePage.objects.filter(locale=default).values("translation_key")
    policy = TribunePagePermissionPolicy(Page)
    boards = []
    for code, name in editions:
        locale = locales.get(code)
        more: set = set()
        # An edition whose locale does not exist yet has translated nothing.
        translations = ArticlePage.objects.filter(locale=locale, translation_key__in=source_keys)
        untranslated = sources.exclude(translation_key__in=Page.objects.filter(locale=locale).values("translation_key"))
        syncs = TranslationSync.objects.filter(translation_id__in=translations.values("pk")).select_related(
            "translation", "source"
        )
        in_progress = policy.visible_pages(
            user, translations.filter(Q(live=False) | Q(has_unpublished_changes=True)).defer_streamfields()
        )
        boards.append(
            EditionBoard(
                language_code=code,
                language_name=name,
                untranslated=_cut(untranslated.order_by("-first_published_at"), limit, "untranslated", more),
                untranslated_count=untranslated.count(),
                stale=_cut(
                    syncs.filter(TranslationSync.stale_q(), translation__live=True).order_by(
                        "-source__last_published_at"
                    ),
                    limit,
                    "stale",
                    more,
                ),
                in_progress=_cut(in_progress.order_by("-latest_revision_created_at"), limit, "in_progress", more),
                corrections=_cut(
                    with_pending_corrections(syncs.filter(translation__live=True, source__live=True))
                    .filter(pending_corrections_q())
                    .order_by("-source_corrected_at"),
                    limit,
                    "corrections",
                    more,
                ),
                more=more,
            )
        )
    return boards


@dataclass
class TranslationNotice:
    """What a reader of a translation is told about its source: updated since (``updated_at``), corrected since."""

    source: Page
    language_code: str
    updated_at: datetime.datetime | None
    corrections: list


def translation_notice(page) -> TranslationNotice | None:
    """For a translation's reader page: whether its source was published again since the translation was synced, and
    the source's corrections the translation has not matched by one of its own. One or two queries; None for pages
    that are not tracked translations or whose source is not live."""
    sync = TranslationSync.objects.filter(translation_id=page.pk).select_related("source__locale").first()
    if sync is None or not sync.source.live:
        return None
    own = [correction.published_at for correction in getattr(page, "public_corrections", [])]
    since = max([sync.synced_at, *own])
    corrections = list(
        ArticleCorrection.objects.filter(article_id=sync.source_id, published_at__gt=since).order_by("published_at")[
            :NOTICE_CORRECTIONS
        ]
    )
    updated_at = sync.source.last_published_at if sync.is_stale else None
    if updated_at is None and not corrections:
        return None
    return TranslationNotice(sync.source, sync.source.locale.language_code, updated_at, corrections)


@dataclass
class MastheadPerson:
    name: str
    url: str = ""  # the expert profile, where one is public
    roles: list[str] = field(default_factory=list)  # sections edited, for section editors
    role_line: str = ""  # the profile's role and affiliation, for staff


@dataclass
class Masthead:
    chief_editors: list[MastheadPerson]
    section_editors: list[tuple[object, list[MastheadPerson]]]  # (section in this edition, its editors)
    moderators: list[MastheadPerson]
    staff: list[MastheadPerson]


def _masthead_person(user) -> MastheadPerson | None:
    """A role holder as readers see them: their public expert profile's name and link where they have one, else the
    name they chose; an account with no name of its own is left out rather than shown as "Reader 12"."""
    profile = getattr(user, "contributor_profile", None)
    if profile is not None and profile.live:
        return MastheadPerson(name=profile.local_name, url=profile.get_absolute_url())
    name = user.display_name or user.get_full_name()
    return MastheadPerson(name=name) if name else None


def masthead(*, show_moderators: bool) -> Masthead:
    """The people who run the outlet, from the roles (``roles.py``) and the in-house expert profiles: chief editors,
    each section's editors (sections in the active edition, in menu order), moderators when asked for, and in-house
    staff not already listed. Inactive accounts are left out. At most four queries, however many people."""
    editor_prefix = section_group_name(EDITORS, SectionPage(slug=""))
    memberships = (
        User.groups.through.objects.filter(user__is_active=True)
        .filter(Q(group__name=CHIEF_EDITORS) | Q(group__name__startswith=editor_prefix) | Q(group__name=MODERATORS))
        .select_related("group", "user", "user__contributor_profile")
        .order_by("user__display_name", "user__last_name", "user__first_name", "user_id")
    )
    chiefs, moderators, editors_by_slug, listed = [], [], {}, set()
    for membership in memberships:
        person = _masthead_person(membership.user)
        if person is None:
            continue
        name = membership.group.name
        if name == CHIEF_EDITORS:
            chiefs.append(person)
        elif name == MODERATORS:
            if not show_moderators:
                continue
            moderators.append(person)
        else:
            editors_by_slug.setdefault(name[len(editor_prefix) :], []).append(person)
        listed.add(membership.user_id)

    section_editors = []
    if editors_by_slug:
        # Groups are named after the default edition's sections; readers see their own edition's where translated.
        sources = list(
            SectionPage.objects.live()
            .filter(slug__in=editors_by_slug, locale__language_code=settings.LANGUAGE_CODE)
            .order_by("path")
        )
        language = translation.get_language()
        local = {}
        if language != settings.LANGUAGE_CODE:
            local = {
                section.translation_key: section
                for section in SectionPage.objects.live().filter(
                    locale__language_code=language, translation_key__in=[source.translation_key for source in sources]
                )
            }
        section_editors = [
            (local.get(source.translation_key, source), editors_by_slug[source.slug]) for source in sources
        ]

    staff = [
        MastheadPerson(name=profile.local_name, url=profile.get_absolute_url(), role_line=profile.role_line)
        for profile in Contributor.objects.public()
        .filter(in_house=True)
        .filter(Q(user__isnull=True) | Q(user__is_active=True))
        .exclude(user_id__in=listed)
        .order_by("name")
    ]
    return Masthead(chief_editors=chiefs, section_editors=section_editors, moderators=moderators, staff=staff)
