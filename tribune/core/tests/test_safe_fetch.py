"""The SSRF guard (core.safe_fetch): real servers on loopback, reachable without the guard, refused with it."""

import ast
import ipaddress
import json
import urllib.request
from pathlib import Path

import pytest

from tests.local_http import LocalServer, slow_body
from tribune.core import safe_fetch
from tribune.core.safe_fetch import FetchRefused

LOOPBACK_ONLY = ipaddress.ip_address("127.0.0.1")


def allow_only_first_loopback(address):
    """A test's rule: its own server on 127.0.0.1 counts as allowed; every other address is judged as in production.
    127.0.0.2 is loopback too and still refused, so a redirect to it shows the redirect target is checked."""
    return address == LOOPBACK_ONLY or safe_fetch.is_public_address(address)


OK = (200, {"Content-Type": "application/json"}, b'{"type": "video", "html": "<iframe></iframe>"}')


@pytest.fixture
def server():
    with LocalServer("127.0.0.1", {"/": OK}) as running:
        yield running


@pytest.fixture
def second_server():
    with LocalServer("127.0.0.2", {"/": OK}) as running:
        yield running


def direct_get(url):
    """Without the guard: Python's own client reaches the server, so the guard is what refuses."""
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - a loopback server of this test
        return response.status, response.read()


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0",  # noqa: S104 - an address to refuse, not one to bind
        "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1", "198.18.0.1", "192.0.2.1",
        "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "fec0::1", "2001:db8::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "2002:7f00:1::1", "2002:a00:1::1",
        "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",
    ],
)  # fmt: skip
def test_loopback_private_link_local_multicast_and_reserved_addresses_are_not_public(address):
    assert not safe_fetch.is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001::200e"])
def test_public_unicast_addresses_are(address):
    assert safe_fetch.is_public_address(ipaddress.ip_address(address))


def test_a_local_server_that_answers_directly_is_refused_by_the_guard(server):
    assert direct_get(server.url())[0] == 200

    with pytest.raises(FetchRefused, match="private or reserved network"):
        safe_fetch.fetch(server.url())

    assert len(server.requests) == 1  # the direct request only


@pytest.fixture
def ipv6_server():
    try:
        running = LocalServer("::1", {"/": OK})
    except OSError as error:  # no IPv6 on this machine's loopback
        pytest.skip(f"IPv6 loopback unavailable: {error}")
    with running:
        yield running


def test_an_ipv6_loopback_server_that_answers_directly_is_refused(ipv6_server):
    assert direct_get(ipv6_server.url())[0] == 200

    with pytest.raises(FetchRefused, match="::1"):
        safe_fetch.fetch(ipv6_server.url())

    # Allowed by a test's rule, the guard reaches it over IPv6 and names the host as the address
    response = safe_fetch.fetch(ipv6_server.url(), allow_address=lambda address: address == ipaddress.ip_address("::1"))
    assert response.status == 200
    assert [host for _path, host in ipv6_server.requests] == [f"[::1]:{ipv6_server.port}"] * 2


def test_a_host_name_that_resolves_to_loopback_is_refused(server):
    url = f"http://localhost:{server.port}/"
    assert direct_get(url)[0] == 200

    with pytest.raises(FetchRefused, match="localhost"):
        safe_fetch.fetch(url)

    assert len(server.requests) == 1


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[0:0:0:0:0:0:0:1]:8080/", "http://2130706433/",
        "http://0x7f.0.0.1/", "http://127.1/", "http://0/", "http://169.254.169.254/latest/meta-data/",
        "https://10.1.2.3/", "http://[fe80::1%25eth0]/", "http://localhost./",
    ],
)  # fmt: skip
def test_every_spelling_of_a_non_public_address_is_refused_before_connecting(url):
    with pytest.raises(FetchRefused):
        safe_fetch.fetch(url, timeout=2)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "gopher://example.org/", "ftp://example.org/", "//example.org/"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(FetchRefused, match="http"):
        safe_fetch.fetch(url)


def test_an_address_with_credentials_is_refused():
    with pytest.raises(FetchRefused, match="user name"):
        safe_fetch.fetch("http://user:secret@93.184.216.34/")


def test_a_name_with_one_public_and_one_private_address_is_refused():
    # DNS may answer several addresses; the connection could pick any, so all must be public.
    def resolver(host, port):
        return [ipaddress.ip_address("93.184.216.34"), ipaddress.ip_address("10.0.0.7")]

    with pytest.raises(FetchRefused, match="10.0.0.7"):
        safe_fetch.fetch("https://provider.example/oembed", resolver=resolver)


def test_the_guard_connects_to_the_address_it_checked_and_sends_the_name(server):
    # The name is resolved once, by the guard; a later DNS answer (rebinding) is never asked for.
    asked = []

    def resolver(host, port):
        asked.append(host)
        return [LOOPBACK_ONLY]

    response = safe_fetch.fetch(
        f"http://provider.invalid:{server.port}/",
        resolver=resolver,
        allow_address=allow_only_first_loopback,
    )

    assert response.status == 200
    assert asked == ["provider.invalid"]
    assert server.requests == [("/", f"provider.invalid:{server.port}")]


def test_an_allowed_server_is_fetched_with_its_query(server):
    query = {"url": "https://video.example/1", "format": "json"}

    response = safe_fetch.fetch(server.url(), params=query, allow_address=allow_only_first_loopback)

    assert response.json()["type"] == "video"
    assert server.requests[0][0] == "/?url=https%3A%2F%2Fvideo.example%2F1&format=json"


def test_a_redirect_from_an_allowed_server_to_another_loopback_address_is_refused(server, second_server):
    server.routes["/go"] = (302, {"Location": second_server.url("/")}, b"")
    assert direct_get(server.url("/go"))[0] == 200  # Python's client follows it to the second server
    assert len(second_server.requests) == 1

    with pytest.raises(FetchRefused, match="127.0.0.2"):
        safe_fetch.fetch(server.url("/go"), allow_address=allow_only_first_loopback)

    assert len(second_server.requests) == 1  # the guard never connected to it


@pytest.mark.parametrize(
    "location",
    ["http://10.20.30.40/admin", "http://[::1]:8080/", "http://169.254.169.254/latest/", "file:///etc/hosts"],
)
def test_a_redirect_to_a_private_address_is_refused(server, location):
    server.routes["/go"] = (301, {"Location": location}, b"")

    with pytest.raises(FetchRefused):
        safe_fetch.fetch(server.url("/go"), allow_address=allow_only_first_loopback, timeout=2)


def test_a_redirect_to_an_allowed_address_is_followed(server):
    server.routes["/old"] = (308, {"Location": "/"}, b"")

    response = safe_fetch.fetch(server.url("/old"), allow_address=allow_only_first_loopback)

    assert response.status == 200
    assert [path for path, _host in server.requests] == ["/old", "/"]


def test_redirects_are_bounded(server):
    server.routes["/loop"] = (302, {"Location": "/loop"}, b"")

    with pytest.raises(FetchRefused, match="too many"):
        safe_fetch.fetch(server.url("/loop"), allow_address=allow_only_first_loopback, max_redirects=3)

    assert len(server.requests) == 4


def test_an_answer_larger_than_the_limit_is_refused(server):
    server.routes["/big"] = (200, {}, b"x" * 5000)

    with pytest.raises(FetchRefused, match="too large"):
        safe_fetch.fetch(server.url("/big"), allow_address=allow_only_first_loopback, max_bytes=4096)


def test_an_answer_without_a_length_is_counted_as_it_arrives(server):
    body = b"x" * 5000
    chunked = hex(len(body))[2:].encode() + b"\r\n" + body + b"\r\n0\r\n\r\n"
    server.routes["/chunked"] = (200, {"Transfer-Encoding": "chunked"}, chunked)

    with pytest.raises(FetchRefused, match="too large"):
        safe_fetch.fetch(server.url("/chunked"), allow_address=allow_only_first_loopback, max_bytes=4096)


def test_a_server_that_does_not_answer_in_time_is_given_up(server):
    server.routes["/slow"] = (200, {"Content-Length": "2"}, slow_body(3))

    with pytest.raises(FetchRefused, match="too long"):
        safe_fetch.fetch(server.url("/slow"), allow_address=allow_only_first_loopback, timeout=0.5)


def test_a_proxy_in_the_environment_is_not_used(server, monkeypatch):
    # A proxy would connect to a name the guard never checked.
    monkeypatch.setenv("HTTP_PROXY", "http://10.9.9.9:3128")
    monkeypatch.setenv("http_proxy", "http://10.9.9.9:3128")

    response = safe_fetch.fetch(server.url(), allow_address=allow_only_first_loopback, timeout=2)

    assert json.loads(response.content)["type"] == "video"


FETCHING_MODULES = ("requests", "urllib.request", "urllib3", "httpx", "http.client", "aiohttp", "pycurl")


def test_no_module_but_the_guard_fetches_urls_itself():
    """A new server-side fetch must go through core.safe_fetch; importing an HTTP client elsewhere fails here."""
    root = Path(safe_fetch.__file__).resolve().parents[1]
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or path.name == "safe_fetch.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(root)}: {name}"
                for name in names
                if any(name == module or name.startswith(module + ".") for module in FETCHING_MODULES)
            ]

    assert offenders == []
