"""The follows app's settings with their defaults, read in one place (documented in the README).

``TRIBUNE_FOLLOW_ALERTS_PER_SECOND``: how many alert emails a second the task worker hands the mail server (a
provider's or a server's limit; newsletters have their own, per list). ``TRIBUNE_FOLLOW_ACTIONS_PER_HOUR``: how many
follow, unfollow, save and unsave requests one reader may send an hour; beyond it they get a 429 page.
"""

from django.conf import settings


def alerts_per_second() -> int:
    return max(int(getattr(settings, "TRIBUNE_FOLLOW_ALERTS_PER_SECOND", 20)), 1)


def actions_per_hour() -> int:
    """0 is no limit (``core.rates.within_rate``)."""
    return int(getattr(settings, "TRIBUNE_FOLLOW_ACTIONS_PER_HOUR", 120))
