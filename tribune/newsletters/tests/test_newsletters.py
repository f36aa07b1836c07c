"""Newsletters end to end over a real SMTP server on loopback: subscribe → confirm (double opt-in) → an issue arrives
as HTML and text with a one-click unsubscribe (RFC 8058) → unsubscribing works without signing in and at once; a
crash mid-send resumes without sending anyone the issue twice; bad input and forged links change nothing."""

import email
import email.policy
import io
import re

import pytest
from allauth.account.models import EmailAddress

from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from tests.factories import UserFactory, make_article
from tribune.newsletters import sending, services
from tribune.newsletters.models import Delivery, Issue, NewsletterList, Subscription

ADDRESS = "ama@example.org"


@pytest.fixture
def weekly(db):
    return NewsletterList.objects.create(name="The Weekly Digest", slug="weekly", cadence="weekly", send_rate=1000)


@pytest.fixture
def daily(db):
    return NewsletterList.objects.create(name="The Daily Briefing", slug="daily", cadence="daily", send_rate=1000)


def body_of(message, content_type: str) -> str:
    for part in message.walk():
        if part.get_content_type() == content_type:
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError(f"no {content_type} part")


def link_in(text: str, path: str) -> str:
    return re.search(rf"https?://[^/\s]+({re.escape(path)}[^\s\"<>]+/)", text).group(1)


def subscribe_and_confirm(client, smtp, django_capture_on_commit_callbacks, *slugs, email=ADDRESS):
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/newsletters/subscribe/", {"email": email, "newsletters": list(slugs)})
    assert answer.status_code == 200
    confirmation = smtp.messages[-1]
    link = link_in(body_of(confirmation, "text/plain"), "/newsletters/confirm/")
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 200
    return confirmation


def test_a_reader_subscribes_confirms_receives_an_issue_and_leaves_in_one_click(
    client, smtp, django_capture_on_commit_callbacks, weekly, section
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/newsletters/subscribe/", {"email": "Ama@Example.org ", "newsletters": ["weekly"]})
    assert answer.status_code == 200 and "Check your inbox" in answer.content.decode()
    subscription = Subscription.objects.get(newsletter=weekly)
    assert subscription.email == ADDRESS and subscription.status == Subscription.Status.PENDING

    [confirmation] = smtp.messages
    assert confirmation["To"] == ADDRESS and confirmation["Subject"] == "Confirm your subscription"
    link = link_in(body_of(confirmation, "text/plain"), "/newsletters/confirm/")
    assert "The Weekly Digest" in body_of(confirmation, "text/plain")

    # A mail scanner following the link confirms nothing; the reader's press of the button does.
    client.get(link)
    assert Subscription.objects.get(pk=subscription.pk).status == Subscription.Status.PENDING
    client.post(link)
    assert Subscription.objects.get(pk=subscription.pk).status == Subscription.Status.ACTIVE

    first = make_article(section, title="Grid batteries and the evening peak", standfirst="Storage is changing.")
    issue = services.issue_build_automatic(weekly)
    assert [item.article_id for item in issue.items.all()] == [first.pk]

    assert sending.issue_send(issue.pk) == 1

    letter = smtp.messages[-1]
    assert letter.envelope_to == [ADDRESS]
    assert letter["Subject"].startswith("The Weekly Digest · ")
    assert letter["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = letter["List-Unsubscribe"].strip()  # a long header is folded onto its next line
    one_click = re.fullmatch(r"<https?://[^/]+(/newsletters/unsubscribe/[^>]+/)>", header).group(1)
    html, text = body_of(letter, "text/html"), body_of(letter, "text/plain")
    assert "Grid batteries and the evening peak" in html and "Storage is changing." in text
    assert one_click in html and one_click in text
    assert "<table" in html and 'role="presentation"' in html and 'name="color-scheme"' in html
    assert "utm_" not in html  # links carry no tracking
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT

    # The mail client's one-click POST: no session, no CSRF token, immediate.
    assert Client(enforce_csrf_checks=True).post(one_click, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert Subscription.objects.get(pk=subscription.pk).status == Subscription.Status.UNSUBSCRIBED

    make_article(section, title="A later piece", published_at=timezone.now())
    later = services.issue_build_automatic(weekly)
    assert [item.article.title for item in later.items.all()] == ["A later piece"]  # only what is new
    assert sending.issue_send(later.pk) == 0  # nobody is subscribed any more


def test_subscribing_does_not_tell_whether_an_address_is_subscribed_and_floods_send_one_email(
    client, smtp, django_capture_on_commit_callbacks, weekly, daily
):
    subscribe_and_confirm(client, smtp, django_capture_on_commit_callbacks, "weekly")
    sent_before = len(smtp.messages)

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post("/newsletters/subscribe/", {"email": ADDRESS, "newsletters": ["weekly"]})
        fresh = client.post("/newsletters/subscribe/", {"email": "new@example.org", "newsletters": ["weekly"]})
        for _ in range(5):
            client.post("/newsletters/subscribe/", {"email": "flood@example.org", "newsletters": ["daily"]})

    assert again.status_code == fresh.status_code == 200
    assert again.content.decode().replace(ADDRESS, "X") == fresh.content.decode().replace("new@example.org", "X")
    recipients = [message["To"] for message in smtp.messages[sent_before:]]
    assert recipients == ["new@example.org", "flood@example.org"]  # one confirmation per address, none to Ama


def test_a_signed_in_reader_subscribing_their_confirmed_address_needs_no_confirmation(
    client, smtp, django_capture_on_commit_callbacks, daily
):
    reader = UserFactory(username="ama", email=ADDRESS)
    EmailAddress.objects.create(user=reader, email=ADDRESS, verified=True, primary=True)
    client.force_login(reader)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/newsletters/subscribe/", {"email": ADDRESS, "newsletters": ["daily"]})

    subscription = Subscription.objects.get(newsletter=daily)
    assert subscription.status == Subscription.Status.ACTIVE and subscription.user == reader
    assert smtp.messages == []


def test_a_send_resumed_after_a_crash_sends_nobody_the_issue_twice(smtp, weekly, section, monkeypatch):
    for n in range(7):
        Subscription.objects.create(newsletter=weekly, email=f"reader{n}@example.org", status="active")
    make_article(section)
    issue = services.issue_build_automatic(weekly)
    monkeypatch.setattr(sending, "BATCH_SIZE", 3)
    real_batch_send = sending._batch_send
    calls = []

    def crash_on_the_second_batch(*args):
        calls.append(1)
        if len(calls) == 2:
            raise SystemExit("the worker was killed")
        return real_batch_send(*args)

    monkeypatch.setattr(sending, "_batch_send", crash_on_the_second_batch)
    with pytest.raises(SystemExit):
        sending.issue_send(issue.pk)
    assert len(smtp.messages) == 3

    monkeypatch.setattr(sending, "_batch_send", real_batch_send)
    sending.issue_send(issue.pk)  # the worker runs the task again

    received = [message.envelope_to[0] for message in smtp.messages]
    assert len(received) == len(set(received)) == 4  # the batch the crash caught is not sent twice (nor at all)
    assert Delivery.objects.filter(issue=issue, state=Delivery.State.SENDING).count() == 3  # visible to staff
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT


def test_a_mail_server_that_cannot_be_reached_leaves_the_batch_to_a_retry(smtp, settings, weekly, section):
    from tests.smtp import free_port

    Subscription.objects.create(newsletter=weekly, email="reader@example.org", status="active")
    make_article(section)
    issue = services.issue_build_automatic(weekly)
    server_port, settings.EMAIL_PORT = settings.EMAIL_PORT, free_port()  # nobody listens there

    with pytest.raises(OSError):
        sending.issue_send(issue.pk)
    assert not Delivery.objects.filter(issue=issue).exists()

    settings.EMAIL_PORT = server_port
    assert sending.issue_send(issue.pk) == 1


def test_a_refused_address_is_recorded_and_the_others_still_receive_it(smtp, weekly, section):
    for address in ("gone@example.org", "here@example.org"):
        Subscription.objects.create(newsletter=weekly, email=address, status="active")
    smtp.refuse.add("gone@example.org")
    make_article(section)
    issue = services.issue_build_automatic(weekly)

    assert sending.issue_send(issue.pk) == 1

    assert [message.envelope_to for message in smtp.messages] == [["here@example.org"]]
    states = dict(Delivery.objects.filter(issue=issue).values_list("subscription__email", "state"))
    assert states == {"gone@example.org": "failed", "here@example.org": "sent"}


def test_a_bounce_or_complaint_suspends_the_address_on_every_list(weekly, daily):
    for newsletter in (weekly, daily):
        Subscription.objects.create(newsletter=newsletter, email=ADDRESS, status="active")

    assert services.suspend("AMA@example.org") == 2
    assert set(Subscription.objects.values_list("status", flat=True)) == {Subscription.Status.SUSPENDED}
    assert services.suspend("not an address") == 0


FORGED_TOKENS = {
    "nonsense": lambda: "nonsense",
    "signed for another purpose": lambda: signing.dumps([1], salt="another.purpose"),
    "not a list of ids": lambda: signing.dumps("1", salt=services.CONFIRM_SALT),
    "altered signature": lambda: signing.dumps([1], salt=services.CONFIRM_SALT)[:-3] + "abc",
}


@pytest.mark.parametrize("forgery", FORGED_TOKENS)  # names, not the tokens: each test process makes its own
def test_forged_or_altered_links_are_refused_and_change_nothing(client, weekly, forgery):
    token = FORGED_TOKENS[forgery]()
    Subscription.objects.create(pk=1, newsletter=weekly, email=ADDRESS, status="pending")
    active = Subscription.objects.create(pk=2, newsletter=weekly, email="b@example.org", status="active")

    for path in (f"/newsletters/confirm/{token}/", f"/newsletters/unsubscribe/{token}/"):
        assert client.get(path).status_code == 400
        assert client.post(path).status_code == 400
    assert Subscription.objects.get(pk=1).status == "pending"
    assert Subscription.objects.get(pk=active.pk).status == "active"


@pytest.mark.parametrize(
    "email", ["", "not-an-address", "a@example.org\r\nBcc: victim@example.org", "a@example.org, b@example.org"]
)
def test_malformed_addresses_get_a_clear_answer_and_no_subscription(client, mailoutbox, weekly, email):
    answer = client.post("/newsletters/subscribe/", {"email": email, "newsletters": ["weekly"]})

    assert answer.status_code == 400
    assert "Enter a valid email address." in answer.content.decode()
    assert not Subscription.objects.exists() and mail.outbox == []


def test_subscribing_without_a_list_or_by_get_is_refused(client, weekly):
    assert client.post("/newsletters/subscribe/", {"email": ADDRESS}).status_code == 400
    assert client.post("/newsletters/subscribe/", {"email": ADDRESS, "newsletters": ["nope"]}).status_code == 400
    assert client.get("/newsletters/subscribe/").status_code == 405
    assert not Subscription.objects.exists()


def test_one_client_sending_the_form_over_and_over_is_stopped(client, weekly):
    answers = [
        client.post("/newsletters/subscribe/", {"email": f"r{n}@example.org", "newsletters": ["weekly"]}).status_code
        for n in range(22)
    ]

    assert answers[:20] == [200] * 20 and answers[20:] == [429, 429]
    assert Subscription.objects.count() == 20


def test_the_newsletters_page_lists_open_lists_and_preselects_one(client, weekly, daily):
    NewsletterList.objects.create(name="Closed list", slug="closed", active=False)

    page = client.get("/newsletters/?list=daily").content.decode()

    assert "The Weekly Digest" in page and "The Daily Briefing" in page and "Closed list" not in page
    assert re.search(r'value="daily" checked', page) and not re.search(r'value="weekly" checked', page)


def test_a_long_send_hands_the_rest_to_another_run_and_reaches_everyone_once(smtp, weekly, section, monkeypatch):
    for n in range(5):
        Subscription.objects.create(newsletter=weekly, email=f"reader{n}@example.org", status="active")
    make_article(section)
    issue = services.issue_build_automatic(weekly)
    monkeypatch.setattr(sending, "BATCH_SIZE", 2)

    first_run = sending.issue_send(issue.pk, time_budget=0)  # one batch, then the task is queued again (run at once)

    assert first_run == 2
    assert sorted(message.envelope_to[0] for message in smtp.messages) == [f"reader{n}@example.org" for n in range(5)]
    assert Issue.objects.get(pk=issue.pk).status == Issue.Status.SENT


SECRET = "hook-secret-for-tests"


@pytest.mark.parametrize(
    ("payload", "suspended"),
    [
        ({"RecordType": "Bounce", "Type": "HardBounce", "Email": ADDRESS}, True),
        ({"RecordType": "Bounce", "Type": "SoftBounce", "Email": ADDRESS}, False),
        ({"RecordType": "SpamComplaint", "Email": ADDRESS}, True),
        ({"event-data": {"event": "failed", "severity": "permanent", "recipient": ADDRESS}}, True),
        ({"event-data": {"event": "failed", "severity": "temporary", "recipient": ADDRESS}}, False),
        ({"event-data": {"event": "complained", "recipient": ADDRESS}}, True),
        ([{"event": "delivered", "email": "x@example.org"}, {"event": "spamreport", "email": ADDRESS}], True),
        ({"email": ADDRESS, "type": "bounce"}, True),
        ({"email": ADDRESS, "type": "opened"}, False),
        ({"email": ["not", "a", "string"], "type": "bounce"}, False),
    ],
)
def test_providers_bounce_and_complaint_notices_suspend_the_address(client, settings, weekly, payload, suspended):
    settings.TRIBUNE_NEWSLETTER_WEBHOOK_SECRET = SECRET
    Subscription.objects.create(newsletter=weekly, email=ADDRESS, status="active")

    answer = client.post(
        "/newsletters/bounces/", payload, content_type="application/json", headers={"X-Tribune-Webhook-Secret": SECRET}
    )

    assert answer.status_code == 200
    status = Subscription.objects.get(email=ADDRESS).status
    assert status == (Subscription.Status.SUSPENDED if suspended else Subscription.Status.ACTIVE)


def test_the_webhook_refuses_a_wrong_secret_and_bad_bodies(client, settings, weekly):
    Subscription.objects.create(newsletter=weekly, email=ADDRESS, status="active")
    notice = {"email": ADDRESS, "type": "bounce"}
    url = "/newsletters/bounces/"

    assert client.post(url, notice, content_type="application/json").status_code == 403  # no secret configured
    settings.TRIBUNE_NEWSLETTER_WEBHOOK_SECRET = SECRET
    assert client.post(f"{url}?secret=wrong", notice, content_type="application/json").status_code == 403
    assert client.post(f"{url}?secret={SECRET}", "{not json", content_type="application/json").status_code == 400
    assert client.get(f"{url}?secret={SECRET}").status_code == 405
    assert Subscription.objects.get(email=ADDRESS).status == "active"
    assert client.post(f"{url}?secret={SECRET}", notice, content_type="application/json").json() == {
        "addresses": 1,
        "suspended": 1,
    }


def test_the_scheduler_prepares_daily_issues_once_a_day_and_sends_them(smtp, daily, weekly, section, monkeypatch):
    import datetime

    from django.core.management import call_command

    Subscription.objects.create(newsletter=daily, email=ADDRESS, status="active")
    make_article(section, title="Morning piece")
    tuesday_morning = timezone.make_aware(datetime.datetime(2026, 12, 8, 8, 0))
    assert services.automatic_issues_prepare(now=tuesday_morning.replace(hour=6)) == []  # before the sending hour

    prepared = services.automatic_issues_prepare(now=tuesday_morning)
    again = services.automatic_issues_prepare(now=tuesday_morning + datetime.timedelta(minutes=15))

    assert [issue.newsletter for issue in prepared] == [daily]  # weekly lists wait for Monday
    assert again == []
    monkeypatch.setattr(timezone, "now", lambda: tuesday_morning + datetime.timedelta(minutes=1))
    call_command("send_scheduled_newsletters", stdout=io.StringIO())
    assert [message["Subject"] for message in smtp.messages] == [prepared[0].subject]
    assert "Morning piece" in body_of(smtp.messages[0], "text/plain")


def test_reader_pages_offer_the_closest_newsletter_and_stay_cacheable(
    client, settings, section, contributor, weekly, django_capture_on_commit_callbacks
):
    from tribune.delivery.page_cache import HEADER

    expert_list = NewsletterList.objects.create(
        name="Notes from the expert", slug="expert-notes", contributor=contributor
    )
    article = make_article(section, contributors=[contributor], topics=["elections"])
    settings.TRIBUNE_PAGE_CACHE_SECONDS = 600
    settings.TRIBUNE_PAGE_CACHE_RECHECK_SECONDS = 0

    article_page = client.get(article.url)
    expert_page = client.get(contributor.get_absolute_url()).content.decode()

    html = article_page.content.decode()
    assert 'action="/newsletters/subscribe/"' in html and 'value="weekly"' in html  # the general list
    assert "csrfmiddlewaretoken" not in html and "Set-Cookie" not in article_page.headers
    assert 'value="expert-notes"' in expert_page
    assert client.get(article.url)[HEADER] == "hit"
    # Closing a list forgets the stored pages that offered it.
    expert_list.active = False
    with django_capture_on_commit_callbacks(execute=True):
        expert_list.save()
    assert 'value="expert-notes"' not in client.get(contributor.get_absolute_url()).content.decode()


def test_a_signed_in_reader_manages_their_newsletters_from_their_account(
    client, smtp, django_capture_on_commit_callbacks, weekly, daily
):
    reader = UserFactory(username="ama", email=ADDRESS)
    EmailAddress.objects.create(user=reader, email=ADDRESS, verified=True, primary=True)
    Subscription.objects.create(newsletter=weekly, email=ADDRESS, status="active")
    client.force_login(reader)

    page = client.get("/newsletters/mine/").content.decode()
    assert re.search(r'value="weekly" checked', page) and not re.search(r'value="daily" checked', page)
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post("/newsletters/mine/", {"newsletters": ["daily"]})

    assert saved.status_code == 302
    statuses = dict(Subscription.objects.values_list("newsletter__slug", "status"))
    assert statuses == {"weekly": "unsubscribed", "daily": "active"}  # a confirmed address needs no email
    assert smtp.messages == []
    assert Client().get("/newsletters/mine/").status_code == 302  # signed out: to the sign-in page


def test_each_edition_offers_its_own_lists_and_the_account_page_all_of_them(client, weekly, db):
    NewsletterList.objects.create(name="साप्ताहिक विश्लेषण", slug="hindi-weekly", language="hi")
    reader = UserFactory(username="ama", email=ADDRESS)
    hindi_subscription = Subscription.objects.create(
        newsletter=NewsletterList.objects.get(slug="hindi-weekly"), email=ADDRESS, status="active"
    )

    english, hindi = client.get("/newsletters/").content.decode(), client.get("/hi/newsletters/").content.decode()

    assert "The Weekly Digest" in english and "साप्ताहिक विश्लेषण" not in english
    assert "साप्ताहिक विश्लेषण" in hindi and "The Weekly Digest" not in hindi
    client.force_login(reader)
    assert "साप्ताहिक विश्लेषण" in client.get("/newsletters/mine/").content.decode()
    client.post("/newsletters/mine/", {"newsletters": ["hindi-weekly"]})
    assert Subscription.objects.get(pk=hindi_subscription.pk).status == "active"


def test_a_list_in_hindi_is_written_in_hindi_and_unsubscribes_on_the_hindi_edition(smtp, section):
    hindi = NewsletterList.objects.create(name="साप्ताहिक विश्लेषण", slug="hindi-weekly", language="hi")
    Subscription.objects.create(newsletter=hindi, email=ADDRESS, status="active")
    issue = Issue.objects.create(newsletter=hindi, subject="इस हफ़्ते")
    issue.items.create(article=make_article(section), sort_order=0)

    sending.issue_send(issue.pk)

    [letter] = smtp.messages
    assert "/hi/newsletters/unsubscribe/" in letter["List-Unsubscribe"]
    assert 'lang="hi"' in body_of(letter, "text/html")


def test_each_subscribers_copy_is_the_message_built_whole_for_them(smtp, weekly, section, monkeypatch):
    """Copies made from the batch's prepared bytes carry exactly what a message built for the subscriber would: their
    address, their own message id and unsubscribe link, in both parts and the headers; nobody gets another's link."""
    from django.core.mail.backends.smtp import EmailBackend

    subscribers = [
        Subscription.objects.create(newsletter=weekly, email=f"reader{n}@example.org", status="active")
        for n in range(3)
    ]
    make_article(section)
    issue = services.issue_build_automatic(weekly)

    def built_whole(*args, **kwargs):
        raise AssertionError("an ASCII address's copy is built whole")

    monkeypatch.setattr(EmailBackend, "send_messages", built_whole)
    assert sending.issue_send(issue.pk) == 3

    html, text = sending.issue_render(Issue.objects.get(pk=issue.pk))
    links = set()
    for subscription, letter in zip(subscribers, smtp.messages, strict=True):
        link = sending._unsubscribe_link(issue, subscription)
        own = {"email": subscription.email, "link": link, "message_id": str(subscription.pk)}
        built = sending._message(issue, html, text, **own).message().as_bytes(linesep="\r\n")  # as SMTP sends it
        expected = email.message_from_bytes(built, policy=email.policy.default)
        assert letter.envelope_to == [subscription.email]
        for header in ("To", "From", "Subject", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id"):
            assert letter[header].strip() == expected[header].strip(), header  # folded or not
        for kind in ("text/plain", "text/html"):
            assert body_of(letter, kind) == body_of(expected, kind)
            assert link in body_of(letter, kind)
        links.add(link)
    assert len(links) == 3 and len({letter["Message-ID"] for letter in smtp.messages}) == 3


def test_an_address_or_a_body_the_prepared_copy_cannot_carry_is_sent_built_whole(smtp, weekly, section):
    """An address outside ASCII (its domain goes out in IDNA) and a body whose long lines are re-encoded for SMTP
    are built message by message, and still arrive right."""
    Subscription.objects.create(newsletter=weekly, email="reader@bücher.example", status="active")
    Subscription.objects.create(newsletter=weekly, email="plain@example.org", status="active")
    make_article(section)
    issue = services.issue_build_automatic(weekly)

    assert sending.issue_send(issue.pk) == 2

    received = {letter.envelope_to[0]: letter for letter in smtp.messages}
    assert set(received) == {"reader@xn--bcher-kva.example", "plain@example.org"}
    for letter in received.values():
        assert "/newsletters/unsubscribe/" in body_of(letter, "text/plain")

    long_line = "x" * 1200 + sending.UNSUBSCRIBE_MARK
    assert sending.PreparedMessage.build(issue, f"<p>{long_line}</p>", "Text") is None
    leave = f"<p>Leave: <a href='{sending.UNSUBSCRIBE_MARK}'>here</a></p>"
    prepared = sending.PreparedMessage.build(issue, leave, "")
    assert prepared is not None
    assert prepared.copy_for("o'neil@example.org", "https://example.org/u/1/", "7") is not None
    assert prepared.copy_for("a b@example.org", "https://example.org/u/1/", "7") is None
    assert prepared.copy_for("a@example.org", "https://example.org/u/\u00e9/", "7") is None
