"""A reader's personal data as one JSON document: what they can download, and what staff export for them.

The accounts layer knows the account; the apps above it add what they hold about the reader (the discussion: their
comments, likes, reports, restrictions) through ``register_personal_data``, called from their ``ready()``. The
document holds no secret: no password hash, two-factor secret or recovery code, session or confirmation key.
"""

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

FORMAT = 1

# (section name, what the section says, function of the user) in the order they are registered.
_sources: list[tuple[str, Any, Callable[[Any], Any]]] = []


def register_personal_data(name: str, description, source: Callable[[Any], Any]) -> None:
    """Add a section to every export: ``source(user)`` returns JSON-serialisable data about that user only."""
    if any(existing == name for existing, _description, _source in _sources):
        return
    _sources.append((name, description, source))


def sections() -> list[tuple[str, str]]:
    """The export's sections and what each holds, for the page that offers the download."""
    return [("account", str(ACCOUNT_DESCRIPTION))] + [(name, str(description)) for name, description, _ in _sources]


ACCOUNT_DESCRIPTION = _(
    "Your username, names, email addresses, when you joined and last signed in, your display name, your email "
    "settings and which two-factor methods you use (never their secrets)."
)


def _timestamp(value) -> str | None:
    return value.isoformat() if value else None


def account_data(user) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "display_name": user.display_name,
        "email": user.email,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "date_joined": _timestamp(user.date_joined),
        "last_login": _timestamp(user.last_login),
        "notification_settings": {
            "email_me_when_someone_replies_to_my_comments": user.notify_replies,
            "language_of_emails": user.language,
        },
        "two_factor_methods": [
            {"type": authenticator.type, "added": _timestamp(authenticator.created_at)}
            for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
    }


def personal_data(user) -> dict:
    document = {"format": FORMAT, "exported_at": timezone.now().isoformat(), "account": account_data(user)}
    for name, _description, source in _sources:
        document[name] = source(user)
    return document


def export_filename(user, now=None) -> str:
    now = now or timezone.now()
    name = slugify(user.username)[:40] or f"reader-{user.pk}"
    return f"tribune-data-{name}-{now:%Y-%m-%d}.json"


def personal_data_response(user) -> HttpResponse:
    """The export as a download that no cache keeps (``no-store``: not the browser's, not a shared one)."""
    content = json.dumps(personal_data(user), indent=2, ensure_ascii=False, sort_keys=False)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(user)}"'
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response
