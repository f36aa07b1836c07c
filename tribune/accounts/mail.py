"""Email to people in the language they read: every message Tribune composes goes through here.

A person's email language is the one they chose on their profile (readers are given the edition they signed up in),
else, for staff, the language they chose for the admin in Wagtail, else the outlet's default language. A message to
several people is composed once per language and sent as one email per language; whatever it names (dates, links
to editions, the words of its template) is rendered under that language.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from tribune.core.sites import public_base_url
from tribune.core.tasks import send_email
from tribune.core.text import plain_text


def edition_language(code: str | None) -> str | None:
    """``code`` as one of the outlet's languages (an exact code, else its base language), or None."""
    configured = [language for language, _name in settings.LANGUAGES]
    if not code:
        return None
    if code in configured:
        return code
    base = code.split("-")[0].lower()
    return base if base in configured else None


def email_language(user, default: str | None = None) -> str:
    """The language ``user`` reads email in; ``default`` (else the outlet's default) when they never chose one."""
    chosen = edition_language(getattr(user, "language", ""))
    if chosen:
        return chosen
    if user.pk and user.is_staff:
        from wagtail.users.models import UserProfile

        admin_language = UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
        if edition_language(admin_language):
            return edition_language(admin_language)
    return edition_language(default) or settings.LANGUAGE_CODE


def mail_addresses(template: str, context: dict, addresses: Iterable[str], *, language: str) -> None:
    """Compose ``template`` in ``language`` and queue it for ``addresses``. The template's first line is the subject.

    Text only, however people wrote their names, titles and messages: no markup reaches a mail client."""
    addresses = [address for address in addresses if address]
    if not addresses:
        return
    with translation.override(language):
        context = {**context, "site_name": settings.SITE_NAME, "site_url": public_base_url()}
        subject, _, body = plain_text(render_to_string(template, context)).strip().partition("\n")
    send_email.enqueue(subject=subject.strip(), body=body.strip(), recipients=addresses)


def mail_users(template: str, context: dict, users: Iterable) -> None:
    """Send ``template`` to each active user with an address, one email per language they read."""
    by_language: dict[str, list[str]] = defaultdict(list)
    for user in users:
        if user.email and user.is_active:
            by_language[email_language(user)].append(user.email)
    for language, addresses in sorted(by_language.items()):
        mail_addresses(template, context, addresses, language=language)
