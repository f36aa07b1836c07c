"""Reads for the discussion: a page of threads in a constant number of queries, whatever their size."""

import datetime
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from .models import Comment, CommentStatus, Reaction

THREADS_PER_PAGE = 20
# A thread shows its first replies; a link opens the rest. Keeps a page light however long one argument runs.
REPLIES_SHOWN = 10
SORTS = {
    "oldest": ("created_at", "pk"),
    "newest": ("-created_at", "-pk"),
    "liked": ("-like_count", "-created_at", "-pk"),
}
DEFAULT_SORT = "oldest"


@dataclass
class Thread:
    comment: Comment
    replies: list = field(default_factory=list)


def _visible_to(user):
    visible = Q(status__in=[CommentStatus.APPROVED, CommentStatus.DELETED])
    if user is not None and user.is_authenticated:
        visible |= Q(author=user, status=CommentStatus.PENDING)  # a reader sees their own held comments
    return visible


def _replies(visible, roots: list, expanded_thread) -> list:
    """The first replies of each thread (all of them for the expanded one), each knowing its thread's total."""
    ranked = (
        Comment.objects.filter(visible, thread__in=roots, depth__gt=0)
        .select_related("author__contributor_profile")
        .annotate(
            position=Window(RowNumber(), partition_by=F("thread_id"), order_by=(F("created_at").asc(), F("pk").asc())),
            thread_replies=Window(Count("pk"), partition_by=F("thread_id")),
        )
    )
    if expanded_thread not in {root.pk for root in roots}:
        shown = list(ranked.filter(position__lte=REPLIES_SHOWN))
    else:  # one more query, only when a reader opened a thread
        shown = list(ranked.filter(position__lte=REPLIES_SHOWN).exclude(thread_id=expanded_thread))
        shown += list(ranked.filter(thread_id=expanded_thread))
    return sorted(shown, key=lambda reply: (reply.created_at, reply.pk))


def discussion_page(
    article,
    *,
    user=None,
    sort: str = DEFAULT_SORT,
    page_number=None,
    edit_window_minutes: int = 0,
    expanded_thread=None,
) -> dict:
    """Top-level comments for one page of the discussion, each with its first replies nested to the allowed depth
    (all replies for ``expanded_thread``) and the number left unshown."""
    sort = sort if sort in SORTS else DEFAULT_SORT
    visible = _visible_to(user)
    roots = (
        Comment.objects.filter(visible, article=article, depth=0)
        .select_related("author__contributor_profile")
        .order_by("-is_featured", *SORTS[sort])
    )
    paginator = Paginator(roots, THREADS_PER_PAGE)
    try:
        number = max(1, int(page_number or 1))
    except (TypeError, ValueError):
        number = 1
    page = paginator.page(min(number, paginator.num_pages or 1))
    root_list = list(page.object_list)
    try:
        expanded_thread = int(expanded_thread) if expanded_thread else None
    except (TypeError, ValueError):
        expanded_thread = None
    replies = _replies(visible, root_list, expanded_thread)
    everything = root_list + replies
    liked = set()
    if user is not None and user.is_authenticated and everything:
        liked = set(Reaction.objects.filter(user=user, comment__in=everything).values_list("comment_id", flat=True))
    children: dict[int, list] = {}
    edit_deadline = timezone.now() - datetime.timedelta(minutes=edit_window_minutes)
    for comment in everything:
        comment.liked_by_viewer = comment.pk in liked
        comment.child_nodes = []
        comment.editable_by_viewer = (
            user is not None
            and user.is_authenticated
            and comment.author_id == user.pk
            and comment.status != CommentStatus.DELETED
            and comment.created_at > edit_deadline
        )
    by_id = {comment.pk: comment for comment in everything}
    for reply in replies:
        parent = by_id.get(reply.parent_id)
        if parent is not None:
            parent.child_nodes.append(reply)
        children.setdefault(reply.thread_id, []).append(reply)
    for root in root_list:
        shown = children.get(root.pk, [])
        root.hidden_replies = (shown[0].thread_replies - len(shown)) if shown else 0
    answered_by_author = any(c.is_author_reply and c.status == CommentStatus.APPROVED for c in replies)
    return {
        "threads": root_list,
        "page": page,
        "sort": sort,
        "sorts": list(SORTS),
        "answered_by_author": answered_by_author,
    }


def public_page_count(article) -> int:
    """How many pages of threads a signed-out reader can turn through (at least one)."""
    roots = Comment.objects.filter(_visible_to(None), article=article, depth=0).count()
    return max(1, -(-roots // THREADS_PER_PAGE))


def moderation_queue(kind: str = "pending"):
    comments = Comment.objects.select_related("author__contributor_profile", "article").prefetch_related(
        Prefetch("reports"), Prefetch("decisions")
    )
    if kind == "reported":
        return comments.filter(reports__resolved=False).distinct().order_by("-report_count", "-created_at")
    if kind == "recent":
        return comments.order_by("-created_at")
    return comments.filter(_waiting()).order_by("created_at")


def _waiting() -> Q:
    """Held for review, or an editors' pick its author edited (published, but without the pick until a moderator
    features it again or approves it as it is)."""
    return Q(status=CommentStatus.PENDING) | Q(pick_to_confirm=True)


def moderation_counts() -> dict:
    """How many comments wait for a moderator: held for review, and reported (with a report still open)."""
    return {
        "held": Comment.objects.filter(_waiting()).count(),
        "reported": Comment.objects.filter(reports__resolved=False).distinct().count(),
    }
