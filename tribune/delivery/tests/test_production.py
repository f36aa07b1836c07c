"""The README's Production path, end to end: production settings, `collectstatic`, Granian started by deploy/serve,
and the shipped nginx edge in front (deploy/nginx/tribune-edge.conf), reading MEDIA_ROOT. An uploaded image, the
renditions a page shows and the hashed static files all reach a reader, with long-lived caching, and pages come
gzipped.

Slow (migrations, collectstatic, two servers: about a minute), so one module-scoped outlet serves every test. Needs
Debian's nginx-light and its purge module; without them these tests skip with that reason locally and fail in CI,
which sets TRIBUNE_REQUIRE_EDGE=1. Runs on its own SQLite file, outside the test database.
"""

import gzip
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from django.conf import settings as django_settings

from . import edge_process
from .test_edge_nginx import PURGE_MODULE, write_edge_config

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
    origin: str
    media: Path
    article_url: str
    original_url: str


@pytest.fixture(scope="module")
def outlet():
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    edge_process.require_installed(
        [
            name
            for name, found in [("nginx-light", nginx), ("libnginx-mod-http-cache-purge", PURGE_MODULE.exists())]
            if not found
        ]
    )
    work = Path(tempfile.mkdtemp(prefix="tribune-production-"))
    work.chmod(0o755)  # nginx's workers run unprivileged and read the media folder in here
    media = work / "media"
    origin_port, edge_port = edge_process.free_port(), edge_process.free_port()
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
        "WEB_PORT": str(origin_port),
        "WEB_WORKERS": "1",
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

    origin = edge_process.start([str(REPO / "deploy" / "serve")], port=origin_port, name="deploy/serve", env=env)
    nginx_process = None
    try:
        main = write_edge_config(work, port=edge_port, origin=f"127.0.0.1:{origin_port}", media=media)
        log = work / "nginx-error.log"
        nginx_process = edge_process.start(
            [nginx, "-c", str(main), "-p", str(work), "-e", str(log)], port=edge_port, name="nginx", log=log
        )
        yield Outlet(
            f"http://127.0.0.1:{edge_port}", f"http://127.0.0.1:{origin_port}", media, article_url, original_url
        )
    finally:
        if nginx_process is not None:
            edge_process.stop(nginx_process)
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
