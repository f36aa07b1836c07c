"""The README's Production path, end to end: production settings, `collectstatic`, Granian started by deploy/serve on
its Unix socket (WEB_SOCKET), and both shipped edges in front of it (deploy/nginx/tribune-edge.conf, reading
MEDIA_ROOT, and deploy/varnish/tribune.vcl). An uploaded image, the renditions a page shows and the hashed static
files all reach a reader, with long-lived caching, and pages come gzipped; readers sign in through the edge; and
with every web worker killed at once, readers through either edge are still answered.

Slow (migrations, collectstatic, three servers: about a minute), so one module-scoped outlet serves every test.
Needs Debian's nginx-light, its purge module and Varnish; without them these tests skip with that reason locally and
fail in CI, which sets TRIBUNE_REQUIRE_EDGE=1. Runs on its own SQLite file, outside the test database.
"""

import gzip
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from django.conf import settings as django_settings

from . import edge_process
from .test_edge_cache import VCL
from .test_edge_nginx import PURGE_MODULE, write_edge_config

pytestmark = pytest.mark.same_on_every_database  # see pyproject.toml: CI's PostgreSQL pass leaves it out

REPO = Path(django_settings.BASE_DIR)
# Made by the origin's own Python, with the services editors' actions go through.
CREATE_CONTENT = """
from tests.factories import make_article, make_contributor, make_image
from tribune.newsroom.services import home_page_ensure, section_ensure
home = home_page_ensure(title="Tribune", tagline="Production test")
section = section_ensure(home=home, slug="analysis", title="Analysis", tagline="Beyond the headline")
image = make_image()
article = make_article(section, lead_image=image, contributors=[make_contributor()])
print(article.url, image.file.url, sep="\\n")
"""


@dataclass
class Outlet:
    edge: str
    varnish: str
    origin: str
    process: subprocess.Popen
    media: Path
    article_url: str
    original_url: str


def installed_edges() -> tuple[str, str]:
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    varnishd = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin")
    edge_process.require_installed(
        [
            name
            for name, found in [
                ("nginx-light", nginx),
                ("libnginx-mod-http-cache-purge", PURGE_MODULE.exists()),
                ("varnish", varnishd),
            ]
            if not found
        ]
    )
    return nginx, varnishd


def start_edges(
    processes: list, work: Path, origin: str, media: Path, nginx: str, varnishd: str, nginx_port: int
) -> tuple[str, str]:
    """Both shipped edges in front of ``origin`` ("unix:/path" or "127.0.0.1:PORT"), their processes added to
    ``processes`` (to stop); returns their URLs."""
    varnish_port = edge_process.free_port()
    main = write_edge_config(work, port=nginx_port, origin=origin, media=media)
    log = work / "nginx-error.log"
    command = [nginx, "-c", str(main), "-p", str(work), "-e", str(log)]
    processes.append(edge_process.start(command, port=nginx_port, name="nginx", log=log))
    vcl = work / "tribune.vcl"
    vcl.write_text(VCL.read_text().replace(edge_process.VCL_ORIGIN, edge_process.vcl_backend(origin)))
    command = [varnishd, "-F", "-a", f"127.0.0.1:{varnish_port}", "-f", str(vcl), "-s", "malloc,32m"]
    processes.append(edge_process.start([*command, "-n", str(work / "varnish")], port=varnish_port, name="varnishd"))
    return f"http://127.0.0.1:{nginx_port}", f"http://127.0.0.1:{varnish_port}"


@pytest.fixture(scope="module")
def outlet():
    nginx, varnishd = installed_edges()
    work = Path(tempfile.mkdtemp(prefix="tribune-production-"))
    work.chmod(0o755)  # nginx's and Varnish's workers run unprivileged and read the media folder and VCL in here
    media = work / "media"
    origin_socket = work / "web.sock"
    edge_port = edge_process.free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(work),
        "VENV": str(Path(sys.executable).parent.parent),
        "DJANGO_SETTINGS_MODULE": "tribune.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "MEDIA_ROOT": str(media),
        "STATIC_ROOT": str(work / "static"),
        "TRIBUNE_PAGE_CACHE_DIR": str(work / "pages"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://127.0.0.1:{edge_port}",
        "WEB_SOCKET": str(origin_socket),
        "WEB_WORKERS": "2",
        "LOG_LEVEL": "WARNING",
    }

    def manage(*args: str) -> str:
        done = subprocess.run(  # noqa: S603 - this repository's manage.py
            [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, f"manage.py {args[0]} failed: {done.stderr[-3000:]}"
        return done.stdout

    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    article_url, original_url = manage("shell", "-c", CREATE_CONTENT).split()[-2:]  # after anything it logged
    media.chmod(0o755)

    origin = edge_process.start([str(REPO / "deploy" / "serve")], port=origin_socket, name="deploy/serve", env=env)
    edges = []
    try:
        nginx_url, varnish_url = start_edges(
            edges, work, f"unix:{origin_socket}", media, nginx, varnishd, nginx_port=edge_port
        )
        yield Outlet(
            nginx_url, varnish_url, edge_process.unix_url(origin_socket), origin, media, article_url, original_url
        )
    finally:
        for process in edges:
            edge_process.stop(process)
        edge_process.stop(origin)
        shutil.rmtree(work, ignore_errors=True)


# As the TLS terminator in front of the edge says (production redirects plain http to https).
HTTPS = {"X_Forwarded_Proto": "https"}


def test_the_image_its_renditions_and_the_original_reach_readers_with_long_lived_caching(outlet):
    class Image:  # what assert_serves_media needs of the image: its original's address
        class file:  # noqa: N801
            url = outlet.original_url

    edge_process.assert_serves_media(outlet.edge, outlet.article_url, Image, outlet.media, **HTTPS)


def test_the_origin_alone_serves_no_media(outlet):
    status, _body, _headers = edge_process.fetch_raw(outlet.origin + outlet.original_url, **HTTPS)

    assert status == 404


def test_pages_come_gzipped_with_hashed_static_files_that_are_kept_for_good(outlet):
    status, body, headers = edge_process.fetch_raw(outlet.edge + outlet.article_url, Accept_Encoding="gzip", **HTTPS)
    assert (status, headers["Content-Encoding"]) == (200, "gzip")
    assert "Accept-Encoding" in headers["Vary"]
    html = gzip.decompress(body).decode()

    stylesheet = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert stylesheet.startswith("/static/frontend/css/tribune.") and stylesheet != "/static/frontend/css/tribune.css"
    status, css, headers = edge_process.fetch_raw(outlet.edge + stylesheet, Accept_Encoding="gzip", **HTTPS)
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert b"{" in gzip.decompress(css)
    assert edge_process.max_age(headers) >= 365 * 24 * 3600


def test_the_security_headers_reach_readers_from_the_fast_path_and_the_edge(outlet):
    # The origin's page cache answers the second request from the worker's memory (delivery.wsgi), the edge the third.
    answers = [edge_process.fetch_raw(outlet.origin + outlet.article_url, **HTTPS) for _ in range(2)]
    answers.append(edge_process.fetch_raw(outlet.edge + outlet.article_url, **HTTPS))
    answers.append(edge_process.fetch_raw(outlet.edge + "/no-such-page/", **HTTPS))

    assert answers[1][2]["X-Tribune-Cache"] == "hit"
    for status, _body, headers in answers:
        assert status in (200, 404)
        assert "script-src 'self';" in headers["Content-Security-Policy"] + ";"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert "'nonce-" not in headers["Content-Security-Policy"]
        assert "camera=()" in headers["Permissions-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "max-age=31536000" in headers["Strict-Transport-Security"]


def test_a_reader_signs_in_through_the_edge_although_the_socket_gives_no_client_address(outlet):
    # On a Unix socket Granian passes no REMOTE_ADDR; with no trusted proxies configured allauth then refused every
    # sign-in with a 403 ("Unable to determine client IP address"). A wrong password must get the form back instead.
    status, body, headers = edge_process.fetch_raw(outlet.edge + "/accounts/login/", **HTTPS)
    assert status == 200
    cookie = next(value for value in headers.get_all("Set-Cookie") if "csrftoken=" in value)
    csrf_cookie = cookie.split(";", 1)[0]
    token = body.decode().split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "login": "nobody@example.org", "password": "wrong"})

    status, body, _headers = edge_process.request_raw(
        "POST",
        outlet.edge + "/accounts/login/",
        body=form.encode(),
        Content_Type="application/x-www-form-urlencoded",
        Cookie=csrf_cookie,
        Origin=outlet.edge.replace("http://", "https://"),
        **HTTPS,
    )

    assert status == 200, body[:500]
    assert "not correct" in body.decode()


def granian_workers(main: subprocess.Popen) -> set[int]:
    workers = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == main.pid:
            workers.add(int(stat.parent.name))
    return workers


def test_with_every_web_worker_killed_readers_through_both_edges_are_answered_not_refused(outlet):
    # The socket is Granian's main process's: connections made while every worker is dead wait in its queue until
    # the respawned workers take them. (On TCP, with a socket per worker, they were refused: 502s at the nginx edge.)
    workers = granian_workers(outlet.process)
    assert len(workers) == 2
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    private_page = "/accounts/login/"  # never stored by either edge: every request reaches the origin

    def read(base: str) -> int:
        return edge_process.request_raw("GET", base + private_page, timeout=60, **HTTPS)[0]

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(read, [outlet.edge, outlet.varnish] * 8))

    assert statuses == [200] * 16
    assert granian_workers(outlet.process).isdisjoint(workers)
    assert outlet.process.poll() is None


def test_an_origin_that_answers_nothing_gets_readers_a_503_that_says_when_to_come_back():
    # Both edges in front of a socket nobody listens on (Granian itself restarting): not nginx's bare 502 nor
    # Varnish's "Backend fetch failed", but a page that says what happened, with Retry-After, stored nowhere.
    nginx, varnishd = installed_edges()
    work = Path(tempfile.mkdtemp(prefix="tribune-no-origin-"))
    work.chmod(0o755)  # Varnish's unprivileged worker reads the VCL in here (pytest's tmp_path is private)
    media = work / "media"
    media.mkdir()
    edges = []
    try:
        urls = start_edges(
            edges, work, f"unix:{work / 'nobody.sock'}", media, nginx, varnishd, edge_process.free_port()
        )
        for base in urls:
            for attempt in range(2):
                status, body, headers = edge_process.request_raw("GET", base + "/analysis/", timeout=30, **HTTPS)
                assert status == 503, (base, attempt, status)
                assert headers["Retry-After"] == "5"
                assert headers["Cache-Control"] == "no-store"
                assert "default-src 'none'" in headers["Content-Security-Policy"]
                assert "Back in a moment" in body.decode()
    finally:
        for process in edges:
            edge_process.stop(process)
        shutil.rmtree(work, ignore_errors=True)
