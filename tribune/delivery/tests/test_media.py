"""Uploaded images in production with Varnish (README, Production): nginx in front (deploy/nginx/tribune-front.conf)
serves them from MEDIA_ROOT and passes pages to Varnish (deploy/varnish/tribune.vcl), which fetches them from the
origin. (With the nginx edge, test_edge_nginx.py checks the same.) Django itself serves no media without DEBUG.

Needs Debian's nginx-light, its purge module (the standalone configuration loads it) and varnish; without them these
tests skip with that reason locally and fail in CI, which sets TRIBUNE_REQUIRE_EDGE=1.
"""

import gzip
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from django.conf import settings as django_settings
from django.core.signals import request_started

from tests.browser.conftest import _migration_rows_put_back  # noqa: F401 - live-server tests flush the database
from tests.factories import make_article, make_image

from . import edge_process

DEPLOY = Path(django_settings.BASE_DIR) / "deploy"
FRONT_CONF = DEPLOY / "nginx" / "tribune-front.conf"
STANDALONE_CONF = DEPLOY / "nginx" / "standalone.conf"
VCL = DEPLOY / "varnish" / "tribune.vcl"
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
pytestmark = pytest.mark.usefixtures("page_cache_on")


@dataclass
class Front:
    url: str
    media: Path
    origin_requests: Counter = field(default_factory=Counter)


def write_front_config(workdir: Path, *, port: int, varnish_port: int, media: Path) -> Path:
    """The shipped front with this run's ports and media folder, without TLS; returns the main file for ``nginx -c``."""
    conf = FRONT_CONF.read_text()
    for shipped, local in [
        ("server 127.0.0.1:6081;", f"server 127.0.0.1:{varnish_port};"),
        ("listen 443 ssl;", f"listen 127.0.0.1:{port};"),
        ("    ssl_certificate /etc/ssl/certs/news.example.org.pem;\n", ""),
        ("    ssl_certificate_key /etc/ssl/private/news.example.org.key;\n", ""),
        (edge_process.MEDIA_FOLDER, f"{media}/"),
    ]:
        assert shipped in conf, f"{FRONT_CONF.name} no longer contains {shipped!r}"
        conf = conf.replace(shipped, local)
    (workdir / "tribune-edge.conf").write_text(conf)  # the file standalone.conf includes
    (workdir / "nginx-tmp").mkdir(exist_ok=True)
    main = workdir / "nginx.conf"
    main.write_text(STANDALONE_CONF.read_text().replace("@WORK@", str(workdir)))
    return main


@pytest.fixture
def front(live_server, settings, django_db_serialized_rollback):
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
    edge_process.probe_without_database(settings)
    workdir = Path(tempfile.mkdtemp(prefix="tribune-front-"))
    workdir.chmod(0o755)  # nginx's and varnishd's workers run unprivileged
    media = edge_process.media_root(settings)
    varnish_port, port = edge_process.free_port(), edge_process.free_port()
    vcl = workdir / "tribune.vcl"
    origin = edge_process.vcl_backend(live_server.url.removeprefix("http://"))
    vcl.write_text(VCL.read_text().replace(edge_process.VCL_ORIGIN, origin))
    varnish = edge_process.start(
        [
            varnishd,
            "-F",
            "-a",
            f"127.0.0.1:{varnish_port}",
            "-f",
            str(vcl),
            "-s",
            "malloc,32m",
            "-n",
            str(workdir / "n"),
        ],
        port=varnish_port,
        name="varnishd",
    )
    main = write_front_config(workdir, port=port, varnish_port=varnish_port, media=media)
    log = workdir / "nginx-error.log"
    try:
        nginx_process = edge_process.start(
            [nginx, "-c", str(main), "-p", str(workdir), "-e", str(log)], port=port, name="nginx", log=log
        )
    except BaseException:
        edge_process.stop(varnish)
        raise
    edge_process.purge_through(settings, f"http://127.0.0.1:{varnish_port}")
    front = Front(f"http://127.0.0.1:{port}", media)

    def count(sender, environ, **kwargs):
        front.origin_requests[environ.get("PATH_INFO")] += 1

    request_started.connect(count, weak=False)
    try:
        yield front
    finally:
        request_started.disconnect(count)
        edge_process.stop(nginx_process)
        edge_process.stop(varnish)
        shutil.rmtree(workdir, ignore_errors=True)
        shutil.rmtree(media, ignore_errors=True)


def test_the_front_serves_uploaded_images_and_their_renditions_for_long(front, section):
    image = make_image()
    piece = make_article(section, lead_image=image)

    edge_process.assert_serves_media(front.url, piece.url, image, front.media)

    assert [path for path in front.origin_requests if path.startswith("/media/")] == []


@pytest.mark.parametrize("path", ["/media/documents/report.pdf", "/media/elsewhere.txt"])
def test_documents_and_anything_else_under_media_are_not_served_from_the_folder(front, path):
    (front.media / "documents").mkdir(exist_ok=True)
    (front.media / "documents" / "report.pdf").write_bytes(b"%PDF-1.4 private")
    (front.media / "elsewhere.txt").write_text("not an image")

    status, body, _headers = edge_process.fetch_raw(front.url + path)

    assert status == 404
    assert b"private" not in body and b"not an image" not in body


def test_pages_pass_through_the_front_from_varnish_gzipped(front, article):
    edge_process.fetch_raw(front.url + article.url, Accept_Encoding="gzip")
    status, body, headers = edge_process.fetch_raw(front.url + article.url, Accept_Encoding="gzip")

    assert (status, headers["X-Edge-Cache"], headers["Content-Encoding"]) == (200, "hit", "gzip")
    assert article.title in gzip.decompress(body).decode()
    assert front.origin_requests[article.url] == 1


def test_django_serves_no_media_without_debug(client, settings, section):
    """Why production needs the front: the origin answers 404 for every uploaded file."""
    edge_process.media_root(settings)
    image = make_image()

    assert client.get(image.file.url).status_code == 404
