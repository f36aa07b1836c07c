"""The page cache as Django middleware: renders and stores misses (and serves hits when no WSGI fast path
runs in front, as under the test client and runserver). It sits first, so stored headers are final."""

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control

from . import page_cache
from .page_cache import HEADER


def _response(page: page_cache.StoredPage, request: HttpRequest, state: str) -> HttpResponse:
    if page_cache.is_not_modified(request.META, page):
        response = HttpResponseNotModified()
        headers = page_cache.not_modified_headers(page)
    else:
        response = HttpResponse(page.content, status=page.status)
        # Stored headers leave the length out (the WSGI fast path adds it too): without it a page would be sent
        # chunked, and an edge cache would store it so.
        headers = [*page.headers, ("Content-Length", str(len(page.content)))]
    for name, value in headers:
        response.headers[name] = value
    response.headers[HEADER] = state
    return response


class AnonymousPageCacheMiddleware:
    """Serve anonymous readers from the page cache, render each missing page once; personal pages stay private."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        identity = page_cache.page_request(request.META)
        if identity is None:
            response = self.get_response(request)
            if page_cache.is_personal(request.META):
                patch_cache_control(response, private=True, no_cache=True)
            return response

        key = page_cache.entry_key(identity)
        if (page := page_cache.lookup(key)) is not None:
            return _response(page, request, "hit")
        holds_lock = page_cache.claim_render(key)
        if not holds_lock and (page := page_cache.wait_for(key)) is not None:
            return _response(page, request, "hit")
        # Ours to render (or the renderer is slow or gone: render rather than keep the reader waiting).
        try:
            response = self.get_response(request)
            headers = list(response.headers.items())
            storable = page_cache.is_storable(
                response.status_code, headers, sets_cookie=bool(response.cookies), streaming=response.streaming
            )
            if request.method != "GET" or not storable:
                return response
            page = page_cache.store(key, response.status_code, headers, response.content)
        finally:
            if holds_lock:
                page_cache.release_render(key)
        return _response(page, request, "miss")
