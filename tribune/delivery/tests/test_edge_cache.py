"""The shipped Varnish configuration in front of a live Tribune: readers share pages, publishes purge them.

Needs Debian's varnish (`apt-get install varnish`). Without it these tests skip with that reason locally
and fail in CI, which sets TRIBUNE_REQUIRE_EDGE=1.
"""

import gzip
import http.server
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from django.conf import settings as django_settings

from tests.browser.conftest import _migration_rows_put_back  # noqa: F401 - live-server tests flush the database
from tribune.newsroom.models import ArticlePage

from . import edge_process

VCL = Path(django_settings.BASE_DIR) / "deploy" / "varnish" / "tribune.vcl"
pytestmark = pytest.mark.usefixtures("page_cache_on")


@dataclass
class Edge:
    url: str
    workdir: Path

    def backends(self) -> str:
        """What ``varnishadm backend.list`` says: each backend with its probe's verdict."""
        varnishadm = shutil.which("varnishadm") or shutil.which("varnishadm", path="/usr/bin")
        done = subprocess.run(  # noqa: S603 - fixed arguments
            [varnishadm, "-n", str(self.workdir / "n"), "backend.list"], capture_output=True, text=True, check=True
        )
        return done.stdout


@pytest.fixture
def edge(live_server, settings, django_db_serialized_rollback):
    varnishd = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    edge_process.require_installed([] if varnishd else ["varnish"])
    edge_process.probe_without_database(settings)
    origin_port = live_server.url.rsplit(":", 1)[1]
    port = edge_process.free_port()
    workdir = Path(tempfile.mkdtemp(prefix="tribune-edge-"))
    workdir.chmod(0o755)  # varnishd's worker runs as an unprivileged user and must read the compiled VCL
    vcl = workdir / "tribune.vcl"
    vcl.write_text(
        VCL.read_text().replace(edge_process.VCL_ORIGIN, edge_process.vcl_backend(f"127.0.0.1:{origin_port}"))
    )
    command = [varnishd, "-F", "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,32m", "-n", str(workdir / "n")]
    process = edge_process.start(command, port=port, name="varnishd")
    url = f"http://127.0.0.1:{port}"
    edge_process.purge_through(settings, url)
    try:
        yield Edge(url, workdir)
    finally:
        edge_process.stop(process)
        shutil.rmtree(workdir, ignore_errors=True)


def test_anonymous_readers_share_the_edge_copy_and_a_publish_purges_it(edge, article):
    assert edge_process.fetch(edge.url + article.url)[0] == "miss"
    state, html = edge_process.fetch(edge.url + article.url)
    assert (state, article.title in html) == ("hit", True)

    page = ArticlePage.objects.get(pk=article.pk)
    page.title = "Retitled after publication"
    page.save_revision().publish()  # autocommit here: Tribune purges at once

    state, html = edge_process.fetch(edge.url + article.url)
    assert state == "miss"
    assert "Retitled after publication" in html
    assert edge_process.fetch(edge.url + article.get_parent().url)[1].count("Retitled after publication") == 1


def test_a_renamed_section_purges_every_page_at_the_edge(edge, section, article):
    edge_process.fetch(edge.url + article.url), edge_process.fetch(edge.url + article.url)

    section.title = "Long reads"
    section.save_revision().publish()

    state, html = edge_process.fetch(edge.url + article.url)
    assert state == "miss"
    assert "Long reads" in html


@pytest.mark.parametrize(
    "cookie",
    ["sessionid=x", "a=1; messages=x", "__Host-sessionid=x", "a=1; __Host-messages=x"],  # dev, production
)
def test_signed_in_readers_pass_through_to_the_origin(edge, article, cookie):
    edge_process.fetch(edge.url + article.url), edge_process.fetch(edge.url + article.url)

    state, _html = edge_process.fetch(edge.url + article.url, Cookie=cookie)

    assert state == "pass"


@pytest.fixture
def failing_health_check(settings):
    """The origin answers pages but fails the edge's health check, as it does while busy (a probe times out)."""
    settings.ROOT_URLCONF = "tribune.delivery.tests.urls_failing_health_check"


def test_a_publish_shows_at_the_edge_at_once_while_the_health_check_fails(failing_health_check, edge, article):
    # Varnish then serves expired pages longer, but must still fetch a purged one: a backend it calls sick is not
    # fetched from at all, and after the bench's busiest load a publish stayed invisible for 10 s.
    deadline = time.monotonic() + 10
    while "sick" not in edge.backends():
        assert time.monotonic() < deadline, edge.backends()
        time.sleep(0.1)
    edge_process.fetch(edge.url + article.url), edge_process.fetch(edge.url + article.url)

    page = ArticlePage.objects.get(pk=article.pk)
    page.title = "Published while the probe fails"
    page.save_revision().publish()

    state, html = edge_process.fetch(edge.url + article.url)
    assert state == "miss"
    assert "Published while the probe fails" in html


def test_pages_are_kept_gzipped_and_sent_to_each_reader_in_the_encoding_they_take(edge, article):
    status, zipped, headers = edge_process.fetch_raw(edge.url + article.url, Accept_Encoding="gzip, deflate, br")
    assert (status, headers["Content-Encoding"]) == (200, "gzip")
    page = gzip.decompress(zipped)
    assert article.title in page.decode()
    assert "Accept-Encoding" in headers["Vary"]
    etag = headers["ETag"]
    assert etag.startswith('W/"')

    status, plain, plain_headers = edge_process.fetch_raw(edge.url + article.url)
    assert (status, plain) == (200, page)
    assert "Content-Encoding" not in plain_headers
    assert plain_headers["ETag"] == etag
    status, again, again_headers = edge_process.fetch_raw(edge.url + article.url, Accept_Encoding="gzip")
    assert (status, again_headers["X-Edge-Cache"], again) == (200, "hit", zipped)

    for headers in ({"Accept_Encoding": "gzip"}, {}):
        status, body, answer = edge_process.fetch_raw(edge.url + article.url, If_None_Match=etag, **headers)
        assert (status, body) == (304, b"")
        assert answer["ETag"] == etag


def test_a_signed_in_readers_page_is_gzipped_for_them_alone(edge, article):
    status, body, headers = edge_process.fetch_raw(
        edge.url + article.url, Cookie="sessionid=not-a-real-session", Accept_Encoding="gzip"
    )

    assert (status, headers["X-Edge-Cache"], headers["Content-Encoding"]) == (200, "pass", "gzip")
    assert article.title in gzip.decompress(body).decode()


def test_the_edge_probes_readyz_and_finds_a_ready_origin_healthy(edge, settings):
    assert '.url = "/readyz";' in VCL.read_text()
    settings.ROOT_URLCONF = "tribune.urls"  # the real check: this test opens no transaction while it is probed

    def probed() -> str:  # the probed backend's line; the unprobed one is always listed "healthy"
        return next(line for line in edge.backends().splitlines() if ".tribune_health " in line)

    deadline = time.monotonic() + 20
    while "healthy" not in probed():  # three good probes of five, one every 5 s, from two: up to 15 s
        assert "sick" in probed()
        assert time.monotonic() < deadline, edge.backends()
        time.sleep(0.2)
    assert "sick" not in edge.backends()


def test_a_read_is_tried_again_while_the_origin_is_restarting():
    """Every origin worker gone (killed, respawning): the port refuses connections for a moment. Varnish tries a read
    again for a few seconds instead of answering the reader an error at once."""
    varnishd = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    edge_process.require_installed([] if varnishd else ["varnish"])
    origin_port, port = edge_process.free_port(), edge_process.free_port()
    workdir = Path(tempfile.mkdtemp(prefix="tribune-edge-"))
    workdir.chmod(0o755)
    vcl = workdir / "tribune.vcl"
    vcl.write_text(
        VCL.read_text().replace(edge_process.VCL_ORIGIN, edge_process.vcl_backend(f"127.0.0.1:{origin_port}"))
    )
    command = [varnishd, "-F", "-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,32m", "-n", str(workdir / "n")]
    process = edge_process.start(command, port=port, name="varnishd")

    class Origin(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            body = b"back again"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    servers = []

    def start_origin_late():
        time.sleep(1.2)  # nothing listens on the origin's port until then
        servers.append(http.server.HTTPServer(("127.0.0.1", origin_port), Origin))
        servers[0].serve_forever()

    thread = threading.Thread(target=start_origin_late, daemon=True)
    try:
        thread.start()
        _state, body = edge_process.fetch(f"http://127.0.0.1:{port}/restarting/")
        assert body == "back again"
    finally:
        thread.join(5)
        if servers:
            servers[0].shutdown()
        edge_process.stop(process)
        shutil.rmtree(workdir, ignore_errors=True)
