"""Read-only maintenance: reading goes on, every write is refused with a page saying nothing was saved, the admin
shows a banner, and the switch is seen by every process (the flag file, the shared cache, the environment)."""

import datetime
import os
import subprocess
import sys
from unittest import mock

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

from tests.factories import UserFactory, make_article
from tribune.core import maintenance
from tribune.core.tasks import send_email
from tribune.core.worker import ResilientWorker
from tribune.discussion.models import Comment
from tribune.newsroom.models import ArticlePage

NOTHING_SAVED = "Nothing was saved."
READ_ONLY_TITLE = "is in read-only mode for maintenance"


@pytest.fixture(autouse=True)
def flag_file(settings, tmp_path):
    settings.TRIBUNE_READ_ONLY_FILE = str(tmp_path / "var" / "read-only")
    return tmp_path / "var" / "read-only"


@pytest.fixture
def read_only():
    maintenance.set_read_only(True)
    yield
    maintenance.set_read_only(False)


def assert_refused(response):
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert READ_ONLY_TITLE in html and NOTHING_SAVED in html
    return html


def test_the_switch_sets_and_clears_the_flag_file_and_the_shared_flag(flag_file):
    assert not maintenance.is_read_only()

    maintenance.set_read_only(True)
    assert flag_file.exists() and caches["default"].get(maintenance.SHARED_FLAG_KEY)
    assert maintenance.read_only_sources() == [maintenance.FILE, maintenance.SHARED_CACHE]
    assert maintenance.is_read_only()

    maintenance.set_read_only(False)
    assert not flag_file.exists() and caches["default"].get(maintenance.SHARED_FLAG_KEY) is None
    assert not maintenance.is_read_only()


@pytest.mark.parametrize("source", ["file", "shared cache", "setting"])
def test_any_one_source_switches_read_only_on(source, flag_file, settings):
    if source == "file":
        flag_file.parent.mkdir(parents=True)
        flag_file.write_text("")  # as written by another process on this host
    elif source == "shared cache":
        caches["default"].set(maintenance.SHARED_FLAG_KEY, True)  # as set from another host
    else:
        settings.TRIBUNE_READ_ONLY = True

    assert maintenance.is_read_only()
    assert maintenance.read_only_sources() == [source]


def test_the_command_run_by_another_process_is_seen_by_this_one(flag_file):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tribune.settings.test",
        "TRIBUNE_READ_ONLY_FILE": str(flag_file),
    }
    manage = [sys.executable, str(django_settings.BASE_DIR / "manage.py"), "maintenance"]

    switched_on = subprocess.run([*manage, "on"], env=environment, capture_output=True, text=True, check=True)  # noqa: S603
    assert "Read-only maintenance mode is ON" in switched_on.stdout
    assert maintenance.is_read_only()  # what the scheduler and the worker ask before they write

    subprocess.run([*manage, "off"], env=environment, capture_output=True, check=True)  # noqa: S603
    assert not maintenance.is_read_only()


def test_status_names_the_sources_and_off_warns_when_the_environment_forces_it(settings, capsys):
    call_command("maintenance", "status")
    assert "Read-only maintenance mode is off." in capsys.readouterr().out

    settings.TRIBUNE_READ_ONLY = True
    call_command("maintenance", "off")
    captured = capsys.readouterr()
    assert "ON (setting)" in captured.out
    assert "TRIBUNE_READ_ONLY is set in the environment" in captured.err


def test_readers_keep_reading_while_read_only(read_only, client, article):
    response = client.get(article.url)

    assert response.status_code == 200
    assert article.title in response.content.decode()


def test_a_comment_is_refused_and_the_reader_told_nothing_was_saved(read_only, client, article):
    reader = UserFactory(username="ada")
    reader.emailaddress_set.create(email=reader.email, verified=True, primary=True)
    client.force_login(reader)

    response = client.post(f"/discussion/{article.pk}/comments/", {"body": "During maintenance", "token": "d" * 32})

    html = assert_refused(response)
    assert 'value="' + "d" * 32 + '"' in html  # offered again, to send when maintenance ends
    assert not Comment.objects.exists()


def test_sign_in_and_sign_up_are_refused(read_only, client, reader):
    signin = client.post("/accounts/login/", {"login": reader.email, "password": "correct-horse-battery"})
    signup = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "a-long-new-password", "password2": "a-long-new-password"},
    )

    assert "correct-horse-battery" not in assert_refused(signin)
    assert_refused(signup)
    assert "_auth_user_id" not in client.session
    assert not type(reader).objects.filter(email="new@example.org").exists()


def test_sign_out_still_works(read_only, client, reader):
    client.force_login(reader)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_admin_writes_are_refused_and_the_admin_shows_a_banner(client, superuser, article):
    client.force_login(superuser)
    assert "tribune-read-only-banner" not in client.get("/admin/").content.decode()

    maintenance.set_read_only(True)
    try:
        home = client.get("/admin/")
        delete = client.post(f"/admin/pages/{article.pk}/delete/")
    finally:
        maintenance.set_read_only(False)

    assert home.status_code == 200
    assert "tribune-read-only-banner" in home.content.decode()
    assert "read-only mode for maintenance" in home.content.decode()
    assert_refused(delete)
    assert ArticlePage.objects.filter(pk=article.pk).exists()
    assert client.post(f"/admin/pages/{article.pk}/delete/").status_code == 302  # and allowed once it ends


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_unsafe_method_is_refused_and_safe_ones_pass(read_only, client, article, method):
    refused = getattr(client, method)(f"/discussion/{article.pk}/comments/")

    assert_refused(refused)
    assert client.head(article.url).status_code == 200
    assert client.options("/").status_code != 503


def test_the_scheduler_publishes_nothing_while_read_only_and_the_go_live_happens_after(read_only, section, caplog):
    article = make_article(section, title="Embargoed through the maintenance")
    article.unpublish()
    article.refresh_from_db()
    article.go_live_at = timezone.now() + datetime.timedelta(minutes=5)
    article.save_revision().publish()
    assert not ArticlePage.objects.get(pk=article.pk).live

    ten_minutes_later = timezone.now() + datetime.timedelta(minutes=10)
    with mock.patch("django.utils.timezone.now", return_value=ten_minutes_later):
        call_command("run_scheduler", "--once")
        assert not ArticlePage.objects.get(pk=article.pk).live
        assert any("Scheduler paused: read-only maintenance" in r.getMessage() for r in caplog.records)

        maintenance.set_read_only(False)
        call_command("run_scheduler", "--once")
        assert ArticlePage.objects.get(pk=article.pk).live


def test_the_task_worker_claims_nothing_while_read_only(read_only, settings, db):
    settings.TASKS = {"default": {"BACKEND": "tribune.core.task_backend.DatabaseBackend"}}
    queued = send_email.enqueue(subject="Held", body="Held during maintenance.", recipients=["held@example.org"])
    worker = ResilientWorker(
        queue_names=["default"], interval=0.01, batch=False, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="maintenance-test", excluded_queue_names=[], max_loops=3,
    )  # fmt: skip

    worker.run()
    assert DBTaskResult.objects.get(id=queued.id).status == TaskResultStatus.READY
    assert not mail.outbox

    maintenance.set_read_only(False)
    worker.running, worker.max_loops = True, 6
    worker.run()
    assert DBTaskResult.objects.get(id=queued.id).status == TaskResultStatus.SUCCESSFUL
    assert [message.subject for message in mail.outbox] == ["Held"]
