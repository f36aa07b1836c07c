"""The shipped nginx edge (deploy/nginx/tribune-edge.conf) in front of a live Tribune: readers share pages, a
publish purges them, personal and private pages are never stored.

Needs Debian's nginx and its purge module (`apt-get install nginx-light libnginx-mod-http-cache-purge`). Without
them these tests skip with that reason locally and fail in CI, which sets TRIBUNE_REQUIRE_EDGE=1.
"""

import gzip
import http.client
import logging
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from django.conf import settings as django_settings
from django.core.signals import request_started
from django.http import HttpResponse
from django.urls import path

from tests.browser.conftest import _migration_rows_put_back  # noqa: F401 - live-server tests flush the database
from tests.factories import make_article, make_image
from tribune.newsroom.models import ArticlePage
from tribune.urls import urlpatterns as site_urlpatterns

from . import edge_process

DEPLOY = Path(django_settings.BASE_DIR) / "deploy" / "nginx"
EDGE_CONF = DEPLOY / "tribune-edge.conf"
STANDALONE_CONF = DEPLOY / "standalone.conf"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
STORED_SECONDS = 5  # proxy_cache_valid in tribune-edge.conf
pytestmark = pytest.mark.usefixtures("page_cache_on")


def write_edge_config(workdir: Path, *, port: int, origin: str, media: Path) -> Path:
    """The shipped configuration with this run's ports, cache and media folders; returns the main file for
    ``nginx -c``."""
    conf = EDGE_CONF.read_text()
    for shipped, local in [
        (edge_process.NGINX_ORIGIN, origin),
        ("listen 6081;", f"listen 127.0.0.1:{port};"),
        ("/var/cache/nginx/tribune", str(workdir / "cache")),
        (edge_process.MEDIA_FOLDER, f"{media}/"),
    ]:
        assert shipped in conf, f"{EDGE_CONF.name} no longer contains {shipped!r}"
        conf = conf.replace(shipped, local)
    (workdir / "tribune-edge.conf").write_text(conf)
    (workdir / "nginx-tmp").mkdir(exist_ok=True)
    main = workdir / "nginx.conf"
    main.write_text(STANDALONE_CONF.read_text().replace("@WORK@", str(workdir)))
    return main


# A page marked private and one that sets a cookie: the edge must store neither (see `origin_extras`).
def private_view(request):
    response = HttpResponse(f"private {time.monotonic_ns()}", content_type="text/plain")
    response["Cache-Control"] = "private, max-age=600"
    return response


def cookie_view(request):
    response = HttpResponse(f"cookie {time.monotonic_ns()}", content_type="text/plain")
    response["Cache-Control"] = "public, max-age=600"
    response.set_cookie("csrftoken", "x")
    return response


urlpatterns = [path("edge-test/private/", private_view), path("edge-test/cookie/", cookie_view), *site_urlpatterns]


@dataclass
class Edge:
    url: str
    port: int
    media: Path
    origin_requests: Counter = field(default_factory=Counter)


@pytest.fixture
def edge(live_server, settings, django_db_serialized_rollback):
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    missing = [
        name
        for name, found in [("nginx-light", nginx), ("libnginx-mod-http-cache-purge", PURGE_MODULE.exists())]
        if not found
    ]
    edge_process.require_installed(missing)
    port = edge_process.free_port()
    workdir = Path(tempfile.mkdtemp(prefix="tribune-edge-nginx-"))
    workdir.chmod(0o755)  # nginx's workers run as an unprivileged user and keep the cache in here
    media = edge_process.media_root(settings)
    main = write_edge_config(workdir, port=port, origin=live_server.url.removeprefix("http://"), media=media)
    log = workdir / "nginx-error.log"
    process = edge_process.start(
        [nginx, "-c", str(main), "-p", str(workdir), "-e", str(log)], port=port, name="nginx", log=log
    )
    url = f"http://127.0.0.1:{port}"
    edge_process.purge_through(settings, url)
    settings.ROOT_URLCONF = __name__
    edge = Edge(url, port, media)

    def count(sender, environ, **kwargs):
        edge.origin_requests[environ.get("PATH_INFO")] += 1

    request_started.connect(count, weak=False)
    try:
        yield edge
    finally:
        request_started.disconnect(count)
        edge_process.stop(process)
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(media, ignore_errors=True)


def purge(edge: Edge, target: str, *, source: str = "127.0.0.1") -> int:
    connection = http.client.HTTPConnection("127.0.0.1", edge.port, timeout=10, source_address=(source, 0))
    try:
        connection.request("PURGE", target, headers={"Host": edge.url.removeprefix("http://")})
        return connection.getresponse().status
    finally:
        connection.close()


def test_anonymous_readers_share_the_stored_copy_and_a_publish_purges_it(edge, article, caplog):
    assert edge_process.fetch(edge.url + article.url)[0] == "miss"
    state, html, headers = edge_process.fetch_full(edge.url + article.url, Cookie="consent=yes; _ga=GA1.1")
    assert (state, article.title in html) == ("hit", True)
    assert edge.origin_requests[article.url] == 1
    # What the browser receives is the origin's answer: its Cache-Control, nothing of the edge's internals.
    assert "public" in headers["Cache-Control"] and "s-maxage" in headers["Cache-Control"]
    assert headers["Server"] == "nginx"
    assert "X-Tribune-Edge" not in headers

    page = ArticlePage.objects.get(pk=article.pk)
    page.title = "Retitled after publication"
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        page.save_revision().publish()  # autocommit here: Tribune purges at once
    # Most purged paths (feeds, topic pages) were never stored: the edge answers those 2xx too.
    assert not caplog.records

    state, html = edge_process.fetch(edge.url + article.url)
    assert state == "miss"
    assert "Retitled after publication" in html
    assert edge_process.fetch(edge.url + article.get_parent().url)[1].count("Retitled after publication") == 1


def test_readers_with_a_session_never_get_nor_leave_a_stored_copy(edge, section, article):
    edge_process.fetch(edge.url + article.url), edge_process.fetch(edge.url + article.url)

    for personal in [
        {"Cookie": "sessionid=not-a-real-session"},
        {"Cookie": "a=1; messages=x"},
        {"Cookie": "__Host-sessionid=not-a-real-session"},  # production's names
        {"Cookie": "a=1; __Host-messages=x"},
        {"Authorization": "Basic eDp5"},
    ]:
        assert edge_process.fetch(edge.url + article.url, **personal)[0] == "pass", personal

    # A page first asked for by a signed-in reader is not kept for the next, anonymous one.
    edge_process.fetch(edge.url + section.url, Cookie="sessionid=not-a-real-session")
    assert edge_process.fetch(edge.url + section.url)[0] == "miss"
    assert edge_process.fetch(edge.url + section.url)[0] == "hit"


@pytest.mark.parametrize("path", ["/accounts/login/", "/fr/accounts/login/", "/admin/login/", "/documents/1/x.pdf"])
def test_accounts_and_admin_go_straight_to_the_origin(edge, path):
    for _ in range(2):
        state, _html = edge_process.fetch(edge.url + path)
        assert state == "pass"
    assert edge.origin_requests[path] == 2


@pytest.mark.parametrize("path", ["/edge-test/private/", "/edge-test/cookie/"])
def test_private_pages_and_pages_that_set_a_cookie_are_never_stored(edge, path):
    first, second = edge_process.fetch(edge.url + path), edge_process.fetch(edge.url + path)

    assert (first[0], second[0]) == ("miss", "miss")
    assert first[1] != second[1]
    assert edge.origin_requests[path] == 2


def test_a_renamed_section_shows_everywhere_within_seconds(edge, section, article, caplog):
    edge_process.fetch(edge.url + article.url), edge_process.fetch(edge.url + article.url)

    section.title = "Long reads"
    with caplog.at_level(logging.ERROR, logger="wagtail.frontendcache"):
        section.save_revision().publish()  # Tribune sends "PURGE /*": answered, nothing forgotten
    assert not caplog.records
    published = time.monotonic()

    while "Long reads" not in edge_process.fetch(edge.url + article.url)[1]:
        assert time.monotonic() - published < STORED_SECONDS + 3, "still the old page"
        time.sleep(0.25)


def test_only_the_origin_servers_may_purge(edge, article):
    edge_process.fetch(edge.url + article.url), edge_process.fetch(edge.url + article.url)

    # 127.0.0.2 is this machine too, but not in the edge's list of purgers.
    assert purge(edge, article.url, source="127.0.0.2") == 403
    assert purge(edge, "/*", source="127.0.0.2") == 403
    assert edge_process.fetch(edge.url + article.url)[0] == "hit"

    assert purge(edge, "/*") == 204
    assert edge_process.fetch(edge.url + article.url)[0] == "hit"  # "/*" only answers: the short lifetime does the rest
    assert purge(edge, article.url) == 200
    assert edge_process.fetch(edge.url + article.url)[0] == "miss"


def test_an_expired_copy_is_served_while_one_request_refreshes_it(edge, article):
    edge_process.fetch(edge.url + article.url)
    time.sleep(STORED_SECONDS + 0.5)

    # No reader waits for the origin: the first after expiry gets the stored copy and starts a refresh in the
    # background; the next ones get the refreshed copy. (nginx reads its clock once per event-loop turn, so on a
    # busy machine the copy can still count as fresh for a moment past its lifetime: "hit" until then.)
    deadline = time.monotonic() + 10  # the refresh is one request to the origin; allow for a busy machine
    seen = []
    while True:
        state, html = edge_process.fetch(edge.url + article.url)
        seen.append(state)
        assert article.title in html
        if state in {"stale", "updating"}:
            break
        assert state == "hit" and time.monotonic() < deadline, seen
        time.sleep(0.05)
    while (state := edge_process.fetch(edge.url + article.url)[0]) != "hit":
        assert state in {"stale", "updating"} and time.monotonic() < deadline, (state, edge.origin_requests)
        time.sleep(0.05)
    assert edge.origin_requests[article.url] == 2


# Uploaded images


def test_uploaded_images_and_their_renditions_are_served_from_media_root_for_long(edge, section):
    image = make_image()
    piece = make_article(section, lead_image=image)

    edge_process.assert_serves_media(edge.url, piece.url, image, edge.media)

    # All from the folder: the origin (which serves no media in production) was never asked.
    assert [path for path in edge.origin_requests if path.startswith("/media/")] == []


@pytest.mark.parametrize("path", ["/media/documents/report.pdf", "/media/elsewhere.txt", "/media/images/"])
def test_documents_and_anything_else_under_media_are_not_served_from_the_folder(edge, path):
    (edge.media / "documents").mkdir(exist_ok=True)
    (edge.media / "documents" / "report.pdf").write_bytes(b"%PDF-1.4 private")
    (edge.media / "elsewhere.txt").write_text("not an image")

    status, body, _headers = edge_process.fetch_raw(edge.url + path)

    assert status in {403, 404}
    assert b"private" not in body and b"not an image" not in body


# Compression


def test_one_gzipped_copy_serves_readers_in_the_encoding_they_take(edge, article):
    status, zipped, headers = edge_process.fetch_raw(edge.url + article.url, Accept_Encoding="gzip, br")
    assert (status, headers["X-Edge-Cache"], headers["Content-Encoding"]) == (200, "miss", "gzip")
    page = gzip.decompress(zipped)
    assert article.title in page.decode()
    assert "Accept-Encoding" in headers["Vary"]
    etag = headers["ETag"]
    assert etag.startswith('W/"')

    status, plain, plain_headers = edge_process.fetch_raw(edge.url + article.url)
    assert (status, plain_headers["X-Edge-Cache"], plain) == (200, "hit", page)
    assert "Content-Encoding" not in plain_headers
    assert plain_headers["ETag"] == etag
    assert "Accept-Encoding" in plain_headers["Vary"]
    status, again, _headers = edge_process.fetch_raw(edge.url + article.url, Accept_Encoding="gzip")
    assert (status, again) == (200, zipped)
    assert edge.origin_requests[article.url] == 1  # one copy, stored once

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
