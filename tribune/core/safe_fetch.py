"""The one way Tribune's server fetches an address that someone other than the operator chose (SSRF guard).

An editor's embed makes the server ask an oEmbed provider; a provider's answer may redirect anywhere, and a host name
may resolve, now or after a DNS change, to the machine itself, the private network, a cloud metadata service or a
multicast group. ``fetch`` therefore:

- accepts http and https only, on any port, with no credentials in the address;
- resolves the host itself and refuses the fetch when *any* of its addresses is not a public unicast address
  (loopback, private, shared, link-local, multicast, reserved, unspecified, documentation; IPv4 and IPv6, IPv4 inside
  IPv6 through ::ffff:, 6to4 and NAT64 included);
- connects to the address it checked (never resolving the name a second time, so a DNS answer cannot change between
  the check and the connection), sending the original host name as ``Host`` and as the TLS server name, so the
  certificate is still verified for the name;
- follows at most ``max_redirects`` redirects itself, checking each new address the same way;
- gives up after ``timeout`` seconds in all and refuses an answer longer than ``max_bytes``;
- never uses an HTTP proxy from the environment (a proxy would connect to a name this module did not check).

Every refusal is a ``FetchRefused`` whose message can be shown to an editor as it is.

Tests need a server that is allowed: everything listens on loopback there. Rather than a setting that could be
left on in production, the address rule is a parameter (``allow_address``): a test passes a rule that allows
exactly one loopback address, and checks that a redirect to another loopback address, or a private one, is refused.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

import certifi
import urllib3

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 1024 * 1024
DEFAULT_MAX_REDIRECTS = 3
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024

NAT64 = ipaddress.ip_network("64:ff9b::/96")
# is_global counts these as global in Python 3.11, but they are never a web server on the internet.
NOT_UNICAST = (ipaddress.ip_network("224.0.0.0/4"), ipaddress.ip_network("ff00::/8"))


class FetchRefused(Exception):
    """The address may not or could not be fetched; the message is written for an editor."""


@dataclass
class FetchResponse:
    url: str
    status: int
    headers: dict[str, str]
    content: bytes = field(repr=False)

    def json(self):
        try:
            return json.loads(self.content)
        except ValueError as error:
            raise FetchRefused("The address did not answer with valid JSON.") from error


def is_public_address(address: IPAddress) -> bool:
    """A public unicast address: one a request to the internet may reach, never this machine or its networks."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is None and address in NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and not is_public_address(embedded):
            return False
        if address.is_site_local:
            return False
    if any(address in network for network in NOT_UNICAST):
        return False
    return address.is_global and not (
        address.is_multicast
        or address.is_private
        or address.is_reserved
        or address.is_loopback
        or address.is_link_local
        or address.is_unspecified
    )


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the host name resolves to (a literal address resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchRefused(f"The host {host} could not be found.") from error
    addresses = []
    for _family, _type, _proto, _canonname, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])  # drop an IPv6 zone index
        if address not in addresses:
            addresses.append(address)
    return addresses


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    address: IPAddress

    @property
    def host_header(self) -> str:
        default_port = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == default_port else f"{host}:{self.port}"


def check_url(
    url: str,
    *,
    allow_address: Callable[[IPAddress], bool] = is_public_address,
    resolver: Callable[[str, int], Iterable[IPAddress]] = resolve,
) -> Target:
    """The checked address to connect to for ``url``, or ``FetchRefused`` saying why it may not be fetched."""
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise FetchRefused("This address is not valid.") from error
    if parts.scheme not in ("http", "https"):
        raise FetchRefused("Only http and https addresses can be fetched.")
    if parts.username or parts.password:
        raise FetchRefused("An address with a user name or password cannot be fetched.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise FetchRefused("This address has no host.")
    addresses = list(resolver(host, port))
    if not addresses:
        raise FetchRefused(f"The host {host} could not be found.")
    refused = [address for address in addresses if not allow_address(address)]
    if refused:
        # All of them, not just the first: a name answering one public and one private address would otherwise
        # reach the private one whenever the connection picked it.
        raise FetchRefused(
            f"The host {host} is on a private or reserved network ({refused[0]}); Tribune does not fetch from there."
        )
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return Target(scheme=parts.scheme, host=host, port=port, path=path, address=addresses[0])


def _open(target: Target, headers: dict[str, str], timeout: float) -> urllib3.HTTPConnectionPool:
    common = {
        "host": str(target.address),
        "port": target.port,
        "timeout": urllib3.Timeout(connect=timeout, read=timeout),
        "retries": False,
        "maxsize": 1,
        "headers": {**headers, "Host": target.host_header},
    }
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            **common,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
        )
    return urllib3.HTTPConnectionPool(**common)


def fetch(
    url: str,
    *,
    params: dict | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    allow_address: Callable[[IPAddress], bool] = is_public_address,
    resolver: Callable[[str, int], Iterable[IPAddress]] = resolve,
) -> FetchResponse:
    """GET ``url`` (with ``params`` added to its query) under the rules in this module's docstring."""
    if params:
        url = f"{url}{'&' if urlsplit(url).query else '?'}{urlencode(params)}"
    deadline = time.monotonic() + timeout
    for _hop in range(max_redirects + 1):
        target = check_url(url, allow_address=allow_address, resolver=resolver)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchRefused("The address took too long to answer.")
        pool = _open(target, headers or {}, remaining)
        try:
            response = pool.urlopen("GET", target.path, redirect=False, preload_content=False)
            try:
                if response.status in REDIRECT_STATUSES and response.headers.get("Location"):
                    url = urljoin(url, response.headers["Location"])
                    continue
                content = _read_bounded(response, max_bytes=max_bytes, deadline=deadline)
                return FetchResponse(url=url, status=response.status, headers=dict(response.headers), content=content)
            finally:
                response.release_conn()
        except urllib3.exceptions.TimeoutError as error:
            raise FetchRefused("The address took too long to answer.") from error
        except urllib3.exceptions.HTTPError as error:
            raise FetchRefused(f"The address could not be fetched ({type(error).__name__}).") from error
        finally:
            pool.close()
    raise FetchRefused("The address redirected too many times.")


def _read_bounded(response: urllib3.BaseHTTPResponse, *, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchRefused("The answer is too large.")
    body = bytearray()
    for chunk in response.stream(CHUNK, decode_content=True):
        body += chunk
        if len(body) > max_bytes:  # counted after decompression, so a compressed bomb stops here too
            raise FetchRefused("The answer is too large.")
        if time.monotonic() > deadline:  # a server trickling bytes keeps each read under the socket timeout
            raise FetchRefused("The address took too long to answer.")
    return bytes(body)
