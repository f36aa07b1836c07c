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
from http import HTTPStatus

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.urls import reverse

from .services import beacon_receive
from .tokens import BadBeacon
from .views import BAD_BEACON, TOO_LARGE, beacon_address, declared_too_large

logger = logging.getLogger(__name__)


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
        # A bare request over the server's environ: what the view's rules read (headers, trusted address, host).
        request = HttpRequest()
        request.META = environ
        request.method = "POST"
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
