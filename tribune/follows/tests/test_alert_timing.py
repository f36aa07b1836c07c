"""When alerts go out: an article scheduled to go live alerts when Wagtail's scheduler publishes it, not when it is
approved or scheduled; one live under embargo alerts when the embargo ends; a republish, or an edit of an article that
came out long ago, alerts nobody."""

import datetime
import itertools

import pytest

from django.core.management import call_command
from django.utils import timezone

from tests.factories import UserFactory, make_article, paragraph
from tribune.editorial.roles import role_assign
from tribune.follows import sending, services
from tribune.follows.models import AlertDelivery, AlertFrequency, ArticleAlert, FollowKind
from tribune.newsroom.models import ArticleByline, ArticlePage

_slugs = itertools.count(1)


@pytest.fixture
def alerted_reader(reader, contributor):
    services.follow_add(user=reader, kind=FollowKind.EXPERT, target=contributor)
    services.alerts_set(user=reader, frequency=AlertFrequency.INSTANT)
    return reader


def draft(section, contributor, **fields) -> ArticlePage:
    """An article never published: no first publication date yet."""
    article = ArticlePage(
        title=fields.pop("title", "A piece for later"),
        slug=f"timed-{next(_slugs)}",
        standfirst="Timed words.",
        kind="analysis",
        body=[paragraph("Words that wait for their time. " * 10)],
        live=False,
        **fields,
    )
    article.bylines = [ArticleByline(contributor=contributor, sort_order=0)]
    section.add_child(instance=article)
    return article


def later(monkeypatch, delta: datetime.timedelta) -> datetime.datetime:
    """Move the clock on, for everything that reads it (Wagtail's scheduler, the alerts, the models)."""
    moment = timezone.now() + delta
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def test_a_scheduled_article_alerts_when_the_scheduler_publishes_it_and_not_before(
    alerted_reader, contributor, section, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    article = draft(section, contributor, title="Out at nine", go_live_at=timezone.now() + datetime.timedelta(hours=2))

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()  # scheduled: Wagtail sends page_published, the page stays a draft

    article.refresh_from_db()
    assert not article.live
    assert mailoutbox == [] and not ArticleAlert.objects.exists()

    later(monkeypatch, datetime.timedelta(hours=2, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")

    article.refresh_from_db()
    assert article.live
    assert [message.to for message in mailoutbox] == [[alerted_reader.email]]
    assert "Out at nine" in mailoutbox[0].subject

    article.title = "Out at nine, updated"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()  # an edit of the live article
    assert len(mailoutbox) == 1
    assert AlertDelivery.objects.filter(article=article).count() == 1


def test_an_approved_article_with_a_go_live_time_alerts_at_that_time_not_at_approval(
    alerted_reader, contributor, section, mailoutbox, monkeypatch, django_capture_on_commit_callbacks
):
    writer = UserFactory(username="scheduled-writer")
    role_assign(user=writer, role="contributor", sections=[section])
    desk = UserFactory(username="scheduled-desk")
    role_assign(user=desk, role="editor", sections=[section])
    article = draft(section, contributor, go_live_at=timezone.now() + datetime.timedelta(days=1), owner=writer)
    article.save_revision(user=writer)
    state = article.get_workflow().start(article, writer)

    with django_capture_on_commit_callbacks(execute=True):
        state.current_task_state.approve(user=desk)

    article.refresh_from_db()
    assert not article.live
    assert not [message for message in mailoutbox if alerted_reader.email in message.to]

    later(monkeypatch, datetime.timedelta(days=1, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled")

    assert len([message for message in mailoutbox if alerted_reader.email in message.to]) == 1


@pytest.fixture
def waiting_backend(settings):
    """A task backend that keeps what is queued, with the time it may run, as the worker's database does."""
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return task_backends["default"]


def test_scheduling_a_publish_queues_no_alerts(
    alerted_reader, contributor, section, waiting_backend, django_capture_on_commit_callbacks
):
    article = draft(section, contributor, go_live_at=timezone.now() + datetime.timedelta(hours=2))

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    assert not [result for result in waiting_backend.results if result.task.name == "article_alerts"]


def test_an_article_live_under_embargo_alerts_when_the_embargo_ends(
    alerted_reader, contributor, section, mailoutbox, monkeypatch, waiting_backend, django_capture_on_commit_callbacks
):
    embargo_end = timezone.now() + datetime.timedelta(hours=3)
    # Live at once (its go-live time passed) but out only when the embargo ends.
    article = draft(
        section, contributor, embargo_until=embargo_end, go_live_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    article.refresh_from_db()
    assert article.live and not ArticlePage.objects.published().filter(pk=article.pk).exists()
    [queued] = [result for result in waiting_backend.results if result.task.name == "article_alerts"]

    # The worker runs the queued task: too early, so it queues itself for the end of the embargo.
    assert sending.article_alerts_send(*queued.args) == 0
    assert mailoutbox == []
    [deferred] = [result for result in waiting_backend.results if result.task.run_after is not None]
    assert deferred.task.run_after == embargo_end

    later(monkeypatch, datetime.timedelta(hours=3, seconds=1))
    assert sending.article_alerts_send(*deferred.args) == 1
    assert [message.to for message in mailoutbox] == [[alerted_reader.email]]


def test_editing_an_article_that_came_out_long_ago_alerts_nobody(
    reader, contributor, section, mailoutbox, django_capture_on_commit_callbacks
):
    article = make_article(
        section, contributors=[contributor], published_at=timezone.now() - datetime.timedelta(days=3)
    )
    # Alerts turned on after it came out: its next edit is not news.
    services.follow_add(user=reader, kind=FollowKind.EXPERT, target=contributor)
    services.alerts_set(user=reader, frequency=AlertFrequency.INSTANT)

    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=article.pk).save_revision().publish()

    assert mailoutbox == []


def test_a_daily_digest_holds_an_article_whose_embargo_ended_since_the_last_one(
    reader, contributor, section, mailoutbox
):
    services.follow_add(user=reader, kind=FollowKind.EXPERT, target=contributor)
    services.alerts_set(user=reader, frequency=AlertFrequency.DAILY)
    article = make_article(
        section,
        contributors=[contributor],
        title="Held for partners",
        published_at=timezone.now() - datetime.timedelta(hours=30),  # before the digest's window
    )
    ArticlePage.objects.filter(pk=article.pk).update(embargo_until=timezone.now() - datetime.timedelta(hours=1))

    assert sending.daily_digests_send() == 1
    assert "Held for partners" in mailoutbox[0].body
