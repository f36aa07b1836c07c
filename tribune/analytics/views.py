"""The view beacon: a POST from the page's script (a view, or later the depth its reader reached), or the image a page
without JavaScript loads. Both answer without a body (the image: a transparent pixel) and tell no cache to keep the
answer."""

import base64
import logging

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from tribune.accounts.security_log import client_ip

from .services import beacon_receive, page_view_record
from .tokens import BadBeacon

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 2048
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
BAD_BEACON = "Not a beacon from one of this site's pages."
TOO_LARGE = "A beacon is at most 2 KB."


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def beacon_address(request) -> str:
    """The address a beacon is counted from (trusted proxies only, as the rate limits see it); never stored."""
    return client_ip(request) or request.META.get("REMOTE_ADDR", "")


def declared_too_large(meta) -> bool:
    try:
        return int(meta.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


@csrf_exempt  # sent by navigator.sendBeacon, which carries no token; a forged view is refused by its signature
@require_POST
def view_beacon(request):
    """A view (``{"t": token, "r": referrer}``) or a read depth (``{"t": token, "d": 50}``). In production the WSGI
    fast path (``analytics.wsgi``) answers this address before Django with the same services; this view is what the
    test client and any server without it reach."""
    if declared_too_large(request.META):
        return _no_store(HttpResponse(TOO_LARGE, status=413, content_type="text/plain"))
    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        return _no_store(HttpResponse(TOO_LARGE, status=413, content_type="text/plain"))
    try:
        outcome = beacon_receive(
            body=body, headers=request.headers, address=beacon_address(request), host=request.get_host()
        )
    except BadBeacon:
        return _no_store(HttpResponse(BAD_BEACON, status=400, content_type="text/plain"))
    logger.debug("beacon: %s", outcome)
    return _no_store(HttpResponse(status=204))


@require_GET
def view_pixel(request):
    """The fallback for readers without JavaScript (``<noscript>``): the same address for every reader of a page."""
    try:
        page_view_record(
            token=request.GET.get("t", ""),
            referrer="",
            headers=request.headers,
            address=beacon_address(request),
            host=request.get_host(),
        )
    except BadBeacon:
        return _no_store(HttpResponse(BAD_BEACON, status=400, content_type="text/plain"))
    return _no_store(HttpResponse(PIXEL, content_type="image/gif"))
