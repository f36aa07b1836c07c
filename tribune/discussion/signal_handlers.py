"""The discussion listens to the accounts layer: when a reader deletes their account, their comments follow
the choice they made."""

from tribune.accounts.signals import account_deleting


def on_account_deleting(sender, user, keep_comments: bool, **kwargs):
    from .models import Comment, CommentStatus, ModerationDecision
    from .services import _count_approved

    comments = Comment.objects.filter(author=user)
    articles = set(comments.values_list("article_id", flat=True))
    # The address fingerprint and the form token tie a comment to its author: neither outlives the account.
    if keep_comments:
        comments.update(author=None, ip_hash="", client_token="")  # shown as "Former reader"
    else:
        # The text goes, and so do the earlier versions moderation kept of the reader's own edits.
        ModerationDecision.objects.filter(comment__in=comments).update(previous_body="")
        comments.update(status=CommentStatus.DELETED, body="", author=None, ip_hash="", client_token="")
    for article_id in articles:
        _count_approved(article_id)


def register(app_config=None):
    # The "Moderators" group and its permissions are a role like the others: tribune.editorial.roles defines it.
    account_deleting.connect(on_account_deleting, dispatch_uid="tribune_discussion_account_deleting")

    from tribune.accounts.personal_data import register_personal_data

    from .personal_data import SECTIONS

    for name, description, source in SECTIONS:
        register_personal_data(name, description, source)
