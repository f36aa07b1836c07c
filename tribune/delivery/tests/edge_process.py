"""Starting a shipped edge cache (Varnish or nginx) in front of the test's live server, shared by the edge tests."""

import gzip
import http.client
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require_installed(missing: list[str]) -> None:
    """Skip when Debian packages are missing, or fail where they must be there (CI sets TRIBUNE_REQUIRE_EDGE=1)."""
    if missing:
        message = f"not installed: {' '.join(missing)} (apt-get install {' '.join(missing)})"
        if os.environ.get("TRIBUNE_REQUIRE_EDGE") == "1":
            pytest.fail(message)
        pytest.skip(message)


def _connect(address: int | Path) -> None:
    if isinstance(address, Path):
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(0.2)
            sock.connect(str(address))
    else:
        socket.create_connection(("127.0.0.1", address), timeout=0.2).close()


def start(
    command: list[str], *, port: int | Path, name: str, log: Path | None = None, env: dict | None = None
) -> subprocess.Popen:
    """Run ``command`` and wait until it listens on ``port`` (or on that Unix socket); fail with its output if it
    dies or never does."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)  # noqa: S603
    deadline = time.monotonic() + 20
    while True:
        try:
            _connect(port)
            return process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                output = process.communicate()[0].decode(errors="replace")
                if log is not None and log.exists():
                    output += log.read_text()
                pytest.fail(f"{name} did not start: " + output[-2000:])
            time.sleep(0.1)


def purge_through(settings, url: str) -> None:
    """Tribune purges this edge on every change, as TRIBUNE_EDGE_CACHE_URL would configure it."""
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": url}
    }
    settings.SITE_URL = url


def probe_without_database(settings) -> None:
    """Answer the edge's health probe (/readyz) without the database, unless the test routes it itself.

    On SQLite, pytest-django's live server shares the test's in-memory connection with its own thread, and /readyz
    opens a transaction on it: a probe that arrives while the test is inside one (a fixture creating pages)
    interleaves the two threads' atomic blocks and leaves the connection believing it is still in one, so no
    on-commit purge runs again in that test process. The probe's own answers are tested in core/tests/test_health.py."""
    if settings.ROOT_URLCONF == "tribune.urls":
        settings.ROOT_URLCONF = "tribune.delivery.tests.urls_ready_without_database"


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


def fetch(url: str, **headers) -> tuple[str, str]:
    state, body, _headers = fetch_full(url, **headers)
    return state, body


def fetch_full(url: str, **headers) -> tuple[str, str, http.client.HTTPMessage]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - the test's own loopback edge
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.headers.get("X-Edge-Cache", ""), response.read().decode(), response.headers
    except urllib.error.HTTPError as error:  # a 404 is an answer too
        return error.headers.get("X-Edge-Cache", ""), error.read().decode(), error.headers


def unix_url(socket_path: Path) -> str:
    """The base URL ``fetch_raw`` reaches a server on a Unix socket by (as requests-unixsocket spells it)."""
    return "http+unix://" + urllib.parse.quote(str(socket_path), safe="")


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, socket_path: str, timeout: float):
        super().__init__("127.0.0.1", timeout=timeout)  # the Host header a local client sends
        self.socket_path = socket_path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


def request_raw(
    method: str, url: str, *, body: bytes | None = None, timeout: float = 10, **headers
) -> tuple[int, bytes, http.client.HTTPMessage]:
    """Status, body as sent (still compressed, empty for a 304) and headers, whatever the status; redirects are not
    followed. ``url`` may be on a Unix socket (``unix_url``). Header names are given with _ for -."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme == "http+unix":
        connection = UnixHTTPConnection(urllib.parse.unquote(parts.netloc), timeout)
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        names = {name.replace("_", "-"): value for name, value in headers.items()}
        connection.request(method, target, body=body, headers=names)
        response = connection.getresponse()
        return response.status, response.read(), response.headers
    finally:
        connection.close()


def fetch_raw(url: str, **headers) -> tuple[int, bytes, http.client.HTTPMessage]:
    return request_raw("GET", url, **headers)


MEDIA_FOLDER = "/srv/tribune/var/media/"  # the shipped nginx configurations' MEDIA_ROOT
# The origin as the shipped edge configurations reach it: deploy/serve on its Unix socket (WEB_SOCKET).
SHIPPED_SOCKET = "/run/tribune/web.sock"
NGINX_ORIGIN = f"unix:{SHIPPED_SOCKET}"
VCL_ORIGIN = f'.path = "{SHIPPED_SOCKET}";'


def vcl_backend(origin: str) -> str:
    """The backend lines of tribune.vcl for ``origin``: "127.0.0.1:PORT" or "unix:/path/to/socket"."""
    if origin.startswith("unix:"):
        return f'.path = "{origin.removeprefix("unix:")}";'
    host, _, port = origin.rpartition(":")
    return f'.host = "{host}";\n    .port = "{port}";'


MONTH = 30 * 24 * 3600


def media_root(settings) -> Path:
    """A MEDIA_ROOT of the test's own that nginx's unprivileged workers may read."""
    root = Path(tempfile.mkdtemp(prefix="tribune-media-"))
    root.chmod(0o755)
    settings.MEDIA_ROOT = str(root)
    return root


def max_age(headers) -> int:
    directives = {
        part.strip().partition("=")[0]: part.strip().partition("=")[2]
        for part in headers.get("Cache-Control", "").split(",")
    }
    return int(directives.get("max-age") or 0)


def image_urls(html: str) -> set[str]:
    """Every image address a page shows (src and each srcset candidate), rendition or not."""
    soup = BeautifulSoup(html, "html.parser")
    urls = {tag["src"] for tag in soup.select("img[src]")}
    for tag in soup.select("img[srcset], source[srcset]"):
        urls |= {candidate.split()[0] for candidate in tag["srcset"].split(",") if candidate.strip()}
    return {urllib.parse.urlsplit(url).path for url in urls}


def assert_serves_media(base: str, page_url: str, image, root: Path, **request_headers) -> None:
    """``base`` serves the image's renditions shown on ``page_url`` and its original from ``root``, for long."""
    status, body, headers = fetch_raw(base + page_url, **request_headers)
    assert status == 200, status
    html = (gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body).decode()
    renditions = {url for url in image_urls(html) if url.startswith("/media/images/")}
    assert renditions, image_urls(html)

    for url in [*sorted(renditions), image.file.url]:
        status, content, headers = fetch_raw(base + url, **request_headers)
        assert status == 200, (url, status)
        assert headers["Content-Type"].startswith("image/"), (url, headers["Content-Type"])
        assert content == (root / url.removeprefix("/media/")).read_bytes(), url
        assert max_age(headers) >= MONTH, (url, headers["Cache-Control"])
        assert "public" in headers["Cache-Control"]
        if url in renditions:
            assert "immutable" in headers["Cache-Control"], (url, headers["Cache-Control"])
        assert headers["X-Content-Type-Options"] == "nosniff"
