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


def on_post_migrate(sender, **kwargs):
    """Moderators (Wagtail's "Moderators" group) get the admin and the moderation queue after every migrate."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    create_permissions(sender, verbosity=0)
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(
        *Permission.objects.filter(content_type__app_label="discussion", codename="change_comment"),
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
    )


def register(app_config=None):
    from django.db.models.signals import post_migrate

    account_deleting.connect(on_account_deleting, dispatch_uid="tribune_discussion_account_deleting")
    if app_config is not None:
        post_migrate.connect(on_post_migrate, sender=app_config, dispatch_uid="tribune_discussion_moderators")
