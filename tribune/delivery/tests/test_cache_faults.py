"""The page cache under real faults: a Redis of the test's own (port 63793) stopped, frozen (SIGSTOP), restarted from
an old snapshot; the database unreachable while pages are requested. No fault is simulated in Python: the server is
really gone, frozen or older, and the database connection really fails."""

import http.server
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client

from tests.browser.conftest import _migration_rows_put_back  # noqa: F401 - these tests commit, then flush
from tribune.core import cache as core_cache
from tribune.delivery import page_cache
from tribune.delivery.models import PendingInvalidation
from tribune.delivery.page_cache import HEADER
from tribune.discussion import services as discussion
from tribune.discussion.tests.conftest import verified_reader
from tribune.newsroom.models import ArticlePage

REDIS_PORT = int(os.environ.get("TRIBUNE_FAULT_REDIS_PORT", "63793"))
REDIS_URL = f"redis://127.0.0.1:{REDIS_PORT}/0"
BREAKER_SECONDS = 0.5
# A port nothing listens on: the database "down" for the stale-if-error tests.
CLOSED_DATABASE_PORT = int(os.environ.get("TRIBUNE_FAULT_CLOSED_PG_PORT", "55433"))

pytestmark = pytest.mark.usefixtures("page_cache_on")


class OwnRedis:
    """A redis-server for this test alone, saving only when told (SAVE), so a restart can bring back old data."""

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="tribune-fault-redis-"))
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            shutil.which("redis-server"),
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.directory),
            "--dbfilename",
            "snapshot.rdb",
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", REDIS_PORT), timeout=0.2).close()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"redis-server did not start on {REDIS_PORT}")
                time.sleep(0.05)

    def command(self, *args: str) -> str:
        return subprocess.run(  # noqa: S603
            [shutil.which("redis-cli"), "-p", str(REDIS_PORT), *args], capture_output=True, text=True, check=True
        ).stdout.strip()

    def stop(self) -> None:
        """Gone: SIGTERM (no save configured, so nothing is written), connections refused from now on."""
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def freeze(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def close(self) -> None:
        if self.process is not None:
            self.thaw()
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


@pytest.fixture
def redis_server(settings):
    if shutil.which("redis-server") is None:
        message = "redis-server is not installed (apt-get install redis-server)"
        if os.environ.get("TRIBUNE_REQUIRE_REDIS") == "1":  # CI: the machine's Redis is there, so must this be
            pytest.fail(message)
        pytest.skip(message)
    server = OwnRedis()
    server.start()
    options = {"socket_timeout": 0.3, "socket_connect_timeout": 0.3}
    settings.CACHES = {
        "default": {
            "BACKEND": "tribune.core.cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tribune",
            "OPTIONS": options,
        },
        "pages": {
            "BACKEND": "tribune.core.cache.ReusingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "pages",
            "OPTIONS": options,
        },
    }
    settings.TRIBUNE_CACHE_BREAKER_SECONDS = BREAKER_SECONDS
    core_cache.reset_breakers()
    page_cache.local.clear()
    page_cache.local.failures_seen = 0
    yield server
    server.close()
    core_cache.reset_breakers()
    page_cache.local.clear()
    page_cache.local.failures_seen = 0


@pytest.fixture
def own_redis(article, redis_server):
    """The site visited once (its settings are created on first use) and what setting it up recorded applied (as the
    scheduled job would): the test's own changes are the only ones pending."""
    Client().get(article.url)
    page_cache.local.clear()
    call_command("apply_invalidations")
    assert pending() == []
    return redis_server


def breaker():
    return caches["pages"].breaker


def wait_out_the_breaker():
    """Sleep past the cool-down: the next call tries Redis again."""
    time.sleep(BREAKER_SECONDS + 0.1)


def pending():
    return list(PendingInvalidation.objects.filter(applied_at__isnull=True))


def republish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


# Redis stopped


def test_a_publish_made_while_redis_is_stopped_shows_once_it_is_back(client, committed, article, own_redis):
    assert client.get(article.url)[HEADER] == "miss"
    assert client.get(article.url)[HEADER] == "hit"
    own_redis.command("SAVE")  # what Redis comes back with: the page and tokens from before the publish
    own_redis.stop()

    committed(republish, ArticlePage.objects.get(pk=article.pk), title="Headline written during the outage")

    left = pending()  # Redis did not acknowledge them: recorded, not lost
    assert left
    assert all(invalidation.attempts == 1 for invalidation in left)
    during = client.get(article.url)
    assert "Headline written during the outage" in during.content.decode()

    own_redis.start()
    wait_out_the_breaker()
    after = client.get(article.url)

    # Bound: the first request after Redis answers again (this worker saw it fail, so it applies what is pending
    # before it trusts anything shared).
    assert "Headline written during the outage" in after.content.decode()
    assert after[HEADER] == "miss"
    assert pending() == []
    assert "Headline written during the outage" in client.get(article.url).content.decode()


def test_an_unpublish_made_while_redis_is_stopped_is_never_served_after_it_is_back(
    client, committed, article, own_redis
):
    client.get(article.url)
    own_redis.command("SAVE")
    own_redis.stop()

    committed(ArticlePage.objects.get(pk=article.pk).unpublish)

    assert len(pending()) == 1
    assert client.get(article.url).status_code == 404
    own_redis.start()
    wait_out_the_breaker()

    for _ in range(3):
        assert client.get(article.url).status_code == 404
    assert pending() == []


def test_the_scheduled_job_applies_what_redis_missed_for_a_worker_that_never_saw_it_fail(
    client, committed, article, own_redis
):
    client.get(article.url)
    own_redis.command("SAVE")
    own_redis.stop()
    committed(ArticlePage.objects.get(pk=article.pk).unpublish)
    own_redis.start()
    wait_out_the_breaker()
    # Another process, started after the outage: nothing it remembers says Redis failed.
    core_cache.reset_breakers()
    page_cache.local.clear()
    page_cache.local.failures_seen = 0

    call_command("apply_invalidations")

    assert pending() == []
    assert client.get(article.url).status_code == 404


def test_while_redis_is_away_a_worker_serves_its_own_copies_only_for_a_bounded_time(
    client, article, own_redis, settings
):
    settings.TRIBUNE_PAGE_CACHE_LOCAL_MAX_AGE = 0.5
    before = client.get(article.url)
    assert client.get(article.url)[HEADER] == "hit"
    own_redis.stop()

    first = client.get(article.url)
    assert first[HEADER] == "miss"  # nothing kept from before the outage: rendered afresh
    assert client.get(article.url)[HEADER] == "hit"  # its own copy, made during the outage
    # Changed where no invalidation can reach this worker's memory (Redis is away): only the bound ends the copy.
    ArticlePage.objects.filter(pk=article.pk).update(title="Retitled in the database")
    ArticlePage.objects.get(pk=article.pk).save_revision().publish()
    time.sleep(0.6)

    later = client.get(article.url)
    assert later[HEADER] == "miss"
    assert "Retitled in the database" in later.content.decode()
    assert before.status_code == first.status_code == 200


# Redis restarted from an old snapshot


def test_redis_restarted_from_an_old_snapshot_brings_back_no_old_page(client, committed, article, own_redis):
    client.get(article.url)
    own_redis.command("SAVE")  # the snapshot: tokens from before the publish below
    committed(republish, ArticlePage.objects.get(pk=article.pk), title="Headline after the snapshot")
    assert "Headline after the snapshot" in client.get(article.url).content.decode()
    assert pending() == []

    own_redis.stop()
    own_redis.start()  # from the snapshot: the old tokens and the old page are back in Redis
    assert own_redis.command("DBSIZE") != "0"

    response = client.get(article.url)

    assert "Headline after the snapshot" in response.content.decode()
    assert article.title not in response.content.decode()


def test_the_scheduled_job_clears_a_redis_restarted_from_an_old_snapshot(client, committed, article, own_redis):
    client.get(article.url)
    own_redis.command("SAVE")
    committed(ArticlePage.objects.get(pk=article.pk).unpublish)
    own_redis.stop()
    own_redis.start()
    core_cache.reset_breakers()  # a worker started afterwards: it remembers nothing of the Redis before
    page_cache.local.clear()
    page_cache.local.failures_seen = 0

    call_command("apply_invalidations")

    assert client.get(article.url).status_code == 404


class EdgePurges(http.server.ThreadingHTTPServer):
    """An edge that records the purges it receives, as Wagtail's HTTP front-end cache backend sends them."""

    def __init__(self):
        self.paths: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_PURGE(handler):  # noqa: N802, N805 - the method's name is the HTTP verb
                self.paths.append(handler.path)
                handler.send_response(200)
                handler.send_header("Content-Length", "0")
                handler.end_headers()

            def log_message(handler, *args):  # noqa: N805
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()


def test_a_redis_found_behind_gets_the_edges_purged_of_everything(client, committed, article, own_redis, settings):
    # Until the scheduled job cleared the restarted Redis, a worker that had not seen the newer marker could answer
    # from it, and an edge store the page from before the takedown: the edges must forget everything too.
    edge = EdgePurges()
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{edge.server_address[1]}",
        }
    }
    try:
        client.get(article.url)
        own_redis.command("SAVE")
        committed(ArticlePage.objects.get(pk=article.pk).unpublish)
        assert "/*" not in edge.paths  # a takedown purges its own paths, not the site
        own_redis.stop()
        own_redis.start()
        core_cache.reset_breakers()
        page_cache.local.clear()
        page_cache.local.failures_seen = 0

        call_command("apply_invalidations")

        assert "/*" in edge.paths
        assert client.get(article.url).status_code == 404
    finally:
        edge.shutdown()
        edge.server_close()


# Redis hung


def test_a_hung_redis_costs_one_timeout_then_every_cache_call_skips_it(client, article, own_redis):
    client.get(article.url)
    own_redis.freeze()
    try:
        attempts = breaker().attempts
        assert caches["pages"].get("anything", "fallback") == "fallback"  # after the socket timeout
        assert breaker().attempts == attempts + 1
        assert breaker().is_open()

        # Every alias and command on this server now answers its fallback without trying: pages, fragments,
        # rate-limit counters (the default alias), deletes.
        caches["pages"].get_many(["a", "b"])
        caches["default"].incr("login-attempts", 1)
        caches["default"].add("rate", 1)
        caches["pages"].delete_many(["a"])
        response = client.get(article.url)
        assert response.status_code == 200
        assert breaker().attempts == attempts + 1
    finally:
        own_redis.thaw()


def test_an_unpublish_during_a_hang_completes_and_is_applied_once_redis_answers(
    client, committed, article, own_redis, settings
):
    # The production cool-down: far longer than the unpublish takes, however slow the machine.
    settings.TRIBUNE_CACHE_BREAKER_SECONDS = 5
    client.get(article.url)
    own_redis.freeze()
    try:
        caches["pages"].get("probe")  # the first call finds it hung and opens the breaker
        attempts = breaker().attempts

        committed(ArticlePage.objects.get(pk=article.pk).unpublish)

        assert breaker().attempts == attempts  # the unpublish waited on no Redis call
        assert len(pending()) == 1
        assert client.get(article.url).status_code == 404
    finally:
        own_redis.thaw()
    time.sleep(5.1)

    call_command("apply_invalidations")

    assert pending() == []
    assert client.get(article.url).status_code == 404
    assert ArticlePage.objects.get(pk=article.pk).live is False


def test_apply_invalidations_fails_while_redis_is_away_and_keeps_them_pending(committed, article, own_redis):
    own_redis.stop()
    committed(ArticlePage.objects.get(pk=article.pk).unpublish)
    wait_out_the_breaker()

    with pytest.raises(Exception, match="did not acknowledge"):
        call_command("apply_invalidations")

    assert len(pending()) == 1


# The database down: the last good copy


class DatabaseDown:
    """The default connection pointed at a server that is not there, then back; every query in between really
    fails to connect."""

    def __enter__(self):
        self.saved = dict(connection.settings_dict)
        if connection.vendor == "sqlite":
            self.live = connection.connection
            connection.connection = None  # the open in-memory database stays with us, unused
            connection.settings_dict["NAME"] = "/nonexistent-directory/tribune.sqlite3"
        else:
            connection.close()
            connection.settings_dict.update(HOST="127.0.0.1", PORT=str(CLOSED_DATABASE_PORT))
        return self

    def __exit__(self, *exc):
        connection.settings_dict.clear()
        connection.settings_dict.update(self.saved)
        if connection.vendor == "sqlite":
            connection.close_if_unusable_or_obsolete()
            connection.connection = self.live
        else:
            connection.close()


def reader_client():
    return Client(raise_request_exception=False)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_busiest_article_is_served_stale_when_the_database_is_down(article, config):
    readers = reader_client()
    assert readers.get(article.url)[HEADER] == "miss"
    discussion.comment_post(article=article, author=verified_reader("ines"), body="The comment that invalidated it.")

    with DatabaseDown():
        response = readers.get(article.url)

    assert response.status_code == 200
    assert response[HEADER] == "stale"
    assert article.title in response.content.decode()
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_withdrawn_article_is_never_served_stale(article):
    readers = reader_client()
    readers.get(article.url)
    ArticlePage.objects.get(pk=article.pk).unpublish()

    with DatabaseDown():
        response = readers.get(article.url)

    assert response.status_code >= 500
    assert response.get(HEADER) != "stale"
    assert article.title not in response.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_never_rendered_before_has_no_stale_copy_to_give(article, section):
    with DatabaseDown():
        response = reader_client().get(section.url)

    assert response.status_code >= 500
    assert response.get(HEADER) != "stale"
