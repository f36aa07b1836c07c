"""Reads for the editorial screens."""

from collections import Counter

from django.db.models import BooleanField, Case, CharField, Count, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from wagtail.models import TaskState, WorkflowState

from tribune.newsroom.models import ArticleByline, ArticlePage

from .models import Invitation, Pitch, PitchStatus
from .roles import is_chief_editor, sections_edited_by, sections_open_to

DASHBOARD_LIMIT = 10


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
