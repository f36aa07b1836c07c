"""Addresses that get no alerts: those a hard bounce or a complaint suspended.

The suppression list is the newsletters app's (its bounce webhook marks an address's subscriptions suspended, on
every list). Feature apps do not import one another (the import-linter layers contract), so the one read this app
needs is made through the app registry, by label: read-only, and an outlet without newsletters suspends nothing.
"""

from collections.abc import Iterable

from django.apps import apps


def suspended_addresses(addresses: Iterable[str]) -> set[str]:
    """The addresses among ``addresses`` (compared in lower case, as newsletters store them) that are suspended."""
    wanted = {address.strip().lower() for address in addresses if address}
    if not wanted:
        return set()
    try:
        subscription = apps.get_model("newsletters", "Subscription")
    except LookupError:
        return set()
    suspended = subscription.objects.filter(email__in=wanted, status=subscription.Status.SUSPENDED)
    return set(suspended.values_list("email", flat=True))
