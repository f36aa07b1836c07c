"""Sending an issue: composed once, personalised only by its unsubscribe link, sent in batches at the list's rate over
one SMTP connection per batch, by the task worker.

Over SMTP each batch flattens the issue's message once, with marks where the address, the message id and the
unsubscribe link go, and each subscriber's copy is those bytes with the marks replaced: building and flattening a
MIME message per subscriber was half of the worker's time. A copy the marks cannot make exactly (an address or link
outside ASCII, a body the mail encoding wraps) is built whole, as any other mail backend gets every message.

At most once per subscriber: each batch's deliveries are recorded (committed) before the batch goes to the mail
server and marked sent after it. A send resumed after a crash (the worker died, the server went away) skips every
subscriber with a delivery row, sent or not; those left "sending" by the crash are the few who may not have received
it, visible to staff, never the many who would receive it twice.
"""

import smtplib
import time
from dataclasses import dataclass

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
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
# Where the prepared copy of a batch (PreparedMessage) puts each subscriber's address and message id.
ADDRESS_MARK = "subscriber@address.invalid"
MESSAGE_ID_MARK = "subscriber.message-id.invalid"
# SMTP's line limit (RFC 5321, 998 characters and CRLF); a prepared copy leaves room for this much longer a value.
LINE_LIMIT = 998
VALUE_ROOM = 400


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


def _message(issue: Issue, html: str, text: str, *, email: str, link: str, message_id: str) -> EmailMultiAlternatives:
    domain = _mail_domain()
    message = EmailMultiAlternatives(
        " ".join(issue.subject.split()),  # one line, whatever the editor typed
        text.replace(UNSUBSCRIBE_MARK, link),
        settings.DEFAULT_FROM_EMAIL,
        [email],
        headers={
            # RFC 2369 and RFC 8058: mail clients offer "unsubscribe", and POST to it without asking the reader twice.
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{issue.newsletter.name} <{issue.newsletter.slug}.{domain}>",
            "Message-ID": f"<issue-{issue.pk}.{message_id}@{domain}>",
        },
    )
    message.attach_alternative(html.replace(UNSUBSCRIBE_MARK, link), "text/html")
    return message


def _mail_domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "tribune.invalid"


def _unsubscribe_link(issue: Issue, subscription: Subscription) -> str:
    with translation.override(issue.newsletter.language or settings.LANGUAGE_CODE):
        return unsubscribe_url(subscription)  # the unsubscribe page of the list's edition


@dataclass(frozen=True)
class PreparedMessage:
    """The issue's message for one batch as the bytes SMTP sends, marks in place of the subscriber's own values."""

    data: bytes
    from_address: str

    @classmethod
    def build(cls, issue: Issue, html: str, text: str) -> "PreparedMessage | None":
        """``None`` when the marks do not come through flattening as they are (a body with lines too long for SMTP
        is quoted-printable encoded): every copy is then built whole."""
        message = _message(issue, html, text, email=ADDRESS_MARK, link=UNSUBSCRIBE_MARK, message_id=MESSAGE_ID_MARK)
        flat = message.message()
        if any(part.get("Content-Transfer-Encoding", "8bit") not in ("7bit", "8bit") for part in flat.walk()):
            return None  # quoted-printable or base64: a value put in place of a mark would need encoding too
        data = flat.as_bytes(linesep="\r\n")
        expected = {
            ADDRESS_MARK: 1,  # To
            MESSAGE_ID_MARK: 1,
            UNSUBSCRIBE_MARK: 1 + text.count(UNSUBSCRIBE_MARK) + html.count(UNSUBSCRIBE_MARK),
        }
        if any(data.count(mark.encode()) != count for mark, count in expected.items()):
            return None
        marked_lines = [line for line in data.split(b"\r\n") if any(mark.encode() in line for mark in expected)]
        longest = max(len(line) + VALUE_ROOM * sum(line.count(m.encode()) for m in expected) for line in marked_lines)
        if longest > LINE_LIMIT:
            return None
        return cls(data, sanitize_address(message.from_email, message.encoding or settings.DEFAULT_CHARSET))

    def copy_for(self, email: str, link: str, message_id: str) -> bytes | None:
        """The subscriber's copy, or ``None`` when their values cannot stand in for the marks byte for byte."""
        data = self.data
        for mark, value, unsafe in (
            (ADDRESS_MARK, email, '<>",;:()[]\\ \r\n'),
            (UNSUBSCRIBE_MARK, link, '<>" \r\n'),
            (MESSAGE_ID_MARK, message_id, "<>@ \r\n"),
        ):
            if not value.isascii() or len(value) > len(mark) + VALUE_ROOM or any(c in value for c in unsafe):
                return None
            data = data.replace(mark.encode(), value.encode())
        return data


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
            prepared = PreparedMessage.build(issue, html, text) if isinstance(connection, SMTPBackend) else None
            for subscription in batch:
                try:
                    _deliver(connection, prepared, issue, subscription, html, text)
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


def _deliver(connection, prepared: PreparedMessage | None, issue: Issue, subscription, html: str, text: str) -> None:
    """One subscriber's copy: from the batch's prepared bytes straight over the open SMTP session where it can be,
    otherwise built whole and handed to the backend. Raises ``SMTPRecipientsRefused`` when the server refuses it."""
    link = _unsubscribe_link(issue, subscription)
    data = prepared.copy_for(subscription.email, link, str(subscription.pk)) if prepared else None
    if data is None:
        message = _message(issue, html, text, email=subscription.email, link=link, message_id=str(subscription.pk))
        connection.send_messages([message])
        return
    connection.connection.sendmail(prepared.from_address, [subscription.email], data)


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
