"""The beacon's fast path, in front of Django (``tribune.wsgi``): a POST to the beacon's address is answered here,
without building a full request or running the middleware, by the same code the view uses (``services.
beacon_receive``, the view's size limit, address and host rules) and one Redis call. Every page view sends one, so
the beacon must cost a fraction of a page: through Django's handler and its twenty middleware it did not.

What the middleware would have added and the beacon does not need: sessions, CSRF (the view is exempt), the site
lookup, security headers for HTML (the answers have no body but a short plain-text error), and the HTTPS redirect
(the edge terminates TLS). Read-only maintenance protects the database, which a beacon does not touch, so beacons go
on being counted in Redis (here and in the view, which ``core.maintenance`` allows) and the flush writes them once
maintenance ends. Anything else (GET, another path) goes on to Django."""

import logging
from collections.abc import Mapping
from http import HTTPStatus

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.urls import reverse

from .services import beacon_receive
from .tokens import BadBeacon
from .views import BAD_BEACON, TOO_LARGE, beacon_address, declared_too_large

logger = logging.getLogger(__name__)


class EnvironHeaders(Mapping):
    """A request's headers read from the WSGI environ when asked for, case-insensitively, as ``request.headers``
    answers them; Django's own map converts every header up front, which costs more than the beacon's counting."""

    UNPREFIXED = ("CONTENT_TYPE", "CONTENT_LENGTH")

    def __init__(self, environ):
        self.environ = environ

    def _key(self, name: str) -> str:
        key = name.upper().replace("-", "_")
        return key if key in self.UNPREFIXED else f"HTTP_{key}"

    def __getitem__(self, name: str) -> str:
        return self.environ[self._key(name)]

    def __contains__(self, name) -> bool:
        return isinstance(name, str) and self._key(name) in self.environ

    def __iter__(self):
        for key in self.environ:
            if key.startswith("HTTP_") or key in self.UNPREFIXED:
                yield key.removeprefix("HTTP_").replace("_", "-").title()

    def __len__(self) -> int:
        return sum(1 for _ in self)


class BeaconRequest(HttpRequest):
    """A bare request over the server's environ: what the view's rules read (headers, trusted address, host) and no
    more (no query dictionaries, files or cookies parsed)."""

    def __init__(self, environ):  # not HttpRequest.__init__: it builds what a beacon never reads
        self.META = environ
        self.method = "POST"
        self.path = self.path_info = environ.get("PATH_INFO", "/")

    @property
    def headers(self) -> EnvironHeaders:
        return EnvironHeaders(self.META)


def _status(code: HTTPStatus) -> str:
    return f"{code.value} {code.phrase}"


NO_STORE = ("Cache-Control", "no-store")


class BeaconApplication:
    def __init__(self, application):
        self.application = application
        self.path = reverse("analytics_view")

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO") != self.path:
            return self.application(environ, start_response)
        try:
            return self._answer(environ, start_response)
        except Exception:  # a bug here must not take the worker down: logged as Django would, answered 500
            logger.exception("Beacon fast path failed")
            return _text(start_response, HTTPStatus.INTERNAL_SERVER_ERROR, "Server error")

    def _answer(self, environ, start_response):
        if declared_too_large(environ):
            return _text(start_response, HTTPStatus.REQUEST_ENTITY_TOO_LARGE, TOO_LARGE)
        length = int(environ.get("CONTENT_LENGTH") or 0)  # absent: no body, as Django reads it
        body = environ["wsgi.input"].read(length) if length > 0 else b""
        request = BeaconRequest(environ)
        try:
            host = request.get_host()
        except DisallowedHost:
            return _text(start_response, HTTPStatus.BAD_REQUEST, BAD_BEACON)
        try:
            outcome = beacon_receive(body=body, headers=request.headers, address=beacon_address(request), host=host)
        except BadBeacon:
            return _text(start_response, HTTPStatus.BAD_REQUEST, BAD_BEACON)
        logger.debug("beacon: %s", outcome)
        start_response(_status(HTTPStatus.NO_CONTENT), [NO_STORE])
        return [b""]


def _text(start_response, code: HTTPStatus, text: str):
    body = text.encode()
    start_response(
        _status(code),
        [
            NO_STORE,
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("X-Content-Type-Options", "nosniff"),
        ],
    )
    return [body]
