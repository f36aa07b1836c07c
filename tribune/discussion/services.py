"""Writes for the discussion. Each action checks who may do it (``*_check``), then does it.

Errors are constants so views and tests share the exact wording readers see.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import GroupPagePermission, Site

from tribune.core import fragments
from tribune.core.rates import within_rate
from tribune.newsroom.models import ArticlePage, DiscussionMode

from . import moderation
from .models import (
    MAX_DEPTH,
    Comment,
    CommentStatus,
    DiscussionSettings,
    ModerationAction,
    ModerationDecision,
    ModerationWordList,
    Reaction,
    ReaderRestriction,
    Report,
)
from .text import clean_body

LOGIN_REQUIRED = _("Log in or register to join the discussion.")
EMAIL_NOT_VERIFIED = _("Please confirm your email address before joining the discussion: we sent you a link.")
DISCUSSION_CLOSED = _("This discussion is closed.")
READ_ONLY = _("Comments are paused for the moment. Please try again later.")
EMPTY_COMMENT = _("Please write something.")
TOO_LONG = _("Comments can be at most %(limit)d characters; yours has %(length)d.")
RATE_LIMITED = _("You are commenting very quickly. Please wait a little and try again.")
REACTING_TOO_FAST = _("You are liking and reporting very quickly. Please wait a minute and try again.")
NOT_YOURS = _("You can only change your own comments.")
EDIT_WINDOW_PASSED = _("Comments can only be edited in the first %(minutes)d minutes.")
CANNOT_REACT = _("You can't like this comment.")
ALREADY_REPORTED = _("You have already reported this comment. Thank you.")
NOT_A_MODERATOR = _("Only moderators can do this.")

MODERATE_PERMISSION = "discussion.change_comment"


def discussion_settings(site: Site | None = None) -> DiscussionSettings:
    """The site's discussion settings, read once per content generation (saving them bumps it)."""

    def read() -> DiscussionSettings:
        return DiscussionSettings.for_site(site or Site.objects.filter(is_default_site=True).first())

    return fragments.cached("discussion-settings", [site.pk if site else "default"], [fragments.CONTENT], read)


def moderation_words_set(
    *, config: DiscussionSettings, language_code: str, banned_words: str = "", suspect_words: str = ""
) -> ModerationWordList:
    """Set the banned and suspect words (one per line) for comments on articles in ``language_code``."""
    word_list, _created = ModerationWordList.objects.update_or_create(
        settings=config,
        language_code=language_code,
        defaults={"banned_words": banned_words, "suspect_words": suspect_words},
    )
    config.__dict__.pop("word_lists", None)
    config.save()  # moves the content generation on: the settings kept by ``discussion_settings`` are read again
    return word_list


def discussion_mode(article: ArticlePage) -> str:
    if article.discussion_mode:
        return article.discussion_mode
    section = [article.path[: -article.steplen]]
    return fragments.cached("section-discussion-mode", section, [fragments.CONTENT], lambda: _section_mode(article))


def _section_mode(article: ArticlePage) -> str:
    section = article.get_parent().specific_deferred
    return getattr(section, "default_discussion_mode", DiscussionMode.OPEN)


def discussion_closed_reason(article: ArticlePage, config: DiscussionSettings, now=None) -> str | None:
    """Why nobody can comment now, or None when the discussion is open."""
    now = now or timezone.now()
    if config.read_only:
        return READ_ONLY
    if discussion_mode(article) == DiscussionMode.CLOSED:
        return DISCUSSION_CLOSED
    published = article.first_published_at
    if config.close_after_days and published and now - published > datetime.timedelta(days=config.close_after_days):
        return DISCUSSION_CLOSED
    return None


def is_moderator(user) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm(MODERATE_PERMISSION))


def is_newsroom_staff(user) -> bool:
    """Whose comments carry the "Tribune staff" badge: moderators, administrators, and whoever may publish pages
    somewhere (section editors, chief editors)."""
    if is_moderator(user):
        return True
    return (
        user.is_active
        and GroupPagePermission.objects.filter(group__user=user, permission__codename="publish_page").exists()
    )


def email_verified(user) -> bool:
    from allauth.account.models import EmailAddress

    return user.is_staff or user.is_superuser or EmailAddress.objects.filter(user=user, verified=True).exists()


def active_restriction(user) -> ReaderRestriction | None:
    return next((r for r in ReaderRestriction.objects.filter(user=user) if r.is_active), None)


def ip_fingerprint(ip: str) -> str:
    # Stored and counted as a keyed hash: rate limits work without keeping readers' addresses.
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest() if ip else ""


def _rate_check(user, ip_hash: str, config: DiscussionSettings) -> None:
    checks = [
        (f"discussion:rate:user:{user.pk}:m", config.comments_per_minute, 60),
        (f"discussion:rate:user:{user.pk}:h", config.comments_per_hour, 3600),
    ]
    if ip_hash:
        checks.append((f"discussion:rate:ip:{ip_hash}:h", config.comments_per_ip_per_hour, 3600))
    if not all(within_rate(key, limit, seconds) for key, limit, seconds in checks):
        raise ValidationError(RATE_LIMITED, code="rate_limited")


def _body_check(body: str, config: DiscussionSettings) -> str:
    body = clean_body(body)
    if not body:
        raise ValidationError(EMPTY_COMMENT, code="empty")
    if len(body) > config.max_length:
        raise ValidationError(TOO_LONG % {"limit": config.max_length, "length": len(body)}, code="too_long")
    return body


def participant_check(user) -> None:
    """Who may take part in a discussion at all (comment, reply, like, report): a signed-in reader whose email address
    is confirmed, or staff. The one check every reader action makes, whether or not sign-in itself requires a
    confirmed address."""
    if not user or not user.is_authenticated:
        raise PermissionDenied(LOGIN_REQUIRED)
    if not email_verified(user):
        raise PermissionDenied(EMAIL_NOT_VERIFIED)


def _reaction_rate_check(user, ip_hash: str, config: DiscussionSettings) -> None:
    """Likes and reports per reader and per address: each like purges the article's stored page for everyone."""
    checks = [(f"discussion:rate:react:user:{user.pk}:m", config.reactions_per_minute, 60)]
    if ip_hash:
        checks.append((f"discussion:rate:react:ip:{ip_hash}:m", config.reactions_per_ip_per_minute, 60))
    if not all(within_rate(key, limit, seconds) for key, limit, seconds in checks):
        raise ValidationError(REACTING_TOO_FAST, code="rate_limited")


def comment_post_check(*, article: ArticlePage, author, config: DiscussionSettings) -> None:
    participant_check(author)
    if reason := discussion_closed_reason(article, config):
        raise PermissionDenied(reason)


@transaction.atomic
def comment_post(
    *,
    article: ArticlePage,
    author,
    body: str,
    parent: Comment | None = None,
    ip: str = "",
    client_token: str = "",
    config: DiscussionSettings | None = None,
    now: datetime.datetime | None = None,
) -> Comment:
    """Post a comment or a reply; it is approved, held for review or rejected by the moderation rules."""
    config = config or discussion_settings()
    now = now or timezone.now()
    comment_post_check(article=article, author=author, config=config)
    if client_token and (existing := Comment.objects.filter(author=author, client_token=client_token).first()):
        return existing  # the same form submitted twice
    body = _body_check(body, config)
    ip_hash = ip_fingerprint(ip)
    _rate_check(author, ip_hash, config)

    if parent is not None:
        if parent.article_id != article.pk or not parent.is_visible:
            raise ValidationError(_("You can only reply to a published comment on this article."))
        while parent.depth >= MAX_DEPTH:  # deeper replies join the deepest allowed level
            parent = parent.parent
    is_staff_reply = is_newsroom_staff(author)
    is_article_author = article.bylines.filter(contributor__user=author).exists()
    verdict = moderation.judge(
        body,
        settings=config,
        language_code=article.locale.language_code,
        now=now,
        restricted=active_restriction(author) is not None,
        approved_count=Comment.objects.filter(author=author, status=CommentStatus.APPROVED).count(),
        is_staff=is_staff_reply or is_article_author,
        premoderated=discussion_mode(article) == DiscussionMode.PREMODERATED and not is_staff_reply,
    )
    status = CommentStatus.APPROVED
    if verdict:
        status = CommentStatus.REJECTED if verdict.action == moderation.REJECT else CommentStatus.PENDING
    comment = Comment(
        article=article,
        author=author,
        parent=parent,
        depth=(parent.depth + 1) if parent else 0,
        thread=parent.thread if parent else None,
        body=body,
        status=status,
        created_at=now,
        ip_hash=ip_hash,
        client_token=client_token[:64],
        is_staff_reply=is_staff_reply,
        is_author_reply=is_article_author,
        moderation_rule=verdict.rule if verdict else "",
        moderation_detail=verdict.detail[:300] if verdict else "",
    )
    try:
        with transaction.atomic():
            comment.save()
    except IntegrityError:  # a concurrent duplicate of the same form won the race
        return Comment.objects.get(author=author, client_token=client_token)
    if comment.thread_id is None:
        Comment.objects.filter(pk=comment.pk).update(thread=comment)
        comment.thread = comment
    if verdict:
        action = ModerationAction.AUTO_REJECT if verdict.action == moderation.REJECT else ModerationAction.AUTO_HOLD
        ModerationDecision.objects.create(comment=comment, action=action, rule=verdict.rule, detail=verdict.detail)
    if status == CommentStatus.APPROVED:
        _after_approval(comment)
    comment.verdict = verdict
    return comment


def _count_approved(article_id: int) -> None:
    """Count what readers can see: approved comments whose thread and parent are still shown."""
    shown = [CommentStatus.APPROVED, CommentStatus.DELETED]
    count = (
        Comment.objects.filter(article_id=article_id, status=CommentStatus.APPROVED, thread__status__in=shown)
        .filter(Q(parent__isnull=True) | Q(parent__status__in=shown))
        .count()
    )
    ArticlePage.objects.filter(pk=article_id).update(comment_count=count)


def _after_approval(comment: Comment) -> None:
    from . import notifications

    _count_approved(comment.article_id)
    transaction.on_commit(lambda: notifications.comment_published(comment))


@transaction.atomic
def comment_edit(
    *, comment: Comment, user, body: str, config: DiscussionSettings | None = None, now: datetime.datetime | None = None
) -> Comment:
    """An edit is new content. The automatic rules judge it as they judge a new comment from the same reader (a
    pre-moderated discussion holds it for review, hidden from others until approved); an editors' pick loses the
    pick until a moderator features it again; the moderation log keeps the text it replaced."""
    config = config or discussion_settings()
    now = now or timezone.now()
    if comment.author_id != user.pk or comment.status == CommentStatus.DELETED:
        raise PermissionDenied(NOT_YOURS)
    window = datetime.timedelta(minutes=config.edit_window_minutes)
    if now - comment.created_at > window:
        raise PermissionDenied(EDIT_WINDOW_PASSED % {"minutes": config.edit_window_minutes})
    body = _body_check(body, config)
    comment.verdict = None
    if body == comment.body:
        return comment  # nothing new to judge
    verdict = moderation.judge(
        body,
        settings=config,
        language_code=comment.article.locale.language_code,
        now=now,
        restricted=active_restriction(user) is not None,
        approved_count=Comment.objects.filter(author=user, status=CommentStatus.APPROVED).count(),
        is_staff=comment.is_staff_reply or comment.is_author_reply,
        premoderated=discussion_mode(comment.article) == DiscussionMode.PREMODERATED and not comment.is_staff_reply,
    )
    was_approved, previous = comment.status == CommentStatus.APPROVED, comment.body
    comment.body, comment.edited_at = body, now
    if comment.is_featured:  # the pick was given to the words it replaces
        comment.is_featured, comment.pick_to_confirm = False, True
    if verdict:
        comment.status = CommentStatus.REJECTED if verdict.action == moderation.REJECT else CommentStatus.PENDING
        comment.moderation_rule, comment.moderation_detail = verdict.rule, verdict.detail[:300]
    comment.save()
    ModerationDecision.objects.create(
        comment=comment,
        action=ModerationAction.EDIT,
        rule=verdict.rule if verdict else "",
        detail=(verdict.detail if verdict else "")[:300],
        previous_body=previous,
    )
    if was_approved and comment.status != CommentStatus.APPROVED:
        _count_approved(comment.article_id)
    comment.verdict = verdict
    return comment


def comment_delete(*, comment: Comment, user) -> Comment:
    """The author removes their words; a placeholder keeps the thread's shape."""
    if comment.author_id != user.pk:
        raise PermissionDenied(NOT_YOURS)
    was_approved = comment.status == CommentStatus.APPROVED
    comment.status, comment.body = CommentStatus.DELETED, ""
    comment.save(update_fields=["status", "body"])
    if was_approved:
        _count_approved(comment.article_id)
    return comment


def comment_like(*, comment: Comment, user, ip: str = "", config: DiscussionSettings | None = None) -> bool:
    """Like a comment once; liking again takes the like back. Returns whether the reader now likes it."""
    participant_check(user)
    if comment.status != CommentStatus.APPROVED or comment.author_id == user.pk:
        raise PermissionDenied(CANNOT_REACT)
    _reaction_rate_check(user, ip_fingerprint(ip), config or discussion_settings())
    with transaction.atomic():
        deleted = Reaction.objects.filter(comment=comment, user=user).delete()[0]
        if deleted:
            Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") - 1)
            return False
        try:
            with transaction.atomic():
                Reaction.objects.create(comment=comment, user=user)
        except IntegrityError:
            return True
        Comment.objects.filter(pk=comment.pk).update(like_count=F("like_count") + 1)
        return True


def comment_report(
    *, comment: Comment, user, reason: str, note: str = "", ip: str = "", config: DiscussionSettings | None = None
) -> Report:
    participant_check(user)
    _reaction_rate_check(user, ip_fingerprint(ip), config or discussion_settings())
    try:
        with transaction.atomic():
            report = Report.objects.create(comment=comment, reporter=user, reason=reason, note=note[:300])
    except IntegrityError:
        raise ValidationError(ALREADY_REPORTED, code="duplicate") from None
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    return report


# Moderators


def _moderator_check(user) -> None:
    if not is_moderator(user):
        raise PermissionDenied(NOT_A_MODERATOR)


@transaction.atomic
def comment_moderate(*, comment: Comment, moderator, action: str, note: str = "") -> Comment:
    """Approve, reject, feature or unfeature a comment; the decision is logged with who and when."""
    _moderator_check(moderator)
    was_approved = comment.status == CommentStatus.APPROVED
    if action == ModerationAction.APPROVE:  # an edited pick is published without the pick
        comment.status = CommentStatus.APPROVED
        comment.reports.update(resolved=True)
    elif action == ModerationAction.REJECT:
        comment.status = CommentStatus.REJECTED
        comment.reports.update(resolved=True)
    elif action == ModerationAction.FEATURE:
        comment.status, comment.is_featured = CommentStatus.APPROVED, True
    elif action == ModerationAction.UNFEATURE:
        comment.is_featured = False
    else:
        raise ValidationError(f"Unknown moderation action {action!r}")
    comment.pick_to_confirm = False  # a moderator has looked at it
    comment.save(update_fields=["status", "is_featured", "pick_to_confirm"])
    ModerationDecision.objects.create(comment=comment, moderator=moderator, action=action, detail=note[:300])
    if comment.status == CommentStatus.APPROVED and not was_approved:
        _after_approval(comment)
    elif was_approved and comment.status != CommentStatus.APPROVED:
        _count_approved(comment.article_id)
    return comment


@transaction.atomic
def reader_restrict(*, user, moderator, reason: str, until: datetime.datetime | None = None) -> ReaderRestriction:
    """Ban (no end date) or suspend (until a date) a reader: their new comments wait, hidden, for review."""
    _moderator_check(moderator)
    restriction = ReaderRestriction.objects.create(user=user, reason=reason, until=until, created_by=moderator)
    ModerationDecision.objects.create(
        moderator=moderator, action=ModerationAction.RESTRICT, detail=f"{user}: {reason}"[:300]
    )
    return restriction
