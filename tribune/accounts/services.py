"""Writes for reader accounts."""

from django.db import transaction

from .signals import account_deleting


def profile_update(*, user, display_name: str, notify_replies: bool):
    user.display_name, user.notify_replies = display_name, notify_replies
    user.save(update_fields=["display_name", "notify_replies"])
    return user


@transaction.atomic
def account_delete(*, user, keep_comments: bool) -> None:
    """Delete the account; other apps (the discussion) act on the reader's choice first."""
    account_deleting.send(sender=type(user), user=user, keep_comments=keep_comments)
    user.delete()
