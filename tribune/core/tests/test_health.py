"""/healthz and /readyz: liveness without dependencies, readiness naming each failed dependency, both answered before
the middleware that queries the database."""

import json

import pytest

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.utils import timezone

from tribune.core import health
from tribune.core.models import Heartbeat
from tribune.core.tasks import send_email
from tribune.delivery import page_cache

from .outages import database_down, unused_port


@pytest.fixture(autouse=True)
def _fresh_migrations_check():
    health.forget_migrations_check()
    yield
    health.forget_migrations_check()


@pytest.fixture
def probe():
    return Client(raise_request_exception=False)


@pytest.fixture
def fragments_on(settings):
    # With fragments on, SiteLookupMiddleware queries the database for every request that reaches it.
    settings.TRIBUNE_FRAGMENT_CACHE_SECONDS = 600


def test_readyz_names_each_check_and_answers_200_when_all_pass(probe, db):
    response = probe.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["checks"]) == ("ok", {"database": "ok", "redis": "not configured", "migrations": "ok"})
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/json"


def test_readyz_shows_the_background_work_without_deciding_on_it(probe, db, settings):
    """Nothing has run yet: the worker and the scheduler are stale, and /readyz says so, but stays 200 (a stopped
    worker is no reason to take a web server out of rotation). Error texts stay out of a public answer."""
    Heartbeat.objects.create(name="publish_scheduled", last_failure=timezone.now(), last_error="secret internals")
    settings.TASKS = {"default": {"BACKEND": "tribune.core.task_backend.DatabaseBackend"}}
    send_email.enqueue(subject="Waiting", body="Queued.", recipients=["someone@example.org"])

    response = probe.get("/readyz")

    assert response.status_code == 200
    work = response.json()["background_work"]
    assert work["scheduled_publishing"]["stale"] is True
    assert work["worker"]["stale"] is True
    assert work["tasks"]["waiting"] == 1
    assert any("Scheduled publishing" in warning for warning in work["warnings"])
    assert "secret internals" not in response.content.decode()


def test_healthz_answers_without_touching_the_database(probe, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = probe.get("/healthz")

    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert response["Cache-Control"] == "no-store"


def test_with_the_database_down_healthz_is_200_and_readyz_is_503_naming_the_database(probe, home, fragments_on):
    with database_down():
        live = probe.get("/healthz")
        ready = probe.get("/readyz")
        page = probe.get("/")

    assert live.status_code == 200
    assert ready.status_code == 503
    assert ready.json() == {
        "status": "unavailable",
        "checks": {"database": "failed", "redis": "not configured", "migrations": "not checked"},
    }
    assert ready["Cache-Control"] == "no-store"
    # With fragments on, the site lookup middleware queries for an ordinary request: readyz was answered before it.
    assert page.status_code == 503 and "application/json" not in page["Content-Type"]


def test_readyz_reports_unapplied_migrations(probe, db):
    MigrationRecorder.Migration.objects.filter(app="discussion").order_by("-id").first().delete()

    response = probe.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "unapplied migrations"
    assert response.json()["checks"]["database"] == "ok"


def test_the_migrations_check_is_kept_in_memory_once_it_passed(db, django_assert_num_queries):
    assert health.check_migrations() == health.OK

    with django_assert_num_queries(0):
        assert health.check_migrations() == health.OK


def test_readyz_pings_redis_when_it_is_configured(probe, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/12"
    settings.CACHES = {**settings.CACHES, "default": _redis_cache(settings.REDIS_URL)}

    response = probe.get("/readyz")

    assert (response.status_code, response.json()["checks"]["redis"]) == (200, "ok")


def test_readyz_is_503_when_redis_does_not_answer(probe, db, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{unused_port()}/12"  # nothing listens there
    settings.CACHES = {**settings.CACHES, "default": _redis_cache(settings.REDIS_URL)}

    response = probe.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "redis": "failed", "migrations": "ok"}


def _redis_cache(url: str) -> dict:
    return {"BACKEND": "tribune.core.cache.ReusingRedisCache", "LOCATION": url, "KEY_PREFIX": "tribune-health-test"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement timeout")
def test_the_database_check_gives_its_query_a_short_statement_timeout(db):
    health.check_database()  # inside the test's transaction, so SET LOCAL is still in force

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "2s"


def test_health_checks_are_never_stored_by_the_page_cache(probe, home, settings):
    settings.TRIBUNE_PAGE_CACHE_SECONDS = 600
    page_cache.local.clear()
    assert [probe.get("/")[page_cache.HEADER] for _ in range(2)] == ["miss", "hit"]  # the page cache is on

    answers = [probe.get(path) for path in ("/readyz", "/readyz", "/healthz", "/healthz")]

    assert all(page_cache.HEADER not in answer for answer in answers)
    assert page_cache.page_request({"REQUEST_METHOD": "GET", "PATH_INFO": "/readyz"}) is None  # nor its fast path
    page_cache.local.clear()


def test_health_checks_answer_plain_http_under_the_production_redirect(probe, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

    assert probe.get("/readyz").status_code == 200
    assert probe.get("/healthz").status_code == 200
    assert probe.get("/robots.txt").status_code == 301  # everything else is sent to HTTPS


def test_health_checks_are_never_rate_limited(probe, db):
    statuses = {probe.get("/readyz").status_code for _ in range(60)}

    assert statuses == {200}


def test_readyz_refuses_other_methods(probe, db):
    response = probe.post("/readyz")

    assert response.status_code == 405
    assert json.loads(probe.get("/readyz").content)["status"] == "ok"


def test_a_probe_is_answered_whatever_host_it_names(probe, db, settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]

    assert probe.get("/readyz", HTTP_HOST="127.0.0.1:8000").status_code == 200  # Varnish's probe names the origin
    assert probe.get("/robots.txt", HTTP_HOST="127.0.0.1:8000").status_code == 400
