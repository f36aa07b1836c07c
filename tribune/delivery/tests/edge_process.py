"""Starting a shipped edge cache (Varnish or nginx) in front of the test's live server, shared by the edge tests."""

import http.client
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest


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


def start(command: list[str], *, port: int, name: str, log: Path | None = None) -> subprocess.Popen:
    """Run ``command`` and wait until it listens on ``port``; fail with its output if it dies or never does."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # noqa: S603 - loopback
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
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
