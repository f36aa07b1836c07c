"""Tribune's own settings with their defaults, read in one place."""

from django.conf import settings


def file_photo_age_days() -> int:
    """A lead photo taken more than this many days before publication is captioned as a file photo."""
    return getattr(settings, "TRIBUNE_FILE_PHOTO_AGE_DAYS", 365)


def page_size() -> int:
    return getattr(settings, "TRIBUNE_PAGE_SIZE", 12)


def messages_cookie_name() -> str:
    """The cookie that carries a pending message (core.messages); like the session cookie, it makes a page personal."""
    return getattr(settings, "TRIBUNE_MESSAGES_COOKIE_NAME", "messages")


def embed_providers() -> list[str]:
    """Hosts whose embeds editors may use; anything else is refused at validation time."""
    return list(getattr(settings, "TRIBUNE_EMBED_PROVIDERS", []))


def task_lease_seconds() -> int:
    """A task still RUNNING this long after it started is taken for lost with its worker (killed, its machine gone)
    and queued again: longer than any task should run (core.task_leases)."""
    return int(getattr(settings, "TRIBUNE_TASK_LEASE_SECONDS", 600))


def task_max_attempts() -> int:
    """How many times a task may be started; a task lost with its worker this many times is marked failed."""
    return int(getattr(settings, "TRIBUNE_TASK_MAX_ATTEMPTS", 3))
