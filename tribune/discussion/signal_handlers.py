"""The discussion listens to the accounts layer: when a reader deletes their account, their comments follow
the choice they made."""

from tribune.accounts.signals import account_deleting


def on_account_deleting(sender, user, keep_comments: bool, **kwargs):
    from .models import Comment, CommentStatus
    from .services import _count_approved

    comments = Comment.objects.filter(author=user)
    articles = set(comments.values_list("article_id", flat=True))
    if keep_comments:
        comments.update(author=None)  # shown as "Former reader"
    else:
        comments.update(status=CommentStatus.DELETED, body="", author=None)
    for article_id in articles:
        _count_approved(article_id)


def register(app_config=None):
    # The "Moderators" group and its permissions are a role like the others: tribune.editorial.roles defines it.
    account_deleting.connect(on_account_deleting, dispatch_uid="tribune_discussion_account_deleting")
