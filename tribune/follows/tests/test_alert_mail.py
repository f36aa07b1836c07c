"""Alert emails over a real SMTP server on loopback: each carries a one-click unsubscribe (RFC 8058) that works without
signing in and at once; suspended addresses get nothing; alerts leave in batches at their own rate, and a crash
mid-run, a refused address or a server that cannot be reached never sends anyone the same alert twice."""

import itertools
import re
import time

import pytest

from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.test import Client

from tests.factories import UserFactory, make_article
from tests.smtp import free_port
from tribune.accounts.services import suppressed_addresses
from tribune.follows import sending, services
from tribune.follows.models import AlertDelivery, AlertFrequency, AlertPreference, ArticleAlert, FollowKind
from tribune.newsletters import services as newsletters
from tribune.newsletters.models import NewsletterList, Subscription

_numbers = itertools.count(1)


def followers(contributor, count: int, frequency=AlertFrequency.INSTANT) -> list:
    """``count`` new readers who follow ``contributor`` with alerts at ``frequency``, in the order they joined."""
    readers = []
    for _n in range(count):
        reader = UserFactory(username=f"follower{next(_numbers)}")
        services.follow_add(user=reader, kind=FollowKind.EXPERT, target=contributor)
        services.alerts_set(user=reader, frequency=frequency)
        readers.append(reader)
    return readers


def text_of(message) -> str:
    return message.get_content()


def one_click_path(message) -> str:
    header = " ".join(message["List-Unsubscribe"].split())  # a long header is folded onto its next line
    return re.fullmatch(r"<https://news\.example(/my/alerts/off/[^>\s]+/)>", header).group(1)


@pytest.fixture
def fast(settings):
    settings.TRIBUNE_FOLLOW_ALERTS_PER_SECOND = 1000


def test_an_alert_unsubscribes_in_one_click_without_signing_in(
    smtp, settings, fast, contributor, section, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://news.example"
    [reader] = followers(contributor, 1)

    with django_capture_on_commit_callbacks(execute=True):
        make_article(section, contributors=[contributor], title="Aquifers under the city")

    [alert] = smtp.messages
    assert alert.envelope_to == [reader.email]
    assert alert["Subject"] == "New on Tribune: Aquifers under the city"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    path = one_click_path(alert)
    assert f"https://news.example{path}" in text_of(alert)  # the same link in the text, for every mail client
    assert alert["List-Id"].endswith(">") and alert["Message-ID"]

    mail_client = Client(enforce_csrf_checks=True)  # no session, no CSRF cookie
    assert mail_client.get(path).status_code == 200  # a scanner opening the link changes nothing
    assert AlertPreference.objects.get(user=reader).frequency == AlertFrequency.INSTANT
    answer = mail_client.post(path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200
    assert "no-cache" in answer["Cache-Control"] or "no-store" in answer["Cache-Control"]
    assert AlertPreference.objects.get(user=reader).frequency == AlertFrequency.OFF

    with django_capture_on_commit_callbacks(execute=True):
        make_article(section, contributors=[contributor], title="A second piece")
    assert len(smtp.messages) == 1  # off at once


def test_a_daily_digest_carries_the_same_headers(smtp, fast, contributor, section, settings):
    settings.SITE_URL = "https://news.example"
    [reader] = followers(contributor, 1, AlertFrequency.DAILY)
    make_article(section, contributors=[contributor], title="River basins")

    assert sending.daily_digests_send() == 1

    [digest] = smtp.messages
    assert digest.envelope_to == [reader.email]
    assert "River basins" in text_of(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Client(enforce_csrf_checks=True).post(one_click_path(digest)).status_code == 200
    assert AlertPreference.objects.get(user=reader).frequency == AlertFrequency.OFF


def test_an_address_suspended_after_a_bounce_gets_no_alerts(smtp, fast, client, settings, contributor, section):
    bounced, fine = followers(contributor, 2)
    [bounced_daily] = followers(contributor, 1, AlertFrequency.DAILY)
    weekly = NewsletterList.objects.create(name="Weekly", slug="weekly-alerts-test")
    settings.TRIBUNE_NEWSLETTER_WEBHOOK_SECRET = "hook-secret"  # noqa: S105 - a test value
    for reader in (bounced, bounced_daily):
        Subscription.objects.create(newsletter=weekly, email=reader.email, status=Subscription.Status.ACTIVE)
        answer = client.post(
            "/newsletters/bounces/?secret=hook-secret",
            {"type": "bounce", "email": reader.email.upper()},
            content_type="application/json",
        )
        assert answer.json()["suspended"] == 1

    article = make_article(section, contributors=[contributor])
    assert sending.article_alerts_send(article.pk) == 1
    assert sending.daily_digests_send() == 0

    assert [message.envelope_to for message in smtp.messages] == [[fine.email]]


class WorkerKilled(SMTPBackend):
    """The SMTP connection of a worker that is killed once it has handed the server ``limit`` messages."""

    limit = 3
    handed = 0

    def send_messages(self, email_messages):
        if WorkerKilled.handed >= WorkerKilled.limit:
            raise SystemExit("the worker was killed")
        sent = super().send_messages(email_messages)
        WorkerKilled.handed += sent
        return sent


def test_an_alert_run_resumed_after_a_crash_sends_nobody_the_alert_twice(
    smtp, fast, settings, contributor, section, monkeypatch
):
    readers = followers(contributor, 7)
    article = make_article(section, contributors=[contributor])  # its commit's task is not run here
    monkeypatch.setattr(sending, "BATCH_SIZE", 2)
    WorkerKilled.handed = 0
    settings.EMAIL_BACKEND = f"{__name__}.WorkerKilled"

    with pytest.raises(SystemExit):
        sending.article_alerts_send(article.pk)
    assert len(smtp.messages) == 3

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    sending.article_alerts_send(article.pk)  # the worker runs the task again

    received = [message.envelope_to[0] for message in smtp.messages]
    assert len(received) == len(set(received)) == 6  # the one the crash caught is not sent twice (nor at all)
    assert set(received) < {reader.email for reader in readers}
    states = list(AlertDelivery.objects.filter(article=article).values_list("state", flat=True))
    assert sorted(states) == ["sending"] + ["sent"] * 6  # the one visible to staff
    assert ArticleAlert.objects.get(article=article).finished_at is not None
    assert sending.article_alerts_send(article.pk) == 0  # finished: a third run sends nothing


def test_a_refused_address_is_recorded_and_the_others_still_get_theirs(smtp, fast, contributor, section):
    gone, here = followers(contributor, 2)
    smtp.refuse.add(gone.email)
    article = make_article(section, contributors=[contributor])

    assert sending.article_alerts_send(article.pk) == 1

    assert [message.envelope_to for message in smtp.messages] == [[here.email]]
    states = dict(AlertDelivery.objects.filter(article=article).values_list("user__email", "state"))
    assert states == {gone.email: "failed", here.email: "sent"}


def test_a_server_that_cannot_be_reached_leaves_the_alerts_and_digests_to_a_retry(
    smtp, fast, settings, contributor, section
):
    [instant] = followers(contributor, 1)
    daily = UserFactory(username="daily-reader")
    services.follow_add(user=daily, kind=FollowKind.EXPERT, target=contributor)
    services.alerts_set(user=daily, frequency=AlertFrequency.DAILY)
    article = make_article(section, contributors=[contributor])
    server_port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()  # nobody listens there

    with pytest.raises(OSError):
        sending.article_alerts_send(article.pk)
    with pytest.raises(OSError):
        sending.daily_digests_send()
    assert not AlertDelivery.objects.exists()
    assert AlertPreference.objects.get(user=daily).digest_until is None  # the digest's window is given back

    settings.EMAIL_PORT = server_port
    assert sending.article_alerts_send(article.pk) == 1
    assert sending.daily_digests_send() == 1
    assert sorted(message.envelope_to[0] for message in smtp.messages) == sorted([instant.email, daily.email])


def test_alerts_leave_in_batches_at_their_configured_rate(smtp, settings, contributor, section, monkeypatch):
    followers(contributor, 4)
    article = make_article(section, contributors=[contributor])
    monkeypatch.setattr(sending, "BATCH_SIZE", 2)
    settings.TRIBUNE_FOLLOW_ALERTS_PER_SECOND = 4  # two batches of two: at least half a second each

    began = time.monotonic()
    assert sending.article_alerts_send(article.pk) == 4
    assert time.monotonic() - began >= 0.95
    assert len(smtp.messages) == 4


def test_a_long_run_hands_the_rest_to_another_and_reaches_everyone_once(smtp, fast, contributor, section, monkeypatch):
    readers = followers(contributor, 5)
    article = make_article(section, contributors=[contributor])
    monkeypatch.setattr(sending, "BATCH_SIZE", 2)

    sending.article_alerts_send(article.pk, time_budget=0)  # stops after its first batch and queues the rest

    assert sorted(message.envelope_to[0] for message in smtp.messages) == sorted(reader.email for reader in readers)


def test_a_reader_who_turns_alerts_off_during_a_run_is_not_sent_the_rest(smtp, fast, contributor, section, monkeypatch):
    first, second, third = followers(contributor, 3)
    article = make_article(section, contributors=[contributor])
    monkeypatch.setattr(sending, "BATCH_SIZE", 1)
    real_send = SMTPBackend.send_messages

    def and_third_leaves(self, email_messages):
        sent = real_send(self, email_messages)
        services.alerts_set(user=third, frequency=AlertFrequency.OFF)  # their one-click POST, mid-run
        return sent

    monkeypatch.setattr(SMTPBackend, "send_messages", and_third_leaves)
    sending.article_alerts_send(article.pk)

    assert [message.envelope_to[0] for message in smtp.messages] == [first.email, second.email]


def test_newsletters_suspension_reads_the_addresses_in_any_case(db):
    weekly = NewsletterList.objects.create(name="Weekly", slug="weekly-case-test")
    Subscription.objects.create(newsletter=weekly, email="ama@example.org", status=Subscription.Status.ACTIVE)
    newsletters.suspend("Ama@Example.org")

    assert suppressed_addresses(["AMA@example.org ", "kofi@example.org"]) == {"ama@example.org"}


def test_a_bounce_for_an_address_on_no_list_still_stops_its_alerts(db):
    """Alerts go to accounts' addresses, which need no newsletter subscription: the bounce is kept site-wide."""
    assert not Subscription.objects.filter(email="kofi@example.org").exists()

    assert newsletters.suspend("kofi@example.org") == 0  # no subscription to suspend

    assert suppressed_addresses(["kofi@example.org"]) == {"kofi@example.org"}
