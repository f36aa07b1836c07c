"""Sending alerts: each email composed for its reader (their language, their own off link), in batches at
``TRIBUNE_FOLLOW_ALERTS_PER_SECOND`` over one SMTP connection per batch, by the task worker.

Every email carries ``List-Unsubscribe`` (the reader's https off link) and ``List-Unsubscribe-Post:
List-Unsubscribe=One-Click`` (RFC 2369, RFC 8058): mail clients offer "unsubscribe" and turn alerts off with one POST,
without signing in.

At most once per reader, as newsletters' sending does it: each batch's deliveries (``AlertDelivery``) are recorded,
committed, before the batch goes to the mail server and marked sent after it. A run resumed after a crash skips every
reader with a row; those left "sending" by the crash are the few who may not have received it, never the many who
would receive it twice.
"""

import datetime
import smtplib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from tribune.accounts.mail import email_language
from tribune.accounts.services import suppressed_addresses
from tribune.core.sites import public_base_url, public_url
from tribune.core.text import plain_text
from tribune.newsroom.models import ArticlePage

from . import alerts
from .conf import alerts_per_second
from .models import AlertDelivery, AlertFrequency, AlertPreference, ArticleAlert

BATCH_SIZE = 100
# Well inside TRIBUNE_TASK_LEASE_SECONDS: a run that long would be taken for lost and started again beside itself.
RUN_SECONDS = 120


def _domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "tribune.invalid"


def alert_message(reader, template: str, context: dict, *, message_id: str) -> EmailMessage:
    """``template`` (its first line the subject) rendered for ``reader`` in the language they read email in, as text
    only, with the list headers that let their mail client turn alerts off in one click."""
    alerts_off = alerts.alerts_off_url(reader)
    with translation.override(email_language(reader)):
        context = {**context, "alerts_off": alerts_off, "site_name": settings.SITE_NAME, "site_url": public_base_url()}
        subject, _, body = plain_text(render_to_string(template, context)).strip().partition("\n")
    domain = _domain()
    return EmailMessage(
        " ".join(subject.split()),  # one line, whatever a title holds
        body.strip(),
        settings.DEFAULT_FROM_EMAIL,
        [reader.email],
        headers={
            "List-Unsubscribe": f"<{alerts_off}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{' '.join(settings.SITE_NAME.split())} alerts <follow-alerts.{domain}>",
            "Message-ID": f"<{message_id}@{domain}>",
        },
    )


def _batch_send(deliveries, messages: list[tuple[int, EmailMessage]], *, release: Callable[[list[int]], None]) -> int:
    """Send each reader's message (``(reader id, message)``) over one SMTP connection and mark their ``deliveries``
    row sent or, for an address the server refuses, failed; the batch goes on past a refusal. A server that cannot be
    reached, or drops the connection, stops the run (the task fails and may be run again): ``release`` gives the
    readers not yet tried their turn then, the one whose message was in flight does not get it twice."""
    delivered, refused = [], []
    untried = [reader_id for reader_id, _message in messages]
    opened = False
    try:
        with get_connection() as connection:
            opened = True
            for reader_id, message in messages:
                try:
                    connection.send_messages([message])
                    delivered.append(reader_id)
                except smtplib.SMTPRecipientsRefused:
                    refused.append(reader_id)
                untried.remove(reader_id)
    except (smtplib.SMTPException, OSError):
        in_flight = untried[:1] if opened else []
        release(untried[len(in_flight) :])
        raise
    finally:
        deliveries.filter(user_id__in=delivered).update(state=AlertDelivery.State.SENT)
        deliveries.filter(user_id__in=refused).update(state=AlertDelivery.State.FAILED)
    return len(delivered)


def _keep_rate(count: int, began: float) -> None:
    """The alerts' rate: a batch of n messages takes at least n / rate seconds."""
    time.sleep(max(0.0, count / alerts_per_second() - (time.monotonic() - began)))


# Instant alerts


def article_alerts_send(article_id: int, *, time_budget: float | None = None) -> int:
    """Email the article's followers who asked for instant alerts, each at most once; the number emailed. An article
    not out yet (embargoed, or first published in the future) has its alerts queued for when it comes out. With a
    ``time_budget`` (seconds) the run stops after the batch that passes it and queues the rest for another."""
    article = ArticlePage.objects.live().public().filter(pk=article_id).select_related("locale").first()
    if article is None:
        return 0  # unpublished, made private or deleted before the task ran
    out_at, now = alerts.came_out_at(article), timezone.now()
    if out_at is None or out_at < now - alerts.ALERT_FRESH_FOR:
        return 0
    if out_at > now:
        _alerts_when_out(article.pk, out_at)
        return 0
    alert, _created = ArticleAlert.objects.get_or_create(article=article)
    if alert.finished_at:
        return 0
    readers = alerts.followers_to_alert(article)
    with translation.override(article.locale.language_code):
        link = public_url(article.url)
    deliveries = AlertDelivery.objects.filter(article=article)
    sent, started = 0, time.monotonic()
    for start in range(0, len(readers), BATCH_SIZE):
        batch = _alerts_claim(article, readers[start : start + BATCH_SIZE])
        if batch:
            began = time.monotonic()
            messages = [
                (
                    reader.pk,
                    alert_message(
                        reader,
                        "follows/email/alert.txt",
                        {"article": article, "link": link},
                        message_id=f"alert-{article.pk}.{reader.pk}",
                    ),
                )
                for reader in batch
            ]
            sent += _batch_send(deliveries, messages, release=lambda ids: deliveries.filter(user_id__in=ids).delete())
            _keep_rate(len(batch), began)
        more = start + BATCH_SIZE < len(readers)
        if more and time_budget is not None and time.monotonic() - started > time_budget:
            from .tasks import article_alerts

            article_alerts.enqueue(article.pk)
            return sent
    ArticleAlert.objects.filter(pk=alert.pk).update(finished_at=timezone.now())
    return sent


def _alerts_claim(article: ArticlePage, readers: list) -> list:
    """Those of ``readers`` still to be sent the article's alert, claimed by recording them "sending" before anything
    leaves. Checked again here, as a run can be long: whoever turned alerts off or was suspended since it began is
    skipped. Two workers on one article never claim the same reader: the second one's insert fails on the unique
    constraint, and it looks again."""
    ids = [reader.pk for reader in readers]
    while True:
        taken = set(AlertDelivery.objects.filter(article=article, user_id__in=ids).values_list("user_id", flat=True))
        instant = set(
            AlertPreference.objects.filter(user_id__in=ids, frequency=AlertFrequency.INSTANT).values_list(
                "user_id", flat=True
            )
        )
        suspended = suppressed_addresses(reader.email for reader in readers)
        batch = [
            reader
            for reader in readers
            if reader.pk not in taken and reader.pk in instant and reader.email.strip().lower() not in suspended
        ]
        try:
            with transaction.atomic():
                AlertDelivery.objects.bulk_create([AlertDelivery(article=article, user=reader) for reader in batch])
        except IntegrityError:
            continue
        return batch


def _alerts_when_out(article_id: int, out_at: datetime.datetime) -> None:
    """Queue the alerts for when the article comes out, where the task backend can wait (the database backend does;
    the tests' immediate one does not, and there the next publish after the embargo sends them)."""
    from .tasks import article_alerts

    if article_alerts.get_backend().supports_defer:
        article_alerts.using(run_after=out_at).enqueue(article_id)


# Daily digests


def daily_digests_send(now: datetime.datetime | None = None, *, time_budget: float | None = None) -> int:
    """Email each reader with daily alerts who is due (a day since their last digest) the articles of their edition
    from what they follow that came out since; the number of digests sent. A reader's window moves on, with the
    delivery recorded, before their email leaves, so a run that stops half-way never sends anyone the same digest
    twice; the readers a stopped batch never tried get their window back."""
    now = now or timezone.now()
    deliveries = AlertDelivery.objects.filter(digest_until=now)
    sent, started = 0, time.monotonic()
    while True:
        due, batch = _digests_claim(now)
        if not due:
            return sent
        if batch:
            began = time.monotonic()
            sent += _batch_send(deliveries, batch, release=lambda ids: _digests_release(now, ids))
            _keep_rate(len(batch), began)
        if time_budget is not None and time.monotonic() - started > time_budget:
            from .tasks import daily_digests

            daily_digests.enqueue()
            return sent


def _digests_claim(now: datetime.datetime) -> tuple[int, list[tuple[int, EmailMessage]]]:
    """The next due readers (how many) and the digests to send them, claimed: each one's window moved to ``now`` and,
    when there is something to send, their delivery recorded, both committed before anything leaves. A reader whose
    window another run moved meanwhile is left to it."""
    due = list(
        AlertPreference.objects.filter(frequency=AlertFrequency.DAILY, user__is_active=True)
        .exclude(digest_until__gt=now - alerts.DIGEST_INTERVAL + alerts.DIGEST_SLACK)
        .select_related("user")
        .order_by("pk")[:BATCH_SIZE]
    )
    suspended = suppressed_addresses(preference.user.email for preference in due)
    to_send = {}
    for preference in due:
        reader = preference.user
        if not reader.email or reader.email.strip().lower() in suspended:
            continue
        since = preference.digest_until or now - alerts.DIGEST_INTERVAL
        with translation.override(email_language(reader)):
            articles = alerts.digest_articles(reader, since=since, until=now)
            if articles:
                to_send[preference.pk] = {
                    "articles": [(article, public_url(article.url)) for article in articles],
                    "my_tribune": public_url(reverse("my_tribune")),
                }
    batch = []
    with transaction.atomic():
        for preference in due:
            moved = AlertPreference.objects.filter(pk=preference.pk, digest_until=preference.digest_until).update(
                digest_until=now
            )
            if moved and preference.pk in to_send:
                reader = preference.user
                AlertDelivery.objects.create(user=reader, digest_since=preference.digest_until, digest_until=now)
                batch.append((reader, to_send[preference.pk]))
    messages = [
        (
            reader.pk,
            alert_message(
                reader, "follows/email/digest.txt", context, message_id=f"digest-{now:%Y%m%d%H%M%S}.{reader.pk}"
            ),
        )
        for reader, context in batch
    ]
    return len(due), messages


def _digests_release(now: datetime.datetime, reader_ids: list[int]) -> None:
    """Digests that never left: their readers' windows go back to where they were, so the next run sends them."""
    for delivery in AlertDelivery.objects.filter(digest_until=now, user_id__in=reader_ids):
        AlertPreference.objects.filter(user_id=delivery.user_id, digest_until=now).update(
            digest_until=delivery.digest_since
        )
        delivery.delete()
