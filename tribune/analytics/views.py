"""The view beacon: a POST from the page's script, or the image a page without JavaScript loads. Both answer
without a body (the image: a transparent pixel) and tell no cache to keep the answer."""

import base64
import json
import logging

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from tribune.accounts.security_log import client_ip

from .services import page_view_record
from .tokens import BadToken

logger = logging.getLogger(__name__)
MAX_BODY_BYTES = 2048
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
BAD_BEACON = "Not a beacon from one of this site's pages."
TOO_LARGE = "A beacon is at most 2 KB."


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _record(request, *, token: str, referrer: str) -> str:
    return page_view_record(
        token=token,
        referrer=referrer,
        headers=request.headers,
        address=client_ip(request) or request.META.get("REMOTE_ADDR", ""),
        host=request.get_host(),
    )


@csrf_exempt  # sent by navigator.sendBeacon, which carries no token; a forged view is refused by its signature
@require_POST
def view_beacon(request):
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = MAX_BODY_BYTES + 1
    if declared > MAX_BODY_BYTES:
        return _no_store(HttpResponse(TOO_LARGE, status=413, content_type="text/plain"))
    body = request.read(MAX_BODY_BYTES + 1)
    if len(body) > MAX_BODY_BYTES:
        return _no_store(HttpResponse(TOO_LARGE, status=413, content_type="text/plain"))
    try:
        sent = json.loads(body)
        outcome = _record(request, token=str(sent["t"]), referrer=str(sent.get("r", "")))
    except (ValueError, TypeError, KeyError, AttributeError, BadToken):
        return _no_store(HttpResponse(BAD_BEACON, status=400, content_type="text/plain"))
    logger.debug("beacon: %s", outcome)
    return _no_store(HttpResponse(status=204))


@require_GET
def view_pixel(request):
    """The fallback for readers without JavaScript (``<noscript>``): the same address for every reader of a page."""
    try:
        _record(request, token=request.GET.get("t", ""), referrer="")
    except BadToken:
        return _no_store(HttpResponse(BAD_BEACON, status=400, content_type="text/plain"))
    return _no_store(HttpResponse(PIXEL, content_type="image/gif"))
