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
