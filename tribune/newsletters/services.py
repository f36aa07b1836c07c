"""Subscribing with double opt-in, confirming, unsubscribing in one click, suspending bounced addresses, and building
issues. Sending is in ``sending.py``.

Tokens are signed (Django's signing, keyed by SECRET_KEY) and name subscriptions, not addresses: a forged or altered
token is refused, and a link in one person's email acts on their subscriptions only.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from tribune.accounts.mail import edition_language, mail_addresses
from tribune.accounts.services import address_suppress
from tribune.core.sites import public_url
from tribune.newsroom.models import ArticlePage

from .models import Issue, IssueArticle, NewsletterList, Subscription

CONFIRM_SALT = "tribune.newsletters.confirm"
UNSUBSCRIBE_SALT = "tribune.newsletters.unsubscribe"
CONFIRM_VALID = datetime.timedelta(days=7)
# One confirmation email per address in this window, however often the form is sent: a flood fills nobody's inbox.
CONFIRMATION_INTERVAL = datetime.timedelta(minutes=10)
AUTOMATIC_ISSUE_ARTICLES = 10

INVALID_ADDRESS = _("Enter a valid email address.")
NO_LIST = _("Choose at least one newsletter.")


class InvalidToken(Exception):
    """A confirmation or unsubscribe link that was not made by Tribune, was altered, or has expired."""


def address_clean(email: str) -> str:
    """The address as stored: trimmed, lower case; refused if it is not one address (a name with a line break in it
    would otherwise smuggle headers into the messages sent to it)."""
    email = (email or "").strip()
    if any(char in email for char in "\r\n,;<>") or len(email) > 254:
        raise ValidationError(INVALID_ADDRESS)
    validate_email(email)
    return email.lower()


def confirm_token(subscriptions) -> str:
    return signing.dumps(sorted(subscription.pk for subscription in subscriptions), salt=CONFIRM_SALT, compress=True)


def unsubscribe_token(subscription) -> str:
    return signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(subscription) -> str:
    return public_url(reverse("newsletter_unsubscribe", args=[unsubscribe_token(subscription)]))


def _verified_owner(user, email: str) -> bool:
    """A signed-in reader subscribing their own confirmed address needs no confirmation email."""
    if not (user and user.is_authenticated):
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@transaction.atomic
def subscribe(*, email: str, newsletters: list[NewsletterList], user=None, language: str = "") -> list[Subscription]:
    """Subscribe ``email`` to ``newsletters``: at once for the signed-in owner of a confirmed address, otherwise
    pending until the link in the confirmation email is followed. Whoever sent the form sees the same answer either
    way, so it tells nobody whether an address is subscribed already."""
    email = address_clean(email)
    newsletters = [newsletter for newsletter in newsletters if newsletter.active]
    if not newsletters:
        raise ValidationError(NO_LIST)
    language = edition_language(language or translation.get_language()) or settings.LANGUAGE_CODE
    now = timezone.now()
    owner = _verified_owner(user, email)
    to_confirm = []
    for newsletter in newsletters:
        subscription, _created = Subscription.objects.select_for_update().get_or_create(
            newsletter=newsletter, email=email, defaults={"language": language}
        )
        if subscription.status == Subscription.Status.ACTIVE:
            continue
        if owner:
            subscription.status, subscription.confirmed_at, subscription.ended_at = (
                Subscription.Status.ACTIVE,
                now,
                None,
            )
            subscription.user = user
        else:
            subscription.status = Subscription.Status.PENDING
            to_confirm.append(subscription)
        subscription.language = language
        subscription.save()
    recently_sent = Subscription.objects.filter(email=email, confirmation_sent_at__gt=now - CONFIRMATION_INTERVAL)
    if to_confirm and not recently_sent.exists():
        Subscription.objects.filter(pk__in=[s.pk for s in to_confirm]).update(confirmation_sent_at=now)
        token = confirm_token(to_confirm)
        transaction.on_commit(lambda: _confirmation_send(email, to_confirm, token, language))
    return to_confirm


def _confirmation_send(email: str, subscriptions: list[Subscription], token: str, language: str) -> None:
    with translation.override(language):
        link = public_url(reverse("newsletter_confirm", args=[token]))
    context = {"newsletters": [subscription.newsletter for subscription in subscriptions], "link": link}
    mail_addresses("newsletters/email/confirm.txt", context, [email], language=language)


def _load(token: str, salt: str, max_age=None):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError) as error:  # altered, forged, truncated or expired
        raise InvalidToken from error


def pending_for(token: str) -> list[Subscription]:
    ids = _load(token, CONFIRM_SALT, max_age=CONFIRM_VALID)
    if not isinstance(ids, list) or not all(isinstance(pk, int) for pk in ids):
        raise InvalidToken
    return list(Subscription.objects.filter(pk__in=ids).select_related("newsletter"))


def confirm(token: str) -> list[Subscription]:
    """Activate the pending subscriptions the token names; those since unsubscribed or active are left alone."""
    subscriptions = pending_for(token)
    now = timezone.now()
    pending = [s for s in subscriptions if s.status == Subscription.Status.PENDING]
    Subscription.objects.filter(pk__in=[s.pk for s in pending]).update(
        status=Subscription.Status.ACTIVE, confirmed_at=now, ended_at=None
    )
    return subscriptions


def subscription_for(token: str) -> Subscription:
    pk = _load(token, UNSUBSCRIBE_SALT)
    if not isinstance(pk, int):
        raise InvalidToken
    subscription = Subscription.objects.filter(pk=pk).select_related("newsletter").first()
    if subscription is None:
        raise InvalidToken
    return subscription


def unsubscribe(token: str) -> Subscription:
    """Immediate, without signing in: the link in every message (and its one-click POST, RFC 8058)."""
    subscription = subscription_for(token)
    if subscription.status != Subscription.Status.UNSUBSCRIBED:
        subscription.status, subscription.ended_at = Subscription.Status.UNSUBSCRIBED, timezone.now()
        subscription.save(update_fields=["status", "ended_at"])
    return subscription


def subscriptions_set(*, user, offered: list[NewsletterList], chosen: list[NewsletterList]) -> None:
    """A signed-in reader's choice among the ``offered`` lists, for their account's address: the lists chosen are
    subscribed (at once when the address is confirmed, else by the usual confirmation email), the other offered ones
    left; lists they were not offered are not touched."""
    email = address_clean(user.email)
    left = {newsletter.pk for newsletter in offered} - {newsletter.pk for newsletter in chosen}
    Subscription.objects.filter(
        email=email, newsletter_id__in=left, status__in=[Subscription.Status.ACTIVE, Subscription.Status.PENDING]
    ).update(status=Subscription.Status.UNSUBSCRIBED, ended_at=timezone.now())
    if chosen:
        subscribe(email=email, newsletters=chosen, user=user, language=getattr(user, "language", ""))


def suspend(email: str) -> int:
    """A hard bounce or a complaint: nothing more is sent to the address on any list. Returns how many
    subscriptions were suspended."""
    try:
        email = address_clean(email)
    except ValidationError:
        return 0
    # On the site-wide list too: follow alerts go to addresses that may be on no list at all.
    address_suppress(email)
    return (
        Subscription.objects.filter(email=email)
        .exclude(status=Subscription.Status.SUSPENDED)
        .update(status=Subscription.Status.SUSPENDED, ended_at=timezone.now())
    )


def scope_articles(newsletter: NewsletterList):
    """The published articles of the list's edition and scope, newest first."""
    articles = ArticlePage.objects.published().filter(
        locale__language_code=newsletter.language or settings.LANGUAGE_CODE
    )
    if newsletter.section_id:
        articles = articles.descendant_of(newsletter.section)
    if newsletter.contributor_id:
        articles = articles.filter(bylines__contributor_id=newsletter.contributor_id)
    if newsletter.topic_id:
        articles = articles.filter(tagged_topics__tag_id=newsletter.topic_id)
    if newsletter.country_id:
        articles = articles.filter(countries=newsletter.country_id)
    return articles.distinct().order_by("-first_published_at")


@transaction.atomic
def issue_build_automatic(newsletter: NewsletterList, *, subject: str = "", now=None) -> Issue | None:
    """A draft issue of the newest pieces in the list's scope since its last sent issue (at most
    ``AUTOMATIC_ISSUE_ARTICLES``); None when there is nothing new to send."""
    last = newsletter.issues.filter(status=Issue.Status.SENT).order_by("-sent_at").first()
    articles = scope_articles(newsletter)
    if last and last.sent_at:
        articles = articles.filter(first_published_at__gt=last.sent_at)
    chosen = list(articles[:AUTOMATIC_ISSUE_ARTICLES])
    if not chosen:
        return None
    with translation.override(newsletter.language or settings.LANGUAGE_CODE):
        from tribune.frontend.locale_formats import edition_date

        subject = subject or f"{newsletter.name} · {edition_date(now or timezone.now())}"
    issue = Issue.objects.create(newsletter=newsletter, subject=subject)
    IssueArticle.objects.bulk_create(
        IssueArticle(issue=issue, article=article, sort_order=i) for i, article in enumerate(chosen)
    )
    return issue


# Hour of the day (site time) at which automatic issues are sent; weekly lists go on Mondays.
AUTOMATIC_SEND_HOUR = 7
CADENCE_DAYS = {NewsletterList.Cadence.DAILY: 1, NewsletterList.Cadence.WEEKLY: 7}


def automatic_issues_prepare(now: datetime.datetime | None = None) -> list[Issue]:
    """Schedule today's automatic issue of each daily list (and, on Mondays, each weekly list) that has none yet and
    has something new to send. Run every few minutes by the scheduler: only the first run of the day does anything."""
    now = timezone.localtime(now or timezone.now())
    if now.hour < AUTOMATIC_SEND_HOUR:
        return []
    today = now.replace(hour=AUTOMATIC_SEND_HOUR, minute=0, second=0, microsecond=0)
    issues = []
    for newsletter in NewsletterList.objects.filter(cadence__in=CADENCE_DAYS):
        if newsletter.cadence == NewsletterList.Cadence.WEEKLY and now.weekday() != 0:
            continue
        if newsletter.issues.filter(send_at__gte=today).exists():
            continue
        issue = issue_build_automatic(newsletter, now=now)
        if issue:
            issues.append(issue_schedule(issue, now))
    return issues


def issue_schedule(issue: Issue, send_at: datetime.datetime | None = None) -> Issue:
    """Send at ``send_at`` (default: now); the scheduler hands it to the task worker when the time comes."""
    if issue.status not in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
        raise ValidationError(_("This issue has been sent already."))
    issue.status, issue.send_at = Issue.Status.SCHEDULED, send_at or timezone.now()
    issue.save(update_fields=["status", "send_at"])
    return issue
