"""Scheduled publishing: the scheduler command publishes due pages and unpublishes expired ones."""

import datetime
from unittest import mock

from django.core.management import call_command
from django.utils import timezone

from tests.factories import make_article
from tribune.newsroom.models import ArticlePage


def test_scheduler_publishes_a_page_whose_go_live_time_has_come(section):
    article = make_article(section, title="Embargoed until dawn")
    article.unpublish()
    article.refresh_from_db()
    article.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    revision = article.save_revision()
    revision.publish()
    article.refresh_from_db()
    assert not article.live
    assert not ArticlePage.objects.published().filter(pk=article.pk).exists()

    ten_minutes_later = timezone.now() + datetime.timedelta(minutes=10)
    with mock.patch("django.utils.timezone.now", return_value=ten_minutes_later):
        call_command("run_scheduler", "--once")

    assert ArticlePage.objects.published().filter(pk=article.pk).exists()


def test_scheduler_unpublishes_an_expired_page(section):
    article = make_article(section)
    ArticlePage.objects.filter(pk=article.pk).update(expire_at=timezone.now() - datetime.timedelta(seconds=1))

    call_command("run_scheduler", "--once")

    article.refresh_from_db()
    assert not article.live
    assert article.expired


def test_scheduler_runs_every_configured_command_and_survives_a_failing_one(settings, capsys, db):
    settings.TRIBUNE_SCHEDULE = [("no_such_command", 10), ("publish_scheduled", 10)]

    with mock.patch("tribune.core.management.commands.run_scheduler.call_command", wraps=call_command) as called:
        call_command("run_scheduler", "--once")

    assert [c.args[0] for c in called.call_args_list] == ["no_such_command", "publish_scheduled"]
    assert "no_such_command failed" in capsys.readouterr().err
