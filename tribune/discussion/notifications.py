"""Discussion email: replies to readers who opted in, and a digest of the queue for moderators."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

from tribune.accounts.mail import mail_users
from tribune.core.sites import public_url

from .models import Comment, CommentStatus


def comment_published(comment: Comment) -> None:
    """Tell the parent comment's author about a reply, if they asked to hear about replies."""
    parent = comment.parent
    if parent is None or parent.author is None or parent.author_id == comment.author_id:
        return
    if not (parent.author.notify_replies and parent.author.email and parent.author.is_active):
        return
    link = public_url(f"{comment.article.url}#comment-{comment.pk}")
    context = {"comment": comment, "parent": parent, "link": link}
    mail_users("discussion/email/reply.txt", context, [parent.author])


def moderation_digest() -> int:
    """Email moderators a summary of pending and reported comments; returns how many were waiting."""
    pending = Comment.objects.filter(status=CommentStatus.PENDING).count()
    reported = Comment.objects.filter(reports__resolved=False).distinct().count()
    if not pending and not reported:
        return 0
    User = get_user_model()
    moderators = User.objects.filter(
        Q(is_superuser=True) | Q(groups__permissions__codename="change_comment"), is_active=True
    ).distinct()
    link = settings.WAGTAILADMIN_BASE_URL + "/admin/discussion/"
    mail_users("discussion/email/digest.txt", {"pending": pending, "reported": reported, "link": link}, moderators)
    return pending + reported
