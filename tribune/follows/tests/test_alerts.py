"""Email alerts: sent once per new article to the followers who asked, in their language, with a working off link."""

import datetime
import re

import pytest

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory, make_article
from tribune.follows import sending, services
from tribune.follows.alerts import alerts_off_token
from tribune.follows.models import AlertFrequency, AlertPreference, ArticleAlert, FollowKind


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish an article and run what its commit queues (the alerts task runs at once in tests)."""

    def run(section, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_article(section, **fields)

    return run


@pytest.fixture
def alerted_reader(reader, contributor):
    services.follow_add(user=reader, kind=FollowKind.EXPERT, target=contributor)
    services.alerts_set(user=reader, frequency=AlertFrequency.INSTANT)
    return reader


def off_link(message) -> str:
    return re.search(r"https?://\S+/my/alerts/off/\S+/", message.body).group(0)


def test_a_follower_who_asked_is_emailed_once_about_a_new_article(
    alerted_reader, contributor, section, publish, mailoutbox
):
    article = publish(section, contributors=[contributor], title="Water tables are falling")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [alerted_reader.email]
    assert "Water tables are falling" in message.subject
    assert article.url in message.body

    article.save_revision().publish()
    assert len(mailoutbox) == 1
    assert ArticleAlert.objects.filter(article=article).count() == 1


def test_each_reader_gets_their_own_email_and_off_link(alerted_reader, contributor, section, publish, mailoutbox):
    other = UserFactory(username="second-reader")
    services.follow_add(user=other, kind=FollowKind.SECTION, target=section)
    services.alerts_set(user=other, frequency=AlertFrequency.INSTANT)

    publish(section, contributors=[contributor])

    assert sorted(m.to[0] for m in mailoutbox) == sorted([alerted_reader.email, other.email])
    assert off_link(mailoutbox[0]) != off_link(mailoutbox[1])


def test_no_email_without_alerts_or_without_a_matching_follow(reader, contributor, section, publish, mailoutbox):
    services.follow_add(user=reader, kind=FollowKind.EXPERT, target=contributor)  # alerts off by default
    bystander = UserFactory(username="bystander")
    services.alerts_set(user=bystander, frequency=AlertFrequency.INSTANT)  # follows nothing

    publish(section, contributors=[contributor])

    assert mailoutbox == []


def test_a_reader_who_reads_email_in_another_language_is_not_sent_the_english_edition(
    alerted_reader, contributor, section, publish, mailoutbox
):
    alerted_reader.language = "hi"
    alerted_reader.save()

    publish(section, contributors=[contributor])

    assert mailoutbox == []


def test_the_off_link_asks_then_turns_alerts_off_without_signing_in(
    alerted_reader, contributor, section, publish, mailoutbox
):
    publish(section, contributors=[contributor])
    path = off_link(mailoutbox[0]).split("://", 1)[1].partition("/")[2]
    browser = Client(enforce_csrf_checks=True)  # signed out, and no CSRF cookie, as a mail client's one-click POST

    asked = browser.get("/" + path)
    assert asked.status_code == 200
    assert AlertPreference.objects.get(user=alerted_reader).frequency == AlertFrequency.INSTANT

    done = browser.post("/" + path)
    assert done.status_code == 200
    assert AlertPreference.objects.get(user=alerted_reader).frequency == AlertFrequency.OFF


@pytest.mark.parametrize("token", ["not-a-token", "1", "abc:def:ghi"])
def test_a_forged_off_link_changes_nothing(client, alerted_reader, token):
    response = client.post(reverse("alerts_off", args=[token]))

    assert response.status_code == 400
    assert AlertPreference.objects.get(user=alerted_reader).frequency == AlertFrequency.INSTANT


def test_an_altered_off_link_changes_nothing(client, alerted_reader):
    token = alerts_off_token(alerted_reader)

    response = client.post(reverse("alerts_off", args=[token[:-2] + ("aa" if token[-2:] != "aa" else "bb")]))

    assert response.status_code == 400
    assert AlertPreference.objects.get(user=alerted_reader).frequency == AlertFrequency.INSTANT


def test_a_reader_chooses_alerts_on_my_tribune(client, reader):
    client.force_login(reader)

    assert client.post(reverse("alerts"), {"frequency": "instant"}).status_code == 302
    assert AlertPreference.objects.get(user=reader).frequency == AlertFrequency.INSTANT
    assert client.post(reverse("alerts"), {"frequency": "hourly"}).status_code == 400
    assert client.get(reverse("alerts")).status_code == 405
    assert 'value="instant" checked' in client.get("/my/").content.decode()


def test_publishing_on_an_outlet_without_alerts_records_nothing(reader, contributor, section, publish):
    services.follow_add(user=reader, kind=FollowKind.EXPERT, target=contributor)

    publish(section, contributors=[contributor])

    assert not ArticleAlert.objects.exists()


# Daily digests


@pytest.fixture
def daily_reader(reader, contributor):
    services.follow_add(user=reader, kind=FollowKind.EXPERT, target=contributor)
    services.alerts_set(user=reader, frequency=AlertFrequency.DAILY)
    return reader


def test_a_daily_reader_gets_the_days_articles_in_one_email_and_not_again(
    daily_reader, contributor, section, publish, mailoutbox
):
    earlier = timezone.now() - datetime.timedelta(hours=2)
    first = publish(section, contributors=[contributor], title="First of the day", published_at=earlier)
    second = publish(section, contributors=[contributor], title="Second of the day")
    publish(section, title="By someone not followed")
    assert mailoutbox == []  # no instant alert for a daily reader

    assert sending.daily_digests_send() == 1
    body = mailoutbox[0].body
    assert mailoutbox[0].to == [daily_reader.email]
    assert body.index(second.title) < body.index(first.title)
    assert "By someone not followed" not in body
    assert "/my/alerts/off/" in body

    assert sending.daily_digests_send() == 0  # the same day again: nothing
    assert sending.daily_digests_send(now=timezone.now() + datetime.timedelta(days=1)) == 0  # nothing new since
    assert len(mailoutbox) == 1


def test_a_daily_reader_with_nothing_new_gets_no_email(daily_reader, mailoutbox):
    assert sending.daily_digests_send() == 0
    assert mailoutbox == []


def test_the_digest_command_runs(daily_reader, contributor, section, publish, mailoutbox):
    publish(section, contributors=[contributor])

    call_command("send_follow_digests")

    assert len(mailoutbox) == 1
