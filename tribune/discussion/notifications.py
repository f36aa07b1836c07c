"""Discussion email: replies to readers who opted in, and a digest of the queue for moderators."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string

from tribune.core.sites import public_base_url, public_url
from tribune.core.text import plain_text

from .models import Comment, CommentStatus


def _send(template: str, context: dict, recipients: list[str]) -> None:
    from tribune.core.tasks import send_email

    context = {**context, "site_name": settings.SITE_NAME, "site_url": public_base_url()}
    # Text only, however readers wrote their names and comments: no markup reaches a mail client.
    subject, _, body = plain_text(render_to_string(template, context)).strip().partition("\n")
    send_email.enqueue(subject=subject.strip(), body=body.strip(), recipients=recipients)


def comment_published(comment: Comment) -> None:
    """Tell the parent comment's author about a reply, if they asked to hear about replies."""
    parent = comment.parent
    if parent is None or parent.author is None or parent.author_id == comment.author_id:
        return
    if not (parent.author.notify_replies and parent.author.email and parent.author.is_active):
        return
    link = public_url(f"{comment.article.url}#comment-{comment.pk}")
    _send("discussion/email/reply.txt", {"comment": comment, "parent": parent, "link": link}, [parent.author.email])


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
    recipients = [user.email for user in moderators if user.email]
    link = settings.WAGTAILADMIN_BASE_URL + "/admin/discussion/"
    _send("discussion/email/digest.txt", {"pending": pending, "reported": reported, "link": link}, recipients)
    return pending + reported
