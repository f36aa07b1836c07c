"""Experts' names kept for their own accounts: a reader's display name may not be a published expert's name
unless the reader's account is the one linked to that expert's profile (``tribune.accounts.names``)."""

from .models import Contributor


def expert_names_kept_from(user) -> list[str]:
    """The names of published expert profiles that ``user`` (None at sign-up) may not take as a display name."""
    experts = Contributor.objects.public()
    if user is not None and user.pk is not None:
        experts = experts.exclude(user=user)
    return list(experts.values_list("name", flat=True))
