"""Writes for reader accounts."""

from collections.abc import Iterable

from django.db import transaction

from .models import SuppressedAddress
from .signals import account_deleting


def profile_update(*, user, display_name: str, notify_replies: bool, language: str = ""):
    """``language``: a code of settings.LANGUAGES for the user's emails; empty keeps their choice."""
    user.display_name, user.notify_replies = display_name, notify_replies
    user.language = language or user.language
    user.save(update_fields=["display_name", "notify_replies", "language"])
    return user


@transaction.atomic
def account_delete(*, user, keep_comments: bool) -> None:
    """Delete the account; other apps (the discussion) act on the reader's choice first."""
    account_deleting.send(sender=type(user), user=user, keep_comments=keep_comments)
    user.delete()


def suppressed_addresses(addresses: Iterable[str]) -> set[str]:
    """The addresses among ``addresses`` (compared in lower case) that no bulk mail may go to."""
    wanted = {address.strip().lower() for address in addresses if address}
    if not wanted:
        return set()
    return set(SuppressedAddress.objects.filter(email__in=wanted).values_list("email", flat=True))


def address_suppress(email: str) -> None:
    SuppressedAddress.objects.get_or_create(email=email.strip().lower())
