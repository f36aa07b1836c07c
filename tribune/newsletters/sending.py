"""Sending an issue: composed once, personalised only by its unsubscribe link, sent in batches at the list's rate over
one SMTP connection per batch, by the task worker.

At most once per subscriber: each batch's deliveries are recorded (committed) before the batch goes to the mail
server and marked sent after it. A send resumed after a crash (the worker died, the server went away) skips every
subscriber with a delivery row, sent or not; those left "sending" by the crash are the few who may not have received
it, visible to staff, never the many who would receive it twice.
"""

import smtplib
import time

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tribune.core.sites import public_base_url, public_url
from tribune.core.text import plain_text

from .models import Delivery, Issue, Subscription
from .services import unsubscribe_url

BATCH_SIZE = 100
# Replaced per message: the one part of an issue that differs between subscribers.
UNSUBSCRIBE_MARK = "https://unsubscribe.invalid/"


def issue_context(issue: Issue) -> dict:
    articles = [item.article.specific for item in issue.items.select_related("article")]
    cards = []
    for article in articles:
        image = None
        if article.lead_image_id:
            rendition = article.lead_image.get_rendition("fill-560x315")
            image = {"url": public_url(rendition.url), "width": rendition.width, "height": rendition.height}
        cards.append({"article": article, "url": public_url(article.url), "image": image})
    return {
        "issue": issue,
        "newsletter": issue.newsletter,
        "cards": cards,
        "site_name": settings.SITE_NAME,
        "site_url": public_base_url(),
        "unsubscribe_url": UNSUBSCRIBE_MARK,
    }


def issue_render(issue: Issue) -> tuple[str, str]:
    """(HTML, text) of the issue in its list's language, with ``UNSUBSCRIBE_MARK`` where each reader's link goes."""
    with translation.override(issue.newsletter.language or settings.LANGUAGE_CODE):
        context = issue_context(issue)
        html = render_to_string("newsletters/email/issue.html", context)
        text = plain_text(render_to_string("newsletters/email/issue.txt", context))
    return html, text


def message_for(issue: Issue, subscription: Subscription, html: str, text: str) -> EmailMultiAlternatives:
    with translation.override(issue.newsletter.language or settings.LANGUAGE_CODE):
        link = unsubscribe_url(subscription)  # the unsubscribe page of the list's edition
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "tribune.invalid"
    message = EmailMultiAlternatives(
        " ".join(issue.subject.split()),  # one line, whatever the editor typed
        text.replace(UNSUBSCRIBE_MARK, link),
        settings.DEFAULT_FROM_EMAIL,
        [subscription.email],
        headers={
            # RFC 2369 and RFC 8058: mail clients offer "unsubscribe", and POST to it without asking the reader twice.
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{issue.newsletter.name} <{issue.newsletter.slug}.{domain}>",
            "Message-ID": f"<issue-{issue.pk}.{subscription.pk}@{domain}>",
        },
    )
    message.attach_alternative(html.replace(UNSUBSCRIBE_MARK, link), "text/html")
    return message


def _next_batch(issue: Issue) -> list[Subscription]:
    """Subscribers of the issue's list not yet handed this issue, claimed by recording them "sending" before anything
    leaves. Two workers on one issue never claim the same subscriber: the second one's insert of a claimed row fails
    on the unique constraint, and it looks again."""
    while True:
        batch = list(
            Subscription.objects.filter(newsletter_id=issue.newsletter_id, status=Subscription.Status.ACTIVE)
            .exclude(deliveries__issue=issue)
            .order_by("pk")[:BATCH_SIZE]
        )
        try:
            with transaction.atomic():
                Delivery.objects.bulk_create(
                    [Delivery(issue=issue, subscription=subscription) for subscription in batch]
                )
        except IntegrityError:
            continue
        return batch


def issue_send(issue_id: int, *, time_budget: float | None = None) -> int:
    """Send the issue to every active subscriber who has not had it; returns how many messages went out. With a
    ``time_budget`` (seconds) it stops after the batch that passes it and leaves the rest to another run (the task
    enqueues one), so no run outlasts the worker's lease on it."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().select_related("newsletter").filter(pk=issue_id).first()
        if issue is None or issue.status == Issue.Status.SENT:
            return 0
        issue.status, issue.started_at = Issue.Status.SENDING, issue.started_at or timezone.now()
        issue.save(update_fields=["status", "started_at"])
    html, text = issue_render(issue)
    rate = max(issue.newsletter.send_rate, 1)
    sent, started = 0, time.monotonic()
    while batch := _next_batch(issue):
        began = time.monotonic()
        sent += _batch_send(issue, batch, html, text)
        # The list's rate: a batch of n messages takes at least n / rate seconds.
        time.sleep(max(0.0, len(batch) / rate - (time.monotonic() - began)))
        if time_budget is not None and time.monotonic() - started > time_budget:
            send_issue.enqueue(issue.pk)
            return sent
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.SENT, sent_at=timezone.now())
    return sent


def _batch_send(issue: Issue, batch: list[Subscription], html: str, text: str) -> int:
    """One SMTP connection for the batch. An address the server refuses is marked failed and the batch goes on; a
    server that cannot be reached, or drops the connection, stops the send (the task fails and may be run again):
    the subscribers not yet tried get their turn then, the one whose message was in flight does not."""
    delivered, refused = [], []
    untried = [subscription.pk for subscription in batch]
    opened = False
    try:
        with get_connection() as connection:
            opened = True
            for subscription in batch:
                try:
                    connection.send_messages([message_for(issue, subscription, html, text)])
                    delivered.append(subscription.pk)
                except smtplib.SMTPRecipientsRefused:
                    refused.append(subscription.pk)
                untried.remove(subscription.pk)
    except (smtplib.SMTPException, OSError):
        in_flight = untried[:1] if opened else []
        Delivery.objects.filter(issue=issue, subscription_id__in=untried[len(in_flight) :]).delete()
        raise
    finally:
        Delivery.objects.filter(issue=issue, subscription_id__in=delivered).update(state=Delivery.State.SENT)
        Delivery.objects.filter(issue=issue, subscription_id__in=refused).update(state=Delivery.State.FAILED)
    return len(delivered)


@task()
def send_issue_test(issue_id: int, email: str) -> int:
    """The issue as subscribers will get it, to one editor, marked as a test; its unsubscribe link leads to the
    newsletters page."""
    issue = Issue.objects.select_related("newsletter").get(pk=issue_id)
    html, text = issue_render(issue)
    with translation.override(issue.newsletter.language or settings.LANGUAGE_CODE):
        index = public_url(reverse("newsletter_index"))
        subject = f"[{_('Test')}] {' '.join(issue.subject.split())}"
    message = EmailMultiAlternatives(
        subject, text.replace(UNSUBSCRIBE_MARK, index), settings.DEFAULT_FROM_EMAIL, [email]
    )
    message.attach_alternative(html.replace(UNSUBSCRIBE_MARK, index), "text/html")
    return message.send()


# Well inside TRIBUNE_TASK_LEASE_SECONDS: a run that long would be taken for lost and started again beside itself.
RUN_SECONDS = 120


@task()
def send_issue(issue_id: int) -> int:
    return issue_send(issue_id, time_budget=RUN_SECONDS)


def scheduled_issues_enqueue() -> int:
    """Hand every scheduled issue whose time has come to the task worker (run by the scheduler)."""
    due = list(
        Issue.objects.filter(status=Issue.Status.SCHEDULED, send_at__lte=timezone.now()).values_list("pk", flat=True)
    )
    for pk in due:
        # Marked sending first, so the next run of the scheduler does not enqueue it again.
        if Issue.objects.filter(pk=pk, status=Issue.Status.SCHEDULED).update(status=Issue.Status.SENDING):
            send_issue.enqueue(pk)
    return len(due)
